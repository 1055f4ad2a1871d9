//! A local Tencent Cloud API 3.0 endpoint.
