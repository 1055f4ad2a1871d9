use tc_core::tc_model;

#[tc_model]
#[tc(rename = "Picture")]
pub struct Image {
    pub image_id: String,
}

fn main() {}
