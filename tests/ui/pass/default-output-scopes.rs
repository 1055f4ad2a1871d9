#![deny(warnings)]

// Wherever the response type is, beside the action or imported by name, and
// even inside a function, the action finds it (not the stand-in that reports
// a missing one).
use tc_core::{tc_action, tc_model, Action};

mod models {
    #[tc_core::tc_model]
    pub struct DescribeTagKeysResponse {
        pub total_count: u64,
    }
}

mod actions {
    use crate::models::DescribeTagKeysResponse;

    #[tc_core::tc_action(service = "tag", version = "2018-08-13", name = "DescribeTagKeys")]
    pub struct DescribeTagKeys {
        pub limit: Option<u64>,
    }

    pub fn output(_: DescribeTagKeysResponse) {}
}

fn main() {
    #[tc_action(service = "tag", version = "2018-08-13", name = "DescribeTags")]
    struct DescribeTags {
        limit: Option<u64>,
    }

    #[tc_model]
    struct DescribeTagsResponse {
        total_count: u64,
    }

    let out: <DescribeTags as Action>::Output = DescribeTagsResponse { total_count: 1 };
    assert_eq!(out.total_count, 1);
    let _ = DescribeTags { limit: None };

    let out: <actions::DescribeTagKeys as Action>::Output = Default::default();
    actions::output(out);
    let _ = actions::DescribeTagKeys { limit: Some(1) };
}
