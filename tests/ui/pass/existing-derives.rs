#![deny(warnings)]

use tc_core::{tc_action, tc_error, tc_model};

// Derives the user already wrote are not derived twice, whatever their path.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeZones")]
#[derive(Debug, core::clone::Clone, Default)]
pub struct DescribeZones {}

#[tc_model]
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DescribeZonesResponse {
    pub total_count: u64,
}

#[tc_error]
#[derive(Clone, Copy, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DescribeZonesError {
    #[tc(code = "UnsupportedRegion")]
    UnsupportedRegion = 1,
}

fn main() {
    let _ = DescribeZones::default().clone();
    assert!(DescribeZonesResponse::default() <= DescribeZonesResponse { total_count: 1 });
    assert_eq!(DescribeZonesError::ALL, &[DescribeZonesError::UnsupportedRegion]);
}
