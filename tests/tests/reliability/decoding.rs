//! Lenient where the service is loose (`"253"` for a `u64`, with a warning
//! naming the JSON path), strict where a test asks: a misspelt member of a
//! user's response struct is caught instead of decoding to a default.

use tc_core::{Client, Credential, Error, tc_action, tc_model};

use crate::secrets::logs;
use crate::stand_in::{Answer, StandIn};

/// A call whose answer a test writes.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeLoose")]
pub struct DescribeLoose {}

/// What the service documents.
#[tc_model]
pub struct DescribeLooseResponse {
    /// A count.
    pub total_count: u64,
    /// A flag.
    pub enabled: bool,
    /// A name.
    pub name: String,
    /// Items.
    pub item_set: Vec<Item>,
    /// Identifies the call.
    pub request_id: String,
}

/// One item.
#[tc_model]
pub struct Item {
    /// Its size.
    pub size: Option<i64>,
}

/// The same call, its answer declared with a misspelt member.
#[tc_action(service = "cvm", version = "2017-03-12", name = "DescribeLoose", output = Misspelt)]
pub struct DescribeMisspelt {}

/// `total_cont`: a typo for `TotalCount`.
#[tc_model]
pub struct Misspelt {
    /// Misspelt.
    pub total_cont: u64,
    /// The flag.
    pub enabled: Option<bool>,
    /// The name.
    pub name: Option<String>,
    /// The items.
    pub item_set: Option<Vec<Item>>,
}

const LOOSE: &str = r#"{"Response":{"TotalCount":"253","Enabled":"false","Name":0,"ItemSet":[{"Size":"-4"}],"RequestId":"rid-loose"}}"#;

fn client(server: &StandIn, strict: bool) -> Client {
    Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDloose", "loose-key"))
        .strict_decoding(strict)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_number_written_as_a_string_decodes_with_a_warning() {
    let logs = logs();
    let server = StandIn::start(|_| Answer::ok(LOOSE)).await;
    // The log is the whole test binary's, and other tests decode the same
    // body: only lines of this call's span (its own region) count.
    const REGION: &str = "ap-loose-warnings";
    let out = Client::builder()
        .endpoint(server.endpoint())
        .credential(Credential::new("AKIDloose", "loose-key"))
        .region(REGION)
        .build()
        .unwrap()
        .send(DescribeLoose {})
        .await
        .unwrap();
    assert_eq!(out.total_count, 253);
    assert!(!out.enabled);
    assert_eq!(out.name, "0");
    assert_eq!(out.item_set[0].size, Some(-4));
    let text = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    for path in [
        "path=TotalCount",
        "path=Enabled",
        "path=Name",
        "path=ItemSet[0].Size",
    ] {
        assert!(
            text.lines()
                .any(|l| l.contains(path) && l.contains("loosely typed") && l.contains(REGION)),
            "no warning naming {path}:\n{text}"
        );
    }
    // Strict decoding reads loose values too: the service is loose, not the test.
    let strict = client(&server, true).send(DescribeLoose {}).await.unwrap();
    assert_eq!(strict.total_count, 253);
}

#[tokio::test]
async fn strict_decoding_catches_a_misspelt_member() {
    let server = StandIn::start(|_| Answer::ok(LOOSE)).await;
    // Lenient by default: the typo decodes to 0, silently.
    let out = client(&server, false)
        .send(DescribeMisspelt {})
        .await
        .unwrap();
    assert_eq!(out.total_cont, 0);
    let error = client(&server, true)
        .send(DescribeMisspelt {})
        .await
        .unwrap_err();
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error:?}");
    };
    assert!(
        decode.message().contains("unknown member `TotalCount`"),
        "{error}"
    );
}

#[tokio::test]
async fn strict_decoding_catches_a_missing_member() {
    let answer =
        r#"{"Response":{"TotalCount":1,"Enabled":true,"ItemSet":[],"RequestId":"rid-short"}}"#;
    let server = StandIn::start(move |_| Answer::ok(answer)).await;
    client(&server, false).send(DescribeLoose {}).await.unwrap();
    let error = client(&server, true)
        .send(DescribeLoose {})
        .await
        .unwrap_err();
    assert!(
        error.to_string().contains("missing field `Name`"),
        "{error}"
    );
}

#[tokio::test]
async fn strict_decoding_covers_streamed_chunks() {
    let mock = tc_mock::MockServer::builder()
        .credential("AKIDloose", "loose-key")
        .start()
        .await
        .unwrap();
    mock.on_stream(|_: DescribeMisspelt| {
        Ok(tc_mock::MockStream::new().chunk(serde_json::json!({ "TotalCount": 7 })))
    });
    let client = |strict| {
        mock.client_builder()
            .strict_decoding(strict)
            .build()
            .unwrap()
    };
    let mut lenient = client(false)
        .send_streaming(DescribeMisspelt {})
        .await
        .unwrap();
    assert_eq!(lenient.next().await.unwrap().unwrap().total_cont, 0);
    let mut strict = client(true)
        .send_streaming(DescribeMisspelt {})
        .await
        .unwrap();
    let error = strict.next().await.unwrap().unwrap_err();
    assert!(
        error.to_string().contains("unknown member `TotalCount`"),
        "{error}"
    );
}
