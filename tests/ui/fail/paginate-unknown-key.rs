use tc_core::{tc_action, tc_model};

// A misspelt key: one error at it, listing the keys.
#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeInstances",
    paginate(offest = offset, offset = offset, items = instance_set, item = Instance)
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
