use tc_core::tc_model;

#[tc_model]
pub struct TagResource {
    #[serde(rename = "TagKey")]
    pub key: String,
    pub tag_value: String,
}

// Still a model for the structs that use it: nothing more is reported.
#[tc_model]
pub struct DescribeResourceTagsByResourceIdsResponse {
    pub tags: Vec<TagResource>,
    pub request_id: String,
}

fn main() {
    let tag = TagResource { key: "env".into(), tag_value: "prod".into() };
    let _ = DescribeResourceTagsByResourceIdsResponse { tags: vec![tag.clone()], request_id: String::new() };
}
