#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeRegions", method = "GET")]
pub struct DescribeRegions {}
