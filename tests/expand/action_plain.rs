#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImageSharePermission")]
pub struct DescribeImageSharePermission {
    pub image_id: String,
}
