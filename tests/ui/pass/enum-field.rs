#![deny(warnings)]

use tc_core::{tc_action, tc_model};

// The fix the `enum-field` failure names: serde's derives for the wire values,
// the plain-data derives, and an empty `WireType` impl.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ChargeType {
    #[default]
    #[serde(rename = "PREPAID")]
    Prepaid,
    #[serde(rename = "POSTPAID_BY_HOUR")]
    PostpaidByHour,
}

impl tc_core::WireType for ChargeType {}

// `Default` comes with the attribute: a request is written from its defaults.
#[tc_action(service = "cvm", version = "2017-03-12", name = "InquiryPriceRunInstances")]
pub struct InquiryPriceRunInstances {
    pub charge_type: ChargeType,
    pub instance_count: Option<u64>,
}

#[tc_model]
pub struct InquiryPriceRunInstancesResponse {
    pub charge_type: ChargeType,
}

fn main() {
    let request = InquiryPriceRunInstances {
        charge_type: ChargeType::PostpaidByHour,
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_string(&request).unwrap(),
        r#"{"ChargeType":"POSTPAID_BY_HOUR"}"#
    );
    let response: InquiryPriceRunInstancesResponse =
        serde_json::from_str(r#"{"ChargeType":"PREPAID"}"#).unwrap();
    assert_eq!(response.charge_type, ChargeType::Prepaid);
    assert_eq!(InquiryPriceRunInstances::default().charge_type, ChargeType::Prepaid);
}
