use tc_core::tc_action;

// The one mistake is the action name. The struct is still emitted as written
// (without the #[tc(...)] helper), so the code below reports nothing more.
#[tc_action(service = "cvm", version = "2017-03-12", name = "describeImages")]
pub struct DescribeImages {
    #[tc(rename = "ImageIds")]
    pub image_ids: Vec<String>,
    pub limit: Option<u64>,
}

fn build(image: &str) -> DescribeImages {
    DescribeImages {
        image_ids: vec![image.to_owned()],
        limit: Some(10),
    }
}

fn main() {
    let request = build("img-6pb6lrmy");
    assert_eq!(request.image_ids.len(), 1);
    assert_eq!(request.limit.unwrap_or(20), 10);
}
