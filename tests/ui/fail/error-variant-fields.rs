use tc_core::tc_error;

#[tc_error]
pub enum DescribeImagesError {
    #[tc(code = "InvalidImageId.NotFound")]
    InvalidImageIdNotFound { image_id: String },
    #[tc(code = "InvalidImageId.Malformed")]
    InvalidImageIdMalformed(String),
}

fn main() {}
