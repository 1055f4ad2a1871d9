//! Type names: each model gets a name in Rust's casing (`GPUInfo` ->
//! `GpuInfo`), and no two items of one module may share a name.
//!
//! Where the items live: actions and their responses at the top of their
//! version's module (re-exported at the crate root for the primary version,
//! beside what the crate re-exports from `tc_core`), models in `models`, the
//! one error enum alone in `errors`. Models are named by path from the other
//! modules, so a model may share a name with an action.

use std::collections::BTreeMap;

use tc_macros_impl::naming;

use super::model::{ActionPlan, Problems, StructPlan};
use crate::spec::Specs;

/// What the crate root re-exports from `tc_core`: no action may take these names.
pub(crate) const ROOT_REEXPORTS: &[&str] = &[
    "Action",
    "AssumeRoleProvider",
    "CachedProvider",
    "Call",
    "ChainProvider",
    "ChunkStream",
    "CircuitBreakerConfig",
    "Client",
    "ClientBuilder",
    "CommonCode",
    "Credential",
    "CvmRoleProvider",
    "DefaultChain",
    "EnvironmentProvider",
    "Error",
    "ErrorCode",
    "Items",
    "JsonStream",
    "Method",
    "OidcRoleProvider",
    "Pages",
    "Paginate",
    "ProfileProvider",
    "ProvideCredential",
    "RefreshConfig",
    "RequestLimits",
    "RetryConfig",
    "ServiceError",
    "StaticProvider",
    "StreamConfig",
    "WaitConfig",
    "WaitState",
];

/// Names the generated models use from the prelude: a model spelled like one
/// would shadow it, so it takes a suffix instead (`Option` -> `OptionModel`).
const PRELUDE: &[&str] = &[
    "Box", "Default", "Err", "None", "Ok", "Option", "Result", "Some", "String", "Vec",
];

/// The Rust name of every model, by schema name.
///
/// The rule is [`naming::upper_camel_case`]; models whose names would then
/// collide keep their schema names (which differ), and a name that is not a
/// usable identifier or shadows the prelude gets the `Model` suffix.
pub(crate) fn model_names(specs: &Specs) -> BTreeMap<String, String> {
    let models: Vec<&String> = specs
        .schema
        .objects
        .iter()
        .filter(|(_, object)| object.usage.is_some())
        .map(|(name, _)| name)
        .collect();
    let mut by_cased: BTreeMap<String, Vec<&String>> = BTreeMap::new();
    for name in &models {
        by_cased
            .entry(naming::upper_camel_case(name))
            .or_default()
            .push(name);
    }
    let mut names = BTreeMap::new();
    for (cased, schema_names) in by_cased {
        for name in &schema_names {
            let chosen = if schema_names.len() == 1 {
                cased.clone()
            } else {
                (*name).clone()
            };
            let usable = naming::is_type_ident(&chosen) && !PRELUDE.contains(&chosen.as_str());
            let chosen = if usable {
                chosen
            } else {
                format!("{chosen}Model")
            };
            names.insert((*name).clone(), chosen);
        }
    }
    names
}

/// Every name is unique within its module, and none shadows what the module
/// needs.
pub(crate) fn check_unique(
    actions: &BTreeMap<String, ActionPlan>,
    models: &BTreeMap<String, StructPlan>,
    problems: &mut Problems,
) {
    let mut root = Claims::new("the crate root", ROOT_REEXPORTS);
    let mut in_models = Claims::new("`models`", PRELUDE);
    for a in actions.values() {
        if !naming::is_type_ident(&a.name) {
            problems.push(format!("action {:?} is not a usable type name", a.name));
        }
        root.claim(
            &a.request.name,
            format!("the request of {}", a.name),
            problems,
        );
        root.claim(
            &a.response.name,
            format!("the response of {}", a.name),
            problems,
        );
    }
    for m in models.values() {
        in_models.claim(&m.name, format!("model {}", m.wire), problems);
    }
}

/// The names taken in one module.
struct Claims<'a> {
    module: &'static str,
    reserved: &'a [&'a str],
    taken: BTreeMap<String, String>,
}

impl<'a> Claims<'a> {
    fn new(module: &'static str, reserved: &'a [&'a str]) -> Self {
        Claims {
            module,
            reserved,
            taken: BTreeMap::new(),
        }
    }

    fn claim(&mut self, name: &str, what: String, problems: &mut Problems) {
        if self.reserved.contains(&name) {
            problems.push(format!(
                "{what} would be named {name}, a name {} needs",
                self.module
            ));
        }
        if let Some(earlier) = self.taken.insert(name.to_owned(), what.clone()) {
            problems.push(format!(
                "{earlier} and {what} would both be named {name} in {}",
                self.module
            ));
        }
    }
}
