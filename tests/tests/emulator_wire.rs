//! The emulations' own declaration of CVM's wire (tc-emulator's
//! `cvm/wire.rs`, which depends on no service crate) held to tc-cvm's: every
//! member they answer with reads back unchanged through tc-cvm's types, each
//! request member they read is the one tc-cvm's client sends, and each code
//! they answer with is one of tc-cvm's.

use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tc_core::{Client, Error, RetryConfig};
use tc_cvm::errors::CvmErrorCode;
use tc_cvm::models::Placement;
use tc_cvm::{DescribeImages, DescribeInstances, RunInstances, StopInstances, TerminateInstances};
use tc_emulator::cvm::{ImageSharing, InstanceTimings, Instances};
use tc_mock::MockServer;

/// Both emulations on one endpoint (`images`, and instances that change
/// state after `timing`), and a client of it without retries.
async fn cvm(images: ImageSharing, timing: Duration) -> (MockServer, Client, Arc<Instances>) {
    let mock = MockServer::builder()
        .credential("AKIDwiretest", "wire-test-key")
        .start()
        .await
        .unwrap();
    Arc::new(images).install(&mock);
    let instances = Arc::new(Instances::new(InstanceTimings::all(timing)));
    instances.install(&mock);
    let client = mock
        .client_builder()
        .region("ap-guangzhou")
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    (mock, client, instances)
}

/// The tc-cvm code a call failed with.
fn code<T: Debug>(result: Result<T, Error>) -> CvmErrorCode {
    let error = result.unwrap_err();
    *error
        .action_error::<CvmErrorCode>()
        .unwrap_or_else(|| panic!("not one of tc-cvm's codes: {error}"))
}

/// Members of `sent` (at any depth) that `kept` lacks or holds another value
/// for, each named by its path.
fn not_kept(sent: &Value, kept: &Value, at: &str, out: &mut Vec<String>) {
    match (sent, kept) {
        (Value::Object(sent), Value::Object(kept)) => {
            for (name, value) in sent {
                match kept.get(name) {
                    Some(back) => not_kept(value, back, &format!("{at}.{name}"), out),
                    None => out.push(format!("{at}.{name}")),
                }
            }
        }
        (Value::Array(sent), Value::Array(kept)) if sent.len() == kept.len() => {
            for (i, (value, back)) in sent.iter().zip(kept).enumerate() {
                not_kept(value, back, &format!("{at}[{i}]"), out);
            }
        }
        _ if sent == kept => {}
        _ => out.push(format!("{at}: sent {sent}, read back as {kept}")),
    }
}

/// Calls `action` by name and reads its answer into tc-cvm's response type
/// `R`: every member the emulation sent must come back out of `R` unchanged,
/// so that none is unknown to tc-cvm, misspelt or of another type.
async fn answer_fits<R: DeserializeOwned + Serialize>(
    client: &Client,
    action: &str,
    params: Value,
) -> Value {
    let sent = client
        .send_json("cvm", "2017-03-12", action, params)
        .await
        .unwrap_or_else(|e| panic!("{action}: {e}"));
    let read: R = serde_json::from_value(sent.clone()).unwrap();
    let mut lost = Vec::new();
    not_kept(
        &sent,
        &serde_json::to_value(&read).unwrap(),
        action,
        &mut lost,
    );
    assert!(lost.is_empty(), "not in tc-cvm's answer: {lost:#?}");
    sent
}

#[tokio::test]
async fn every_member_the_emulations_answer_with_is_tc_cvms() {
    let (_mock, client, instances) = cvm(ImageSharing::seeded(), Duration::ZERO).await;
    let running = instances.seed_running(1);

    let shares = answer_fits::<tc_cvm::DescribeImageSharePermissionResponse>(
        &client,
        "DescribeImageSharePermission",
        json!({ "ImageId": "img-6pb6lrmy" }),
    )
    .await;
    assert_eq!(
        shares["SharePermissionSet"][0]["CreatedTime"],
        "2018-06-10T11:02:50Z"
    );
    answer_fits::<tc_cvm::ModifyImageSharePermissionResponse>(
        &client,
        "ModifyImageSharePermission",
        json!({ "ImageId": "img-6pb6lrmy", "AccountIds": ["101104350002"], "Permission": "SHARE" }),
    )
    .await;
    let images =
        answer_fits::<tc_cvm::DescribeImagesResponse>(&client, "DescribeImages", json!({})).await;
    assert_eq!(
        images["ImageSet"][1]["OsName"],
        "Ubuntu Server 22.04 LTS 64bit"
    );
    let ran = answer_fits::<tc_cvm::RunInstancesResponse>(
        &client,
        "RunInstances",
        json!({ "InstanceCount": 1, "Placement": { "Zone": "ap-guangzhou-3" } }),
    )
    .await;
    let listed = answer_fits::<tc_cvm::DescribeInstancesResponse>(
        &client,
        "DescribeInstances",
        json!({ "Limit": 100 }),
    )
    .await;
    assert_eq!(listed["TotalCount"], 2);
    assert_eq!(
        listed["InstanceSet"][1]["InstanceId"],
        ran["InstanceIdSet"][0]
    );
    assert_eq!(
        listed["InstanceSet"][1]["Placement"]["Zone"],
        "ap-guangzhou-3"
    );
    assert_eq!(listed["InstanceSet"][1]["CPU"], 1);
    let ids = json!({ "InstanceIds": running });
    answer_fits::<tc_cvm::StopInstancesResponse>(&client, "StopInstances", ids.clone()).await;
    answer_fits::<tc_cvm::StartInstancesResponse>(&client, "StartInstances", ids.clone()).await;
    answer_fits::<tc_cvm::TerminateInstancesResponse>(&client, "TerminateInstances", ids).await;
}

#[tokio::test]
async fn instances_keep_each_member_run_instances_was_given() {
    let (_mock, client, _) = cvm(ImageSharing::seeded(), Duration::from_secs(60)).await;
    let ran = client
        .send(RunInstances {
            instance_count: Some(2),
            instance_type: Some("SA2.MEDIUM4".into()),
            image_id: Some("img-8toqc6s3".into()),
            instance_name: Some("web".into()),
            placement: Some(Placement {
                zone: "ap-guangzhou-3".into(),
                project_id: Some(7),
                ..Placement::default()
            }),
            dry_run: Some(false),
            ..RunInstances::default()
        })
        .await
        .unwrap();
    assert_eq!(ran.instance_id_set.len(), 2);

    let second = ran.instance_id_set[1].clone();
    let listed = client
        .send(DescribeInstances {
            instance_ids: Some(vec![second.clone()]),
            ..DescribeInstances::default()
        })
        .await
        .unwrap();
    assert_eq!(listed.total_count, 1);
    let instance = &listed.instance_set[0];
    assert_eq!(
        (
            instance.instance_id.as_str(),
            instance.instance_name.as_str(),
            instance.instance_type.as_str(),
            instance.image_id.as_str(),
            instance.placement.zone.as_str(),
            instance.instance_state.as_str(),
            instance.instance_charge_type.as_str(),
            (instance.cpu, instance.memory),
        ),
        (
            second.as_str(),
            "web",
            "SA2.MEDIUM4",
            "img-8toqc6s3",
            "ap-guangzhou-3",
            "PENDING",
            "POSTPAID_BY_HOUR",
            (1, 1),
        )
    );
    assert_eq!(instance.placement.project_id, None, "not emulated");

    let page = client
        .send(DescribeInstances {
            offset: Some(1),
            limit: Some(1),
            ..DescribeInstances::default()
        })
        .await
        .unwrap();
    assert_eq!((page.total_count, page.instance_set.len()), (2, 1));
    assert_eq!(page.instance_set[0].instance_id, second);
}

#[tokio::test]
async fn instance_rules_answer_with_tc_cvms_codes() {
    let (_mock, client, _) = cvm(ImageSharing::seeded(), Duration::from_secs(60)).await;
    let ran = client.send(RunInstances::default()).await.unwrap();

    for (offset, limit) in [(Some(-1), None), (None, Some(0)), (None, Some(101))] {
        let request = DescribeInstances {
            offset,
            limit,
            ..DescribeInstances::default()
        };
        assert_eq!(
            code(client.send(request).await),
            CvmErrorCode::InvalidParameterValueLimitExceeded
        );
    }
    let stop = |ids: Vec<String>| StopInstances {
        instance_ids: ids,
        ..StopInstances::default()
    };
    assert_eq!(
        code(client.send(stop(vec!["ins-00000000".into()])).await),
        CvmErrorCode::InvalidInstanceIdNotFound
    );
    assert_eq!(
        code(client.send(stop(ran.instance_id_set.clone())).await),
        CvmErrorCode::UnsupportedOperationInstanceStatePending
    );
    let terminate = TerminateInstances {
        instance_ids: ran.instance_id_set,
        ..TerminateInstances::default()
    };
    assert_eq!(
        code(client.send(terminate).await),
        CvmErrorCode::UnsupportedOperationInstanceStatePending
    );
}

#[tokio::test]
async fn describe_images_pages_by_offset_and_limit() {
    let owned = ImageSharing::seeded().with_owner_account("100000000042");
    let (_mock, client, _) = cvm(owned, Duration::ZERO).await;
    let page = client
        .send(DescribeImages {
            offset: Some(1),
            limit: Some(1),
            ..DescribeImages::default()
        })
        .await
        .unwrap();
    assert_eq!(page.total_count, 2);
    let image = &page.image_set[0];
    assert_eq!(
        (
            image.image_id.as_str(),
            image.image_name.as_str(),
            image.image_creator.as_str(),
            image.image_state.as_str(),
            image.image_size,
        ),
        ("img-8toqc6s3", "batch-worker", "100000000042", "NORMAL", 50)
    );
    let malformed = DescribeImages {
        image_ids: Some(vec!["img-BAD".into()]),
        ..DescribeImages::default()
    };
    assert_eq!(
        code(client.send(malformed).await),
        CvmErrorCode::InvalidImageIdMalformed
    );
}
