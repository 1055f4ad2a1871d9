#[tc_action(
    service = "tag",
    version = "2018-08-13",
    name = "GetTagKeys",
    paginate(token = pagination_token, limit = max_results, items = tag_keys, item = String, next = pagination_token)
)]
#[derive(Default)]
pub struct GetTagKeys {
    pub pagination_token: Option<String>,
    pub max_results: Option<u64>,
}
