//! The doc comments of the generated items, in our own words: only facts the
//! specs give structurally (names, types, presence, which action uses what) and
//! a link to the action's page in Tencent Cloud's API Explorer. No description
//! text is taken from the specs or from any other SDK.
//!
//! What holds for every field (how `Option` maps to presence on the wire, how
//! names map) is said once, in the crate docs; a field's own doc says only what
//! is particular to it.

use crate::plan::paging::{PagingPlan, Style};
use crate::plan::{ActionPlan, CodePlan, FieldPlan, Plan, ServicePlan, Status, StructPlan};
use crate::types::{Scalar, Ty};

/// At most this many actions are named in one doc comment; the rest are counted.
const MAX_LISTED: usize = 6;

/// The lines of one doc comment, paragraphs separated by empty lines.
#[derive(Default)]
pub(crate) struct Doc(Vec<String>);

impl Doc {
    pub(crate) fn line(mut self, text: impl Into<String>) -> Self {
        self.0.push(text.into());
        self
    }

    /// Starts a new paragraph (no blank line before the first one).
    fn paragraph(self, text: impl Into<String>) -> Self {
        let doc = if self.0.is_empty() {
            self
        } else {
            self.line("")
        };
        doc.line(text)
    }

    pub(crate) fn lines(&self) -> &[String] {
        &self.0
    }
}

pub(crate) fn explorer_url(service: &str, version: &str, action: &str) -> String {
    format!(
        "https://console.cloud.tencent.com/api/explorer?Product={service}&Version={version}&Action={action}"
    )
}

/// `VPC (Virtual Private Cloud)`, or just the title when it holds the
/// service's name (`SSL Certificates`, `DNSPod`).
pub(crate) fn product(plan: &Plan) -> String {
    let short = plan.service.to_uppercase();
    if plan.title.to_uppercase().contains(&short) {
        plan.title.clone()
    } else {
        format!("{short} ({})", plan.title)
    }
}

fn api(plan: &Plan) -> String {
    format!("{} API {}", plan.service.to_uppercase(), plan.version)
}

/// A link to an item at the top of the version's module (where links are
/// written from one of its files).
fn root_link(name: &str) -> String {
    format!("[`{name}`](super::{name})")
}

/// `[`A`], [`B`] and 3 more`.
fn action_list<'a>(names: impl ExactSizeIterator<Item = &'a String>) -> String {
    let total = names.len();
    // "and 1 more" would hide a name for nothing.
    let limit = if total > MAX_LISTED + 1 {
        MAX_LISTED
    } else {
        total
    };
    let mut shown: Vec<String> = names.take(limit).map(|n| root_link(n)).collect();
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

/// "a" or "an" before `next`: "an" before a vowel, except the vowels that
/// sound like a consonant (`User`, `Unit`, `One`, `Euro`).
fn article(next: &str) -> &'static str {
    const SOUNDS_LIKE_A_CONSONANT: &[&str] =
        &["Uni", "Use", "Usa", "Uti", "Url", "Uri", "One", "Eu"];
    let word = next.trim_start_matches(['[', '`']);
    let vowel = word.starts_with(|c: char| "aeiouAEIOU".contains(c));
    if vowel && !SOUNDS_LIKE_A_CONSONANT.iter().any(|p| word.starts_with(p)) {
        "an"
    } else {
        "a"
    }
}

/// `in_models`: the phrase is for a doc in `models`, where a model's name links
/// by itself (rustdoc calls a path there redundant).
fn scalar_phrase(s: &Scalar, plural: bool, in_models: bool) -> String {
    let (one, many) = match s {
        Scalar::String => ("string", "strings"),
        Scalar::DateTime => ("date and time, as the service writes it", "dates and times"),
        Scalar::DateTimeIso => ("ISO 8601 timestamp", "ISO 8601 timestamps"),
        Scalar::Date => ("date (`YYYY-MM-DD`)", "dates"),
        Scalar::Binary => ("file's contents", "files' contents"),
        Scalar::I64 => ("signed 64-bit integer", "signed 64-bit integers"),
        Scalar::U64 => ("unsigned 64-bit integer", "unsigned 64-bit integers"),
        Scalar::F64 => ("floating-point number", "floating-point numbers"),
        Scalar::Bool => ("boolean", "booleans"),
        Scalar::Object(name) => {
            let link = if in_models {
                format!("[`{name}`]")
            } else {
                format!("[`{name}`](super::models::{name})")
            };
            return if plural {
                format!("{link} objects")
            } else {
                format!("{} {link}", article(name))
            };
        }
    };
    if plural {
        many.to_owned()
    } else {
        format!("{} {one}", article(one))
    }
}

fn type_phrase(ty: &Ty, in_models: bool) -> String {
    match ty {
        Ty::One(s) => scalar_phrase(s, false, in_models),
        Ty::List(s) => format!("a list of {}", scalar_phrase(s, true, in_models)),
    }
}

/// The crate's own docs: what it holds, one call, and the rules every field follows.
pub(crate) fn crate_docs(service: &ServicePlan, label: &str, example: &str) -> Doc {
    let plan = service.main();
    let lib = service.name.replace('-', "_");
    let any = &plan.doc_example;
    let with_errors = plan
        .actions
        .get(any)
        .and_then(|a| a.error_enum.as_deref())
        .or_else(|| plan.actions.values().find_map(|a| a.error_enum.as_deref()));
    let mut doc = Doc::default()
        .paragraph(format!(
            "Tencent Cloud {}, API version {}: every action, model and error code, typed.",
            product(plan),
            plan.version
        ))
        .paragraph(format!(
            "Each of the {} actions is a struct named after it, at the crate root ([`{any}`]); \
             sending it with a [`Client`] returns the matching `...Response` ([`{any}Response`]). \
             The objects requests and responses are made of are in [`models`].",
            plan.actions.len()
        ));
    doc = match with_errors {
        Some(e) => doc.line(format!(
            "Error codes are the enum [`errors::{}`]; each action that documents codes has \
             an alias of it named after the action, whose docs list them ([`errors::{e}`]).",
            plan.all_codes_enum
        )),
        None => doc.line(format!(
            "[`errors::{}`] holds every code of the service.",
            plan.all_codes_enum
        )),
    };
    doc = doc.paragraph("```no_run");
    for line in example.lines() {
        doc = doc.line(line);
    }
    doc = doc.line("```");
    doc = versions_section(doc, service);
    doc.paragraph("# How fields map to the wire")
        .paragraph(
            "- Fields are the members in `snake_case` (`ImageId` is `image_id`); each field's \
             doc starts with the member's wire name, and a field whose name does not give the \
             wire name back carries `#[tc(rename = \"...\")]`.",
        )
        .line(
            "- A request's optional parameter is an `Option`: `None` leaves it out of the \
             request. Requests implement `Default`, so one with many optional parameters is \
             built with `..Default::default()`.",
        )
        .line(
            "- A response member the service may leave out or send as `null` is an `Option`. \
             A plain member is one the service always sends; should it not, it decodes as \
             its type's default rather than failing the call.",
        )
        .line(
            "- A model used both ways is plain only when it is required in requests and \
             always sent in responses; its field docs say which way a member is required \
             when only one is.",
        )
        .line(
            "- Members the specs mark disabled are kept (the service may still send them) \
             and `#[deprecated]`.",
        )
        .line(format!(
            "- Every item links to the action's page in Tencent Cloud's API Explorer, \
             which documents what each member means. This crate is generated by \
             `tc-codegen` from `{label}`; `{lib}` re-exports what a call needs from \
             `tc_core`, so it is the only dependency to add."
        ))
}

/// "# API versions": each version's module and feature, and how to turn on
/// another one.
fn versions_section(mut doc: Doc, service: &ServicePlan) -> Doc {
    let crate_name = &service.package();
    let lib = service.lib();
    let main = service.main();
    doc = doc.paragraph("# API versions").paragraph(format!(
        "Each API version is a module named after it, behind the cargo feature of the same \
         name; only the versions you turn on are compiled. Version {} (`{}`, on by default) \
         is also re-exported at the crate root, which is where the paths above point.",
        main.version, main.module
    ));
    doc = doc
        .line("")
        .line("| module | feature | actions | models | codes |");
    doc = doc.line("|---|---|---:|---:|---:|");
    for (i, p) in service.versions.iter().enumerate() {
        let default = if i == service.primary {
            " (default)"
        } else {
            ""
        };
        doc = doc.line(format!(
            "| `{lib}::{m}` | `{m}`{default} | {} | {} | {} |",
            p.actions.len(),
            p.models.len(),
            p.codes.len(),
            m = p.module,
        ));
    }
    let others = service.versions.iter().enumerate();
    if let Some((_, p)) = others.clone().find(|(i, _)| *i != service.primary) {
        doc = doc.paragraph(format!(
            "To use version {} too, turn its feature on (`{crate_name} = {{ version = \"...\", \
             features = [\"{m}\"] }}` in `Cargo.toml`) and name its items through its module \
             (`{lib}::{m}::{}`).",
            p.version,
            p.doc_example,
            m = p.module,
        ));
    }
    doc
}

/// The docs of one version's module.
pub(crate) fn version_module(plan: &Plan, crate_name: &str) -> Doc {
    let lib = crate_name.replace('-', "_");
    Doc::default()
        .paragraph(format!(
            "Tencent Cloud {}, API version {}: {} actions, {} models, {} error codes.",
            product(plan),
            plan.version,
            plan.actions.len(),
            plan.models.len(),
            plan.codes.len()
        ))
        .paragraph(format!(
            "Compiled with the cargo feature `{m}`. Each action is a struct at this module's \
             top ([`{any}`]); the objects its requests and responses are made of are in \
             [`models`], its error codes in [`errors`]. What a call needs besides (the \
             [`Client`](crate::Client), [`Error`](crate::Error)) is at `{lib}`'s root.",
            m = plan.module,
            any = plan.doc_example,
        ))
}

/// The code of the crate docs' example call: the plan's `doc_example` action
/// with its required parameters set to plain values of their types.
pub(crate) fn example_call(plan: &Plan, crate_name: &str) -> String {
    let lib = crate_name.replace('-', "_");
    let name = &plan.doc_example;
    let fields: Vec<String> = plan
        .actions
        .get(name)
        .map(|a| a.request.fields.as_slice())
        .unwrap_or_default()
        .iter()
        .filter(|f| f.plain)
        .map(|f| format!("    {}: {},", f.ident, sample_value(f)))
        .collect();
    let request = if fields.is_empty() {
        format!("{name}::default()")
    } else {
        format!(
            "{name} {{\n{}\n    ..Default::default()\n}}",
            fields.join("\n")
        )
    };
    format!(
        "use {lib}::{{Client, {name}}};\n\n\
         # async fn run() -> Result<(), {lib}::Error> {{\n\
         let client = Client::builder().region(\"ap-guangzhou\").build()?;\n\
         let request = {request};\n\
         let out = client.send(request).await?;\n\
         println!(\"RequestId {{}}\", out.request_id);\n\
         # Ok(()) }}"
    )
}

/// A value of a required parameter's type for the example call, the spec's
/// example when there is one that fits.
fn sample_value(f: &FieldPlan) -> String {
    let example: Option<serde_json::Value> = f
        .example
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok());
    let text = |v: Option<&serde_json::Value>| {
        let s = v.and_then(serde_json::Value::as_str).unwrap_or("...");
        format!("{s:?}.into()")
    };
    match &f.ty {
        Ty::One(s) if s.is_text() => text(example.as_ref()),
        Ty::List(s) if s.is_text() => {
            let first = example.as_ref().and_then(|v| v.get(0));
            format!("vec![{}]", text(first))
        }
        Ty::One(Scalar::I64 | Scalar::U64) => example
            .filter(serde_json::Value::is_number)
            .map_or_else(|| "1".to_owned(), |v| v.to_string()),
        Ty::One(Scalar::F64) => "1.0".to_owned(),
        Ty::One(Scalar::Bool) => "true".to_owned(),
        Ty::List(_) => "Vec::new()".to_owned(),
        Ty::One(_) => "Default::default()".to_owned(),
    }
}

pub(crate) fn request(plan: &Plan, a: &ActionPlan) -> Doc {
    let mut doc = Doc::default().paragraph(format!("The `{}` action of {}.", a.name, api(plan)));
    doc = match a.status {
        Status::Online => doc,
        Status::Deprecated => doc.paragraph(
            "The service lists this action as deprecated: it still answers, but may stop; \
             prefer its successor where the API Explorer names one.",
        ),
        Status::Offline => doc.paragraph("The service no longer serves this action."),
    };
    doc = doc.paragraph(format!(
        "A successful call returns [`{}`].",
        a.response.name
    ));
    doc = match &a.error_enum {
        Some(e) => doc.line(format!(
            "The codes it documents are in [`{e}`](super::errors::{e}), beside the common \
             ones in [`CommonCode`](crate::CommonCode)."
        )),
        None => doc.line(
            "It documents no codes beyond the common ones in [`CommonCode`](crate::CommonCode).",
        ),
    };
    if let Some(limit) = a.rate_limit {
        doc = doc.line(format!(
            "The service accepts at most {limit} of these calls per second, and the client \
             keeps to that."
        ));
    }
    doc.paragraph(format!(
        "[API Explorer]({})",
        explorer_url(&plan.service, &plan.version, &a.name)
    ))
}

pub(crate) fn response(a: &ActionPlan) -> Doc {
    Doc::default().paragraph(format!("What a successful [`{}`] call returns.", a.name))
}

pub(crate) fn model(plan: &Plan, m: &StructPlan) -> Doc {
    let mut doc = Doc::default().paragraph(format!("The `{}` object of {}.", m.wire, api(plan)));
    if !m.in_actions.is_empty() {
        doc = doc.paragraph(format!(
            "Sent in the input of {}.",
            action_list(m.in_actions.iter())
        ));
    }
    if !m.out_actions.is_empty() {
        let text = format!(
            "Returned in the output of {}.",
            action_list(m.out_actions.iter())
        );
        doc = if m.in_actions.is_empty() {
            doc.paragraph(text)
        } else {
            doc.line(text)
        };
    }
    doc
}

/// Which struct a field sits in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    Request,
    Response,
    /// A model used both ways.
    TwoWayModel,
    /// A model used one way.
    OneWayModel,
}

pub(crate) fn field(f: &FieldPlan, holder: Holder) -> Doc {
    if f.request_id {
        return Doc::default().paragraph(
            "`RequestId`: the id of this call; quote it when asking Tencent Cloud for help.",
        );
    }
    let in_models = matches!(holder, Holder::TwoWayModel | Holder::OneWayModel);
    let mut doc =
        Doc::default().paragraph(format!("`{}`: {}.", f.wire, type_phrase(&f.ty, in_models)));
    if holder == Holder::TwoWayModel && !f.plain {
        if f.input_required {
            doc = doc.line("Required in requests.");
        }
        if f.output_always {
            doc = doc.line("Always sent in responses.");
        }
    }
    if let Some(example) = &f.example {
        doc = doc.paragraph(format!("Example: `{example}`"));
    }
    doc
}

pub(crate) fn error_alias(plan: &Plan, a: &ActionPlan) -> Doc {
    let mut doc = Doc::default()
        .paragraph(format!(
            "The error codes of [`{}`](super::{}): [`{}`], of which it documents these (beside \
             the common ones in [`CommonCode`](crate::CommonCode)):",
            a.name, a.name, plan.all_codes_enum
        ))
        .line("");
    for (code, ours) in &a.errors {
        let variant = &plan.codes[code].variant;
        let link = format!("[`{variant}`]({}::{variant})", plan.all_codes_enum);
        doc = match ours {
            Some(text) => doc.line(format!("- {link} (`{code}`): {text}")),
            None => doc.line(format!("- {link} (`{code}`)")),
        };
    }
    doc
}

pub(crate) fn all_codes_enum(plan: &Plan) -> Doc {
    Doc::default()
        .paragraph(format!(
            "Every error code some action of {} documents: {} codes in one enum.",
            api(plan),
            plan.codes.len()
        ))
        .paragraph(
            "Each action that documents codes has an alias of this enum named after it \
             (`<Action>Error`), whose docs list the codes that action documents.",
        )
}

pub(crate) fn all_codes_variant(plan: &Plan, code: &str, c: &CodePlan) -> Doc {
    // Our own words for the code, where the overrides give some for an action.
    let ours = c
        .actions
        .iter()
        .find_map(|a| plan.actions.get(a)?.errors.get(code)?.as_deref());
    let doc = match ours {
        Some(text) => Doc::default().paragraph(format!("`{code}`: {text}")),
        None => Doc::default().paragraph(format!("`{code}`")),
    };
    if c.actions.is_empty() {
        doc
    } else {
        doc.paragraph(format!("Documented for {}.", action_list(c.actions.iter())))
    }
}

pub(crate) fn paginators_module(
    plan: &Plan,
    paged: &[(&str, &PagingPlan)],
    unclassified: &[(&str, &str)],
) -> Doc {
    let mut doc = Doc::default().paragraph(format!(
        "How the list actions of {} page: {} implement [`Paginate`](tc_core::Paginate) \
         (written by their `#[tc_action(paginate(...))]`), so that \
         `client.paginate(request)` walks every page.",
        api(plan),
        paged.len()
    ));
    if !paged.is_empty() {
        doc = doc
            .paragraph(
                "Each by its request's cursor and page size; the items, total and next \
                 token are the answer's members:",
            )
            .line("");
        for (name, p) in paged {
            let cursor = match p.style {
                Style::Offset => "offset",
                Style::Page => "page",
                Style::Token => "token",
            };
            let mut line = format!("- `{name}`: {cursor} `{}`", p.position);
            if let Some(size) = &p.size {
                line.push_str(&format!(", page size `{size}`"));
            }
            line.push_str(&format!("; items `{}`", p.list));
            if let Some(total) = &p.total {
                line.push_str(&format!(", total `{total}`"));
            }
            if let Some(next) = &p.next_token {
                line.push_str(&format!(", next token `{next}`"));
            }
            doc = doc.line(line);
        }
    }
    if !unclassified.is_empty() {
        doc = doc
            .paragraph(
                "Actions with paging members but no pattern recognised for sure, and why \
                 (page them with your own loop, or declare `paginate(...)` on an action of \
                 your own):",
            )
            .line("");
        for (name, why) in unclassified {
            doc = doc.line(format!("- `{name}`: {why}"));
        }
    }
    doc
}

pub(crate) fn waiters_module(plan: &Plan) -> Doc {
    Doc::default().paragraph(format!(
        "Waiting for a state of {} resources: each function repeats a describing call \
         with growing pauses ([`Client::wait_until`]) until \
         the state is reached, cannot be reached any more, or the \
         [`WaitConfig`]'s time is up.",
        plan.service.to_uppercase()
    ))
}

fn quoted_list(values: &[String]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

pub(crate) fn waiter(plan: &Plan, w: &crate::plan::waiters::WaiterPlan) -> Doc {
    use crate::plan::waiters::Form;
    let action = root_link(&w.action);
    let mut doc = match &w.form {
        Form::List { missing, .. } => {
            let mut doc = Doc::default().paragraph(format!(
                "Waits until every resource in `ids` (up to 100: one page of the answer) is {}, \
                 as {action} reports its `{}`.",
                quoted_list(&w.ready),
                w.state_wire
            ));
            if !w.failed.is_empty() {
                doc = doc.line(format!(
                    "Ends at once with an error when one is {}.",
                    quoted_list(&w.failed)
                ));
            }
            doc.line(match *missing {
                "Ready" => "A resource the answer no longer lists counts as done.",
                "Failed" => "A resource the answer does not list ends the wait with an error.",
                _ => "A resource the answer does not list yet counts as pending.",
            })
        }
        Form::One { .. } => {
            let mut doc = Doc::default().paragraph(format!(
                "Waits until {action} reports `{}` {}.",
                w.state_wire,
                quoted_list(&w.ready)
            ));
            if !w.failed.is_empty() {
                doc = doc.line(format!(
                    "Ends at once with an error when it reports {}.",
                    quoted_list(&w.failed)
                ));
            }
            doc
        }
    };
    doc = doc
        .paragraph("Returns the last answer, the one that showed the state.")
        .paragraph("# Errors")
        .line(format!(
            "[`Error::Wait`] when the state cannot be reached or the \
             time is up, with the last state seen; any error of a `{}` call.",
            w.action
        ));
    let _ = plan;
    doc
}

pub(crate) fn models_module(plan: &Plan) -> Doc {
    Doc::default().paragraph(format!(
        "The {} objects that {} requests and responses are made of.",
        plan.models.len(),
        api(plan)
    ))
}

pub(crate) fn errors_module(plan: &Plan) -> Doc {
    Doc::default()
        .paragraph(format!(
            "Error codes of {}: [`{}`] holds them all, and each action that documents codes \
             has an alias of it named after the action (`<Action>Error`) that lists them.",
            api(plan),
            plan.all_codes_enum
        ))
        .paragraph(
            "Codes every service may return (`AuthFailure.SignatureFailure`, \
             `RequestLimitExceeded`, ...) are [`CommonCode`](crate::CommonCode). A code in \
             neither still reaches you, as text, from [`Error::code`](crate::Error::code).",
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles() {
        let phrase = |s: Scalar, in_models| scalar_phrase(&s, false, in_models);
        assert_eq!(phrase(Scalar::U64, false), "an unsigned 64-bit integer");
        assert_eq!(phrase(Scalar::String, false), "a string");
        assert_eq!(
            phrase(Scalar::Object("InstanceChargePrepaid".into()), false),
            "an [`InstanceChargePrepaid`](super::models::InstanceChargePrepaid)"
        );
        assert_eq!(
            phrase(Scalar::Object("Placement".into()), true),
            "a [`Placement`]"
        );
        assert_eq!(article("UserData"), "a");
        assert_eq!(article("Image"), "an");
    }
}
