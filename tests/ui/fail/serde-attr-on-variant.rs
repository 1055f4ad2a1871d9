use tc_core::tc_error;

#[tc_error]
pub enum TagError {
    #[tc(code = "ResourceNotFound")]
    ResourceNotFound,
    #[serde(rename = "InvalidParameterValue.ResourceIdInvalid")]
    ResourceIdInvalid,
}

// Still an error set for the code that uses it: nothing more is reported.
fn main() {
    let _ = TagError::ALL;
    let _ = TagError::ResourceIdInvalid.to_string();
}
