/// A mutating action with a `ClientToken`: the client fills it in when unset,
/// which makes retrying the call safe.
#[tc_action(service = "cvm", version = "2017-03-12", name = "CreateDisasterRecoverGroup")]
pub struct CreateDisasterRecoverGroup {
    pub name: String,
    pub client_token: Option<String>,
}
