//! Tencent Cloud CVM (Cloud Virtual Machine), API version 2017-03-12.
