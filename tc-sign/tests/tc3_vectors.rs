//! The signer against the official TC3 worked examples in `tests/data/tc3.json`,
//! every intermediate value compared: the two of the signature documentation
//! and one produced by the official Python SDK with an unsigned payload
//! (`tests/data/make_unsigned_vector.py`).

use serde_json::Value;
use tc_sign::{self as sign, Payload, SigningInput, parse_authorization};

fn vectors() -> Vec<Value> {
    let text = include_str!("data/tc3.json");
    let file: Value = serde_json::from_str(text).expect("tc3.json is JSON");
    file["vectors"].as_array().expect("a vectors array").clone()
}

fn field<'a>(vector: &'a Value, name: &str) -> &'a str {
    vector[name]
        .as_str()
        .unwrap_or_else(|| panic!("vector field {name}"))
}

#[test]
fn every_official_vector_reproduces_every_intermediate_value() {
    let vectors = vectors();
    let names: Vec<&str> = vectors.iter().map(|v| field(v, "name")).collect();
    assert_eq!(
        names,
        [
            "doc-v3-with-x-tc-action",
            "sdk-content-type-host",
            "sdk-unsigned-payload"
        ]
    );

    for vector in &vectors {
        let action = field(vector, "action").to_ascii_lowercase();
        let all_headers = [
            ("content-type", field(vector, "content_type")),
            ("host", field(vector, "host")),
            ("x-tc-action", action.as_str()),
        ];
        let signed: Vec<&str> = field(vector, "signed_headers").split(';').collect();
        let headers: Vec<(&str, &str)> = all_headers
            .iter()
            .copied()
            .filter(|(name, _)| signed.contains(name))
            .collect();
        assert_eq!(headers.len(), signed.len());

        let input = SigningInput {
            method: field(vector, "method"),
            path: field(vector, "path"),
            query: field(vector, "query"),
            headers: &headers,
            payload: if vector["unsigned_payload"] == true {
                Payload::Unsigned
            } else {
                Payload::Bytes(field(vector, "payload").as_bytes())
            },
            timestamp: vector["timestamp"].as_u64().expect("timestamp"),
            service: field(vector, "service"),
        };
        let got = sign::sign(
            &input,
            field(vector, "secret_id"),
            field(vector, "secret_key"),
        );
        let name = field(vector, "name");
        assert_eq!(
            got.canonical_request,
            field(vector, "canonical_request"),
            "{name}"
        );
        assert_eq!(
            got.hashed_canonical_request,
            field(vector, "hashed_canonical_request"),
            "{name}"
        );
        assert_eq!(
            got.string_to_sign,
            field(vector, "string_to_sign"),
            "{name}"
        );
        assert_eq!(got.date, field(vector, "date"), "{name}");
        assert_eq!(
            got.signed_headers,
            field(vector, "signed_headers"),
            "{name}"
        );
        assert_eq!(got.signature, field(vector, "signature"), "{name}");
        assert_eq!(got.authorization, field(vector, "authorization"), "{name}");

        // The senders' fast path, with a cached key, writes the same value.
        let cache = sign::SigningKeyCache::new();
        let mut fast = String::new();
        for _ in 0..2 {
            cache.write_authorization(
                &mut fast,
                &input,
                field(vector, "secret_id"),
                field(vector, "secret_key"),
            );
            assert_eq!(fast, field(vector, "authorization"), "{name}");
        }

        let parsed = parse_authorization(field(vector, "authorization")).expect("parses");
        assert_eq!(parsed.signature, field(vector, "signature"));
        assert_eq!(parsed.signed_headers, signed);
    }
}

#[test]
fn a_changed_byte_changes_the_signature() {
    let vector = &vectors()[1];
    let headers = [
        ("content-type", field(vector, "content_type")),
        ("host", field(vector, "host")),
    ];
    let payload = field(vector, "payload").replace("Limit\": 1", "Limit\": 2");
    let input = SigningInput {
        method: "POST",
        path: "/",
        query: "",
        headers: &headers,
        payload: Payload::Bytes(payload.as_bytes()),
        timestamp: 1_551_113_065,
        service: "cvm",
    };
    let got = sign::sign(
        &input,
        field(vector, "secret_id"),
        field(vector, "secret_key"),
    );
    assert_ne!(got.signature, field(vector, "signature"));
}
