#[tc_action(crate = "tc", service = "cvm", version = "2017-03-12", name = "StartInstances")]
pub(crate) struct StartInstances {
    pub instance_ids: Vec<String>,
}
