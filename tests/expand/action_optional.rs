/// Optional parameters are left out of the request when `None`.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImages")]
#[derive(Default)]
pub struct DescribeImages {
    /// Required: always sent.
    pub instance_type: String,
    pub image_ids: Option<Vec<String>>,
    pub offset: Option<u64>,
    pub limit: ::core::option::Option<u64>,
}
