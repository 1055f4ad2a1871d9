use tc_core::{tc_action, tc_model, Client, Error};

#[tc_action(
    service = "tag",
    version = "2018-08-13",
    name = "DescribeResourceTagsByResourceIds",
    error = TagError
)]
pub struct DescribeResourceTagsByResourceIds {
    pub resource_ids: Vec<String>,
}

#[tc_model]
pub struct DescribeResourceTagsByResourceIdsResponse {
    pub request_id: String,
}

// Forgot #[tc_error].
pub enum TagError {
    ResourceIdInvalid,
}

async fn call(client: &Client) -> Result<String, Error> {
    let request = DescribeResourceTagsByResourceIds { resource_ids: vec!["ins-1".into()] };
    match client.send(request).await {
        Err(e) if e.is(TagError::ResourceIdInvalid) => Ok(String::new()),
        other => Ok(other?.request_id),
    }
}

fn main() {
    let _ = call;
}
