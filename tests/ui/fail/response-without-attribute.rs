use tc_core::{tc_action, Client, Error};

#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeResourceTagsByResourceIds")]
pub struct DescribeResourceTagsByResourceIds {
    pub service_type: String,
    pub resource_ids: Vec<String>,
}

// Forgot #[tc_model].
pub struct DescribeResourceTagsByResourceIdsResponse {
    pub total_count: u64,
    pub request_id: String,
}

async fn count(client: &Client) -> Result<u64, Error> {
    let request = DescribeResourceTagsByResourceIds {
        service_type: "cvm".into(),
        resource_ids: vec!["ins-1".into()],
    };
    Ok(client.send(request).await?.total_count)
}

fn main() {
    let _ = count;
}
