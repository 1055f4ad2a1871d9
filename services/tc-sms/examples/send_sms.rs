//! Send a text message with SMS `SendSms`, end to end.
//!
//! ```text
//! cargo run -p tcapi-sms --example send_sms -- \
//!     [--phone +8618501234444,+8618501234445] [--app-id ID] [--template-id ID] \
//!     [--sign-name NAME] [--params 4370,5] [--region R] [--endpoint URL]
//! ```
//!
//! Without `--endpoint` it starts the local endpoint in-process and answers
//! there, with one delivery status per number (a number not in `+<digits>`
//! form is refused, as the service does); with `--endpoint` it calls that URL
//! with credentials from the default chain. Output and exit codes: the
//! response as JSON on stdout and 0; `Code: Message (RequestId: ...)` on
//! stderr and 1 for an API error; one line on stderr and 2 for anything else.

use std::process::ExitCode;

use tc_emulator::example::{Args, Failure, Target, finish};
use tc_mock::MockError;
use tc_sms::models::SendStatus;
use tc_sms::{SendSms, SendSmsResponse};

#[tokio::main]
async fn main() -> ExitCode {
    finish(run().await)
}

/// A comma-separated option as a list.
fn list(value: Option<&str>, default: &str) -> Vec<String> {
    value
        .unwrap_or(default)
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

async fn run() -> Result<SendSmsResponse, Failure> {
    let args = Args::parse(
        &[
            "phone",
            "app-id",
            "template-id",
            "sign-name",
            "params",
            "region",
            "endpoint",
        ],
        &[],
    )?;
    let request = SendSms {
        phone_number_set: list(args.value("phone"), "+8618501234444"),
        sms_sdk_app_id: args.value("app-id").unwrap_or("1400006666").to_owned(),
        template_id: args.value("template-id").unwrap_or("1110").to_owned(),
        sign_name: Some(
            args.value("sign-name")
                .unwrap_or("Tencent Cloud")
                .to_owned(),
        ),
        template_param_set: Some(list(args.value("params"), "4370")),
        ..SendSms::default()
    };
    let target = Target::new(args.value("endpoint")).await?;
    if let Some(local) = target.local() {
        local.on(deliver);
    }
    let client = target
        .client_builder()
        .region(args.value("region").unwrap_or("ap-guangzhou"))
        .build()?;
    Ok(client.send(request).await?)
}

/// The local endpoint's `SendSms`: one status per number.
fn deliver(request: SendSms) -> Result<SendSmsResponse, MockError> {
    if request.phone_number_set.is_empty() {
        return Err(MockError::new(
            "MissingParameter.EmptyPhoneNumberSet",
            "PhoneNumberSet is empty.",
        ));
    }
    let statuses = request
        .phone_number_set
        .iter()
        .enumerate()
        .map(|(i, number)| {
            let valid = number.len() > 4
                && number.starts_with('+')
                && number[1..].bytes().all(|b| b.is_ascii_digit());
            let (code, message) = if valid {
                ("Ok", "send success")
            } else {
                (
                    "InvalidParameterValue.IncorrectPhoneNumber",
                    "the number is not in +<country code><number> form",
                )
            };
            SendStatus {
                serial_no: format!("5000:{:028}", i + 1),
                phone_number: number.clone(),
                fee: u64::from(valid),
                session_context: request.session_context.clone().unwrap_or_default(),
                code: code.to_owned(),
                message: message.to_owned(),
                iso_code: if number.starts_with("+86") { "CN" } else { "" }.to_owned(),
            }
        })
        .collect();
    Ok(SendSmsResponse {
        send_status_set: statuses,
        ..SendSmsResponse::default()
    })
}
