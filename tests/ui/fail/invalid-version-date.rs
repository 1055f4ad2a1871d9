use tc_core::tc_action;

// February 2017 has 28 days.
#[tc_action(service = "cvm", version = "2017-02-30", name = "DescribeRegions")]
pub struct DescribeRegions {}

fn main() {}
