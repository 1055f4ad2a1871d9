use tc_core::tc_action;

pub struct Regions;

#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeRegions", output = Regions)]
pub struct DescribeRegions {}

fn main() {}
