use tc_core::{tc_action, tc_model};

// The element type is not named: one error naming `item = ...`.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeInstances",
    paginate(offset = offset, limit = limit, items = instance_set)
)]
pub struct DescribeInstances {
    pub offset: Option<u64>,
    pub limit: Option<u64>,
    pub next_token: Option<String>,
}

#[tc_model]
pub struct Instance {
    pub instance_id: String,
}

#[tc_model]
pub struct DescribeInstancesResponse {
    pub instance_set: Vec<Instance>,
    pub total_count: u64,
    pub next_token: Option<String>,
}

fn main() {}
