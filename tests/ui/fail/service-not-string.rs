use tc_core::tc_action;

#[tc_action(service = cvm, version = "2017-03-12", name = "DescribeRegions")]
pub struct DescribeRegions {}

fn main() {}
