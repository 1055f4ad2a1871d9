use tc_core::tc_action;

// No `DescribeRegionsResponse` beside it, and no `output = ...`.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeRegions")]
pub struct DescribeRegions {}

fn main() {}
