use tc_core::tc_action;

#[tc_action(version = "2017-03-12", name = "DescribeImageSharePermission")]
pub struct DescribeImageSharePermission {
    pub image_id: String,
}

fn main() {}
