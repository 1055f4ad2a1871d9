use tc_core::{tc_action, tc_model};

// A plain enum as a member: one error, at the type, naming what an enum needs
// (not `#[tc_model]`, which is for structs).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum ChargeType {
    #[default]
    Prepaid,
    Postpaid,
}

#[tc_action(service = "cvm", version = "2017-03-12", name = "InquiryPriceRunInstances")]
pub struct InquiryPriceRunInstances {
    pub charge_type: ChargeType,
}

#[tc_model]
pub struct InquiryPriceRunInstancesResponse {
    pub request_id: String,
}

fn main() {}
