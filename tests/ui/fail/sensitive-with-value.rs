use tc_core::tc_model;

#[tc_model]
pub struct Login {
    #[tc(sensitive = true)]
    pub pin: String,
}

fn main() {}
