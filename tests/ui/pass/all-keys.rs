#![deny(warnings)]

use std::num::NonZeroU32;

use tc_core::{tc_action, tc_error, tc_model, Action, Method};

mod responses {
    use tc_core::tc_model;

    #[tc_model]
    pub struct Instances {
        pub total_count: u64,
        pub request_id: String,
    }
}

#[tc_error]
pub enum DescribeInstancesError {
    #[tc(code = "InvalidFilter")]
    InvalidFilter,
}

#[tc_model]
pub struct Filter {
    pub name: String,
    pub values: Vec<String>,
}

#[tc_action(
    service = "cvm",
    version = "2017-03-12",
    name = "DescribeInstances",
    output = responses::Instances,
    error = DescribeInstancesError,
    method = "GET",
    rate_limit = 40,
    crate = "::tc_core",
)]
pub struct DescribeInstances {
    pub instance_ids: Option<Vec<String>>,
    pub filters: Option<Vec<Filter>>,
    #[tc(rename = "Offset")]
    pub start: Option<i64>,
    pub limit: Option<i64>,
}

fn main() {
    assert_eq!(DescribeInstances::METHOD, Method::Get);
    assert_eq!(DescribeInstances::RATE_LIMIT, NonZeroU32::new(40));
    let _: fn() -> <DescribeInstances as Action>::Output = responses::Instances::default;
    let _: Option<<DescribeInstances as Action>::Error> = None::<DescribeInstancesError>;
}
