/// One share of an image.
#[tc_model]
#[derive(Eq)]
pub struct SharePermission {
    /// When it was shared.
    pub created_time: String,
    pub account_id: String,
    #[tc(rename = "CPU")]
    pub cpu: Option<u64>,
    pub share_permission_set: Vec<SharePermission>,
}
