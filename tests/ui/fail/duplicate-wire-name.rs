use tc_core::tc_model;

#[tc_model]
pub struct Image {
    pub image_id: String,
    #[tc(rename = "ImageId")]
    pub legacy_id: String,
}

fn main() {}
