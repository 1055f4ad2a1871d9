#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "RunInstances",
    rate_limit = 10,
    method = "POST",
)]
pub struct RunInstances {
    pub image_id: String,
    pub instance_count: Option<u64>,
}
