use tc_core::tc_error;

#[tc_error]
pub enum DescribeImagesError {
    #[tc(code = "InvalidImageId.NotFound")]
    InvalidImageIdNotFound,
    #[tc(code = "InvalidImageId.NotFound")]
    ImageNotFound,
}

fn main() {}
