/// A secret's value: `SecretString` is on the sensitive list, `pin` is marked.
#[tc_model]
pub struct SecretValue {
    pub secret_name: String,
    pub secret_string: Option<String>,
    #[tc(sensitive)]
    pub pin: u32,
}
