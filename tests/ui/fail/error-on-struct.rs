use tc_core::tc_error;

#[tc_error]
pub struct DescribeImagesError {
    pub code: String,
}

fn main() {}
