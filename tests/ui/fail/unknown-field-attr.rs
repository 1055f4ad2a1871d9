use tc_core::tc_model;

#[tc_model]
pub struct Image {
    #[tc(skip)]
    pub image_id: String,
}

fn main() {}
