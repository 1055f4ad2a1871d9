//! The doc comments of the generated items, in our own words: only facts the
//! specs give structurally (names, types, presence, which action uses what) and
//! a link to the action's page in Tencent Cloud's API Explorer. No description
//! text is taken from the specs or from any other SDK.

use crate::plan::{ActionPlan, CodePlan, FieldPlan, StructPlan};
use crate::types::{Scalar, Ty, Usage};

/// At most this many actions are named in one doc comment; the rest are counted.
const MAX_LISTED: usize = 6;

pub fn explorer_url(service: &str, version: &str, action: &str) -> String {
    format!(
        "https://console.cloud.tencent.com/api/explorer?Product={service}&Version={version}&Action={action}"
    )
}

/// A link to an action's request struct from `models.rs` or `errors.rs`.
fn action_link(name: &str) -> String {
    format!("[`{name}`](super::{name})")
}

/// `[`A`], [`B`] and 3 more`.
fn action_list(names: impl ExactSizeIterator<Item = impl AsRef<str>>) -> String {
    let total = names.len();
    // "and 1 more" would hide a name for nothing.
    let limit = if total > MAX_LISTED + 1 {
        MAX_LISTED
    } else {
        total
    };
    let mut shown: Vec<String> = names.take(limit).map(|n| action_link(n.as_ref())).collect();
    if total > limit {
        shown.push(format!("{} more", total - limit));
    }
    match shown.len() {
        0 => String::new(),
        1 => shown.remove(0),
        _ => {
            let last = shown.pop().unwrap_or_default();
            format!("{} and {last}", shown.join(", "))
        }
    }
}

fn scalar_phrase(s: &Scalar, plural: bool) -> String {
    let (one, many) = match s {
        Scalar::String => ("a string", "strings"),
        Scalar::DateTime => (
            "a date and time, kept as the text the service sends",
            "dates and times, kept as text",
        ),
        Scalar::DateTimeIso => (
            "an ISO 8601 timestamp, kept as text",
            "ISO 8601 timestamps, kept as text",
        ),
        Scalar::I64 => ("a signed 64-bit integer", "signed 64-bit integers"),
        Scalar::U64 => ("an unsigned 64-bit integer", "unsigned 64-bit integers"),
        Scalar::F64 => ("a floating-point number", "floating-point numbers"),
        Scalar::Bool => ("a boolean", "booleans"),
        Scalar::Object(name) => {
            return if plural {
                format!("[`{name}`] objects")
            } else {
                format!("a [`{name}`] object")
            };
        }
    };
    (if plural { many } else { one }).to_owned()
}

fn type_phrase(ty: &Ty) -> String {
    match ty {
        Ty::One(s) => scalar_phrase(s, false),
        Ty::List(s) => format!("a list of {}", scalar_phrase(s, true)),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn request(a: &ActionPlan, service: &str, version: &str) -> Vec<String> {
    let total = a.request.fields.len();
    let required = a.request.fields.iter().filter(|f| f.plain).count();
    let mut doc = vec![
        format!(
            "Input of the `{}` action ({} API {version}).",
            a.name,
            service.to_uppercase()
        ),
        String::new(),
        format!(
            "Send it with a `tc_core` client: a successful call returns [`{}`].",
            a.response.name
        ),
    ];
    match &a.error_enum {
        Some(e) => doc.push(format!(
            "The codes this action may fail with, beyond the common ones, are in [`{e}`]."
        )),
        None => doc.push("This action documents no error codes beyond the common ones.".to_owned()),
    }
    doc.push(String::new());
    doc.push(if total == 0 {
        "It takes no parameters.".to_owned()
    } else {
        format!(
            "It takes {}, {required} of them required.",
            plural(total, "parameter", "parameters")
        )
    });
    if let Some(limit) = a.rate_limit {
        doc.push(format!(
            "The service accepts at most {limit} of these calls per second."
        ));
    }
    doc.push(String::new());
    doc.push(format!(
        "[API Explorer]({})",
        explorer_url(service, version, &a.name)
    ));
    doc
}

pub fn response(a: &ActionPlan, service: &str, version: &str) -> Vec<String> {
    vec![
        format!(
            "Output of the [`{}`] action: the `Response` object of a successful call.",
            a.name
        ),
        String::new(),
        format!(
            "[API Explorer]({})",
            explorer_url(service, version, &a.name)
        ),
    ]
}

pub fn model(m: &StructPlan, service: &str, version: &str) -> Vec<String> {
    let mut doc = vec![format!(
        "The `{}` object of the {} API {version}.",
        m.name,
        service.to_uppercase()
    )];
    let mut uses = Vec::new();
    if !m.in_actions.is_empty() {
        uses.push(format!(
            "Sent in the input of {}.",
            action_list(m.in_actions.iter())
        ));
    }
    if !m.out_actions.is_empty() {
        uses.push(format!(
            "Returned in the output of {}.",
            action_list(m.out_actions.iter())
        ));
    }
    if !uses.is_empty() {
        doc.push(String::new());
        doc.extend(uses);
    }
    doc
}

/// Which struct a field sits in, for the presence sentence.
pub enum Holder {
    Request,
    Response,
    Model(Usage),
}

pub fn field(f: &FieldPlan, holder: &Holder) -> Vec<String> {
    if f.request_id {
        return vec![
            "`RequestId`: the id the service gave this call; quote it when asking Tencent Cloud for help."
                .to_owned(),
        ];
    }
    let kind = match holder {
        Holder::Request => "parameter",
        _ => "member",
    };
    let mut doc = vec![format!("The `{}` {kind}: {}.", f.wire, type_phrase(&f.ty))];
    doc.push(String::new());
    let input = if f.input_required {
        "Required."
    } else {
        "Optional: `None` leaves it out of the request."
    };
    let output = if f.output_always {
        "The service always sends it (should it not, it decodes as the default value)."
    } else {
        "The service may leave it out or send `null`."
    };
    match holder {
        Holder::Request => doc.push(input.to_owned()),
        Holder::Response => doc.push(output.to_owned()),
        Holder::Model(usage) => {
            if usage.input && usage.output {
                doc.push(if f.input_required {
                    "In a request it is required.".to_owned()
                } else {
                    "In a request it is optional: `None` leaves it out.".to_owned()
                });
                doc.push(if f.output_always {
                    "In a response the service always sends it.".to_owned()
                } else {
                    "In a response the service may leave it out or send `null`.".to_owned()
                });
            } else if usage.input {
                doc.push(input.to_owned());
            } else {
                doc.push(output.to_owned());
            }
        }
    }
    if f.deprecated {
        doc.push(String::new());
        doc.push(
            "The spec marks this member disabled. It is kept so that no data is lost, but the service may ignore it or stop sending it."
                .to_owned(),
        );
    }
    if let Some(example) = &f.example {
        doc.push(String::new());
        doc.push(format!("Example: `{example}`"));
    }
    doc
}

pub fn error_enum(a: &ActionPlan, service: &str, version: &str) -> Vec<String> {
    vec![
        format!("The error codes documented for [`{}`](super::{}).", a.name, a.name),
        String::new(),
        "The codes every service may return are in [`tc_core::CommonCode`]; a code that is in neither reaches you as it came."
            .to_owned(),
        String::new(),
        format!("[API Explorer]({})", explorer_url(service, version, &a.name)),
    ]
}

pub fn error_variant(code: &str, ours: Option<&str>) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(text) = ours {
        doc.push(text.to_owned());
        doc.push(String::new());
    }
    doc.push(format!("Wire code `{code}`."));
    doc
}

pub fn all_codes_enum(count: usize, service: &str, version: &str) -> Vec<String> {
    vec![
        format!(
            "Every error code documented by some action of the {} API {version}: {count} codes in one enum.",
            service.to_uppercase()
        ),
        String::new(),
        "Handy when handling the errors of several actions alike. Each action also has its own, smaller enum listing only its codes."
            .to_owned(),
    ]
}

pub fn all_codes_variant(code: &str, c: &CodePlan) -> Vec<String> {
    vec![
        format!("Wire code `{code}`."),
        String::new(),
        format!("Documented for {}.", action_list(c.actions.iter())),
    ]
}
