use tc_core::tc_action;

#[tc_action]
pub struct DescribeImageSharePermission {
    pub image_id: String,
}

fn main() {}
