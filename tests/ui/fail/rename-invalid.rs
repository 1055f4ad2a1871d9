use tc_core::tc_model;

#[tc_model]
pub struct Image {
    #[tc(rename = "Image.Id")]
    pub image_id: String,
}

fn main() {}
