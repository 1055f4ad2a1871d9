use tc_core::tc_model;

#[tc_model(crate = "tc core")]
pub struct Placement {
    pub zone: String,
}

fn main() {}
