use tc_core::tc_action;

#[tc_action(service = "cvm", version = "v3", name = "DescribeRegions")]
pub struct DescribeRegions {}

fn main() {}
