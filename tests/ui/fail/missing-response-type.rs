use tc_core::{tc_action, Client, Error};

// No `DescribeResourceTagsByResourceIdsResponse` beside it, and no `output = ...`:
// the error says so where the action is declared, and again where its
// response is used.
#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeResourceTagsByResourceIds")]
pub struct DescribeResourceTagsByResourceIds {
    pub resource_ids: Vec<String>,
}

async fn count(client: &Client) -> Result<u64, Error> {
    let request = DescribeResourceTagsByResourceIds { resource_ids: vec!["ins-1".into()] };
    Ok(client.send(request).await?.total_count)
}

fn main() {
    let _ = count;
}
