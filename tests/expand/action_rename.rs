#[tc_action(service = "cvm", version = "2017-03-12", name = "ModifyInstancesRole")]
#[derive(Debug, Clone)]
pub struct ModifyInstancesRole {
    #[tc(rename = "CAMRoleName")]
    pub cam_role_name: String,
    pub ipv6_address_count: u64,
    pub r#type: String,
    #[tc(rename = "TargetOSType")]
    pub target_os_type: Option<String>,
}
