use tc_core::tc_action;

// No `DescribeResourceTagsByResourceIdsResponse` beside it, and no `output = ...`.
#[tc_action(service = "tag", version = "2018-08-13", name = "DescribeResourceTagsByResourceIds")]
pub struct DescribeResourceTagsByResourceIds {
    pub resource_ids: Vec<String>,
}

fn main() {}
