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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagError {
    ResourceIdInvalid,
}

async fn call(client: &Client) -> Result<String, Error> {
    let request = DescribeResourceTagsByResourceIds { resource_ids: vec!["ins-1".into()] };
    Ok(client.send(request).await?.request_id)
}

fn main() {
    let _ = call;
}
