use std::time::Instant;

use tc_core::{tc_action, tc_model, Client, Error};

// `Instant` has no form on the wire: one error, at the type, and the call
// below still type-checks.
#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeResourceTagsByResourceIds")]
pub struct DescribeResourceTagsByResourceIds {
    pub service_type: String,
    pub resource_ids: Vec<String>,
    pub since: Instant,
}

#[tc_model]
pub struct DescribeResourceTagsByResourceIdsResponse {
    pub total_count: u64,
    pub request_id: String,
}

async fn call(client: &Client) -> Result<u64, Error> {
    let request = DescribeResourceTagsByResourceIds {
        service_type: "cvm".into(),
        resource_ids: vec!["ins-1".into()],
        since: Instant::now(),
    };
    Ok(client.send(request).await?.total_count)
}

fn main() {
    let _ = call;
}
