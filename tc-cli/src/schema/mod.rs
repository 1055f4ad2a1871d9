//! The schema facts of every service version, embedded in the binary
//! (`data/schema.bin`, written by tc-codegen): the index is read at start-up,
//! a version's actions and models only when a command names that version.

mod types;

use std::collections::BTreeMap;

use serde::Deserialize;

pub(crate) use types::{Kind, Type};

/// The file tc-codegen writes; its layout is described in
/// `tc-codegen/src/emit/cli_schema.rs`.
static DATA: &[u8] = include_bytes!("../../data/schema.bin");
const MAGIC: &[u8; 4] = b"TCS1";
/// No version's facts come near this; a corrupt length cannot make us
/// allocate more.
const MAX_BLOB: usize = 64 << 20;

/// One service version in the index.
#[derive(Debug, Deserialize)]
pub(crate) struct Entry {
    pub service: String,
    pub version: String,
    /// The version a command uses when it names none.
    pub primary: bool,
    /// How many actions it has.
    pub actions: usize,
    offset: usize,
    len: usize,
}

/// Every service version, and the compressed facts of each.
pub(crate) struct Catalog {
    entries: Vec<Entry>,
    blobs: &'static [u8],
}

/// One action's facts.
#[derive(Debug, Deserialize)]
pub(crate) struct Action {
    /// Parameters: name, type, required.
    #[serde(rename = "in")]
    pub input: Vec<(String, Type, bool)>,
    /// Output members (RequestId aside): name, type.
    #[serde(rename = "out")]
    pub output: Vec<(String, Type)>,
    /// The service's limit, in calls per second, when it declares one.
    #[serde(default)]
    pub rate: Option<u32>,
    /// How it pages, when it is a list action with a recognised pattern.
    #[serde(default)]
    pub paging: Option<Paging>,
}

/// Which members keep a listing's place, size and items.
#[derive(Debug, Deserialize)]
pub(crate) struct Paging {
    /// `offset`, `page` or `token`.
    pub style: String,
    /// The request's offset, page number or token.
    pub position: String,
    /// The request's page size.
    pub size: Option<String>,
    /// The answer's total count.
    pub total: Option<String>,
    /// The answer's list.
    pub list: String,
    /// The answer's next token (token style).
    pub next: Option<String>,
}

/// One version's actions and the models their members use.
#[derive(Debug, Deserialize)]
pub(crate) struct Version {
    pub actions: BTreeMap<String, Action>,
    /// Model members: name, type, required.
    pub models: BTreeMap<String, Vec<(String, Type, bool)>>,
}

impl Catalog {
    /// The embedded catalog.
    pub(crate) fn embedded() -> Result<Catalog, String> {
        Catalog::read(DATA)
    }

    fn read(data: &'static [u8]) -> Result<Catalog, String> {
        let broken = |why: &str| format!("the embedded schema is broken: {why}");
        let rest = data
            .strip_prefix(MAGIC)
            .ok_or_else(|| broken("no TCS1 mark"))?;
        let (len, rest) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| broken("cut short"))?;
        let len = u32::from_le_bytes(*len) as usize;
        if rest.len() < len {
            return Err(broken("cut short"));
        }
        let (index, blobs) = rest.split_at(len);
        let entries: Vec<Entry> =
            serde_json::from_slice(&inflate(index)?).map_err(|e| broken(&e.to_string()))?;
        Ok(Catalog { entries, blobs })
    }

    /// The service names, each once, in order.
    pub(crate) fn services(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.entries.iter().map(|e| e.service.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// The versions of `service`.
    pub(crate) fn versions(&self, service: &str) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.service == service)
    }

    /// `service` at `version`, or at its primary version; an error names
    /// what exists instead.
    pub(crate) fn entry(&self, service: &str, version: Option<&str>) -> Result<&Entry, String> {
        let mut versions = self.versions(service).peekable();
        if versions.peek().is_none() {
            return Err(format!(
                "no service `{service}`; `tc help` lists the services"
            ));
        }
        let found = match version {
            Some(v) => versions.find(|e| e.version == v),
            None => versions.find(|e| e.primary),
        };
        found.ok_or_else(|| {
            let known: Vec<&str> = self.versions(service).map(|e| e.version.as_str()).collect();
            format!(
                "service `{service}` has no API version {}; it has {}",
                version.unwrap_or("marked primary"),
                known.join(", ")
            )
        })
    }

    /// The facts of one version.
    pub(crate) fn version(&self, entry: &Entry) -> Result<Version, String> {
        let blob = self
            .blobs
            .get(entry.offset..entry.offset.saturating_add(entry.len))
            .ok_or("the embedded schema is broken: a version lies outside it")?;
        serde_json::from_slice(&inflate(blob)?)
            .map_err(|e| format!("the embedded schema is broken: {e}"))
    }
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, String> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, MAX_BLOB)
        .map_err(|e| format!("the embedded schema is broken: {e}"))
}

impl Version {
    /// The action named `name` (exactly, as tccli takes it).
    pub(crate) fn action(&self, service: &str, name: &str) -> Result<&Action, String> {
        self.actions.get(name).ok_or_else(|| {
            match nearest(name, self.actions.keys().map(String::as_str)).as_slice() {
                [one] => format!("no action `{name}` in `{service}`; did you mean `{one}`?"),
                _ => format!("no action `{name}` in `{service}`; `tc {service} help` lists them"),
            }
        })
    }
}

/// The one name of `known` that `name` is most likely a slip for: the same
/// but for case, or within two edits; none when that is not one name.
pub(crate) fn nearest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let known: Vec<&str> = known.collect();
    let same_but_case: Vec<&str> = known
        .iter()
        .copied()
        .filter(|k| k.eq_ignore_ascii_case(name))
        .collect();
    if !same_but_case.is_empty() {
        return same_but_case;
    }
    let lower = name.to_ascii_lowercase();
    known
        .into_iter()
        .filter(|k| strsim::damerau_levenshtein(&k.to_ascii_lowercase(), &lower) <= 2)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_reads_and_has_one_primary_version_per_service() {
        let catalog = Catalog::embedded().unwrap();
        assert!(catalog.entries.len() >= 300, "{}", catalog.entries.len());
        for service in catalog.services() {
            let primaries = catalog.versions(service).filter(|e| e.primary).count();
            assert_eq!(primaries, 1, "{service}");
        }
        let cvm = catalog.entry("cvm", None).unwrap();
        assert_eq!(cvm.version, "2017-03-12");
        let facts = catalog.version(cvm).unwrap();
        let action = facts.actions.get("DescribeImageSharePermission").unwrap();
        assert_eq!(action.input.len(), 1);
        assert_eq!(action.input[0].0, "ImageId");
        assert!(action.input[0].2, "ImageId is required");
        assert_eq!(facts.actions.len(), cvm.actions);
    }

    #[test]
    fn every_version_reads_and_its_references_resolve() {
        let catalog = Catalog::embedded().unwrap();
        let (mut actions, mut paged) = (0, 0);
        for entry in &catalog.entries {
            let facts = catalog.version(entry).unwrap();
            assert_eq!(facts.actions.len(), entry.actions, "{}", entry.service);
            let model_of = |ty: &Type| match ty {
                Type::One(Kind::Model(m)) | Type::List(Kind::Model(m)) => Some(m.clone()),
                _ => None,
            };
            let members = facts.models.values().flatten().map(|(_, ty, _)| ty);
            for action in facts.actions.values() {
                let types = action.input.iter().map(|(_, ty, _)| ty);
                for model in types
                    .chain(action.output.iter().map(|(_, ty)| ty))
                    .filter_map(model_of)
                {
                    assert!(
                        facts.models.contains_key(&model),
                        "{} {model}",
                        entry.service
                    );
                }
                if let Some(p) = &action.paging {
                    assert!(action.input.iter().any(|(m, _, _)| *m == p.position));
                    assert!(action.output.iter().any(|(m, _)| *m == p.list));
                    paged += 1;
                }
            }
            for model in members.filter_map(model_of) {
                assert!(
                    facts.models.contains_key(&model),
                    "{} {model}",
                    entry.service
                );
            }
            actions += facts.actions.len();
        }
        // As tc-codegen reports them: 16,204 actions, 2,328 paged.
        assert!(actions > 16_000, "{actions}");
        assert!(paged > 2_000, "{paged}");
    }

    #[test]
    fn a_broken_file_is_an_error_not_a_panic() {
        for data in [
            &b""[..],
            b"XXXX",
            b"TCS1\xff\xff\xff\xff",
            b"TCS1\x02\x00\x00\x00ab",
        ] {
            assert!(Catalog::read(data).is_err());
        }
    }

    #[test]
    fn unknown_names_are_explained() {
        let catalog = Catalog::embedded().unwrap();
        assert!(
            catalog
                .entry("nosuch", None)
                .unwrap_err()
                .contains("no service")
        );
        let err = catalog.entry("cvm", Some("1999-01-01")).unwrap_err();
        assert!(err.contains("2017-03-12"), "{err}");
        let facts = catalog
            .version(catalog.entry("cvm", None).unwrap())
            .unwrap();
        let err = facts.action("cvm", "describeinstances").unwrap_err();
        assert!(err.contains("DescribeInstances"), "{err}");
    }
}
