//! Attribute macros for Tencent Cloud API 3.0 calls. Use them through `tc_core`
//! (`use tc_core::tc_action;`): the generated code names `::tc_core` paths.
