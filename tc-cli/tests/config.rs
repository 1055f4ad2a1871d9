//! Configuration as tccli users have it: `~/.tccli/<profile>.configure` and
//! `.credential`, the environment, and `tc configure list`.

mod common;

use common::{Endpoint, Home, SECRET_ID, SECRET_KEY, tc, tc_with_env};

fn credential(id: &str, key: &str) -> String {
    format!(r#"{{"secretId": "{id}", "secretKey": "{key}"}}"#)
}

#[test]
fn a_tccli_profile_supplies_keys_region_and_endpoint() {
    let endpoint = Endpoint::start();
    let home = Home::new("profile");
    // tccli writes the service's endpoint as a host name; a URL works too.
    home.tccli(
        "default.configure",
        &format!(
            r#"{{"_sys_param": {{"region": "ap-guangzhou", "output": "json"}}, "cvm": {{"endpoint": "{}", "version": "2017-03-12"}}}}"#,
            endpoint.url()
        ),
    );
    home.tccli("default.credential", &credential(SECRET_ID, SECRET_KEY));
    let run = tc(
        &home.0,
        &[
            "cvm",
            "DescribeImageSharePermission",
            "--ImageId",
            "img-6pb6lrmy",
        ],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.json()["SharePermissionSet"].as_array().unwrap().len(),
        2
    );

    // Another profile, named on the command line or by TCCLI_PROFILE, with a
    // key the endpoint does not know: its keys are the ones sent.
    home.tccli("other.credential", &credential(SECRET_ID, "not-the-key"));
    let url = endpoint.url();
    let args = [
        "cvm",
        "DescribeImageSharePermission",
        "--ImageId",
        "img-6pb6lrmy",
        "--endpoint",
        &url,
        "--region",
        "ap-guangzhou",
    ];
    let run = tc(&home.0, &[&args[..], &["--profile", "other"]].concat());
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.starts_with("AuthFailure.SignatureFailure"),
        "{}",
        run.stderr
    );
    let run = tc_with_env(&home.0, &args, &[("TCCLI_PROFILE", "other")]);
    assert_eq!(run.code, 1, "{run:?}");

    // Without --profile the environment's keys come before the profile's,
    // as in tccli; with --profile the environment is not read.
    let env = [
        ("TENCENTCLOUD_SECRET_ID", SECRET_ID),
        ("TENCENTCLOUD_SECRET_KEY", "wrong-key"),
    ];
    let run = tc_with_env(&home.0, &args, &env);
    assert_eq!(run.code, 1, "{run:?}");
    let run = tc_with_env(
        &home.0,
        &[&args[..], &["--profile", "default"]].concat(),
        &env,
    );
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn configure_list_shows_the_sources_with_secrets_masked() {
    let home = Home::new("configure-list");
    home.tccli(
        "default.configure",
        r#"{"_sys_param": {"region": "ap-shanghai", "output": "table"}}"#,
    );
    home.tccli("default.credential", &credential(SECRET_ID, SECRET_KEY));
    let run = tc(&home.0, &["configure", "list"]);
    assert_eq!(run.code, 0, "{run:?}");
    let out = &run.stdout;
    assert!(
        out.contains("region       ap-shanghai (tccli profile)"),
        "{out}"
    );
    assert!(out.contains("output       table"), "{out}");
    assert!(out.contains("****0001 (tccli profile `default`)"), "{out}");
    assert!(
        !out.contains(SECRET_KEY) && !out.contains(SECRET_ID),
        "{out}"
    );

    let run = tc_with_env(
        &home.0,
        &["configure", "list"],
        &[("TENCENTCLOUD_REGION", "ap-tokyo")],
    );
    assert!(
        run.stdout
            .contains("region       ap-tokyo (TENCENTCLOUD_REGION)"),
        "{}",
        run.stdout
    );

    // A broken file is named, its contents never printed.
    home.tccli("default.credential", &format!("secretKey={SECRET_KEY}"));
    let run = tc(&home.0, &["configure", "list"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("default.credential: not a JSON object"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains(SECRET_KEY));
}
