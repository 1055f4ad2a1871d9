/// A `ClientToken` the caller must give (a plain `String`): only a non-empty
/// one makes retrying the call safe.
#[tc_action(
    service = "ssm",
    version = "2019-09-23",
    name = "CreateService",
    output = CreateServiceResponse
)]
pub struct CreateService {
    pub pay_mode: String,
    pub client_token: String,
}
