use tc_core::{tc_action, tc_model, Client, Error};

#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeResourceTagsByResourceIds")]
pub struct DescribeResourceTagsByResourceIds {
    pub service_type: String,
    pub resource_ids: Vec<String>,
}

#[tc_model]
pub struct DescribeResourceTagsByResourceIdsResponse {
    pub total_count: u64,
    pub tags: Vec<TagResource>,
    pub request_id: String,
}

// Forgot #[tc_model]: one error, where the response uses it.
pub struct TagResource {
    pub tag_key: String,
    pub tag_value: String,
    pub resource_id: String,
}

async fn first_key(client: &Client) -> Result<String, Error> {
    let request = DescribeResourceTagsByResourceIds {
        service_type: "cvm".into(),
        resource_ids: vec!["ins-1".into()],
    };
    let out = client.send(request).await?;
    Ok(out.tags.into_iter().next().map(|tag| tag.tag_key).unwrap_or_default())
}

fn main() {
    let _ = first_key;
}
