use tc_core::{tc_action, tc_model, Client, Error};

#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeTagKeys")]
#[serde(rename_all = "PascalCase")]
pub struct DescribeTagKeys {
    pub limit: Option<u64>,
}

#[tc_model]
pub struct DescribeTagKeysResponse {
    pub total_count: u64,
}

// Still an action for the code that sends it: nothing more is reported.
async fn count(client: &Client) -> Result<u64, Error> {
    Ok(client.send(DescribeTagKeys { limit: Some(10) }).await?.total_count)
}

fn main() {
    let _ = count;
}
