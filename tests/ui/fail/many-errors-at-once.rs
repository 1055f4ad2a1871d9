use tc_core::tc_action;

// Every mistake of the attribute is reported in one compile.
#[tc_action(
    service = "CVM",
    version = "2017-02-30",
    name = "describeImages",
    method = "PUT",
    rate_limit = 0,
    colour = "blue",
)]
pub struct DescribeImages {
    #[tc(rename = "")]
    pub image_ids: Vec<String>,
    #[tc(renmae = "Limit")]
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    #[tc(rename = "Offset")]
    pub start: Option<u64>,
}

fn main() {}
