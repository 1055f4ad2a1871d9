use tc_core::tc_error;

#[tc_error]
pub enum DescribeImagesError {
    #[tc(code = "")]
    InvalidImageIdNotFound,
}

fn main() {}
