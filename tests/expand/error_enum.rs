/// The codes `DescribeImageSharePermission` documents.
#[tc_error]
#[non_exhaustive]
pub enum DescribeImageSharePermissionError {
    /// The image does not exist.
    #[tc(code = "InvalidImageId.NotFound")]
    InvalidImageIdNotFound,
    /// The image id is malformed.
    #[tc(code = "InvalidImageId.Malformed")]
    InvalidImageIdMalformed,
    #[tc(code = "UnauthorizedOperation.ImageNotBelongToAccount")]
    ImageNotBelongToAccount,
}
