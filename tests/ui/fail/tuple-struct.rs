use tc_core::tc_action;

#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeImages")]
pub struct DescribeImages(pub String);

fn main() {}
