use tc_core::tc_model;

#[tc_model]
pub union Price {
    pub cents: u64,
    pub yuan: f64,
}

fn main() {}
