use tc_core::{tc_action, tc_error, tc_model, Client, Error};

// One variant lacks its code: that is the one error, even though the enum is
// used by an action and matched on below.
#[tc_error]
pub enum TagError {
    #[tc(code = "InvalidParameterValue.ResourceIdInvalid")]
    ResourceIdInvalid,
    ResourceNotFound,
}

#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeTagKeys", error = TagError)]
pub struct DescribeTagKeys {
    pub limit: Option<u64>,
}

#[tc_model]
pub struct DescribeTagKeysResponse {
    pub request_id: String,
}

async fn call(client: &Client) -> Result<DescribeTagKeysResponse, Error> {
    match client.send(DescribeTagKeys { limit: None }).await {
        Err(e) if e.is(TagError::ResourceNotFound) => Err(e),
        other => other,
    }
}

fn main() {
    let _ = call;
    let _ = TagError::ALL;
}
