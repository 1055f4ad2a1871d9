use tc_core::tc_model;

#[tc_model(service = "cvm")]
pub struct Image {
    pub image_id: String,
}

fn main() {}
