//! `tc help`, `tc <service> help`, `tc <service> <Action> help`: from the
//! embedded schema facts alone.

use std::fmt::Write as _;

use crate::cli::options::GLOBAL_OPTIONS;
use crate::schema::{Catalog, Type};

/// Every service, with its versions.
pub(crate) fn services(catalog: &Catalog) -> String {
    let mut out = String::from(
        "usage: tc <service> <Action> [--Param value ...] [options]\n       tc <service> help | tc <service> <Action> help\n       tc configure list | tc completions bash|zsh|fish\n\nservices (API versions, the primary one first):\n",
    );
    for service in catalog.services() {
        let mut versions: Vec<_> = catalog.versions(service).collect();
        versions.sort_by_key(|e| !e.primary);
        let list: Vec<String> = versions
            .iter()
            .map(|e| format!("{} ({} actions)", e.version, e.actions))
            .collect();
        let _ = writeln!(out, "  {service:<16} {}", list.join(", "));
    }
    out
}

/// The actions of one service version.
pub(crate) fn actions(
    catalog: &Catalog,
    service: &str,
    version: Option<&str>,
) -> Result<String, String> {
    let entry = catalog.entry(service, version)?;
    let schema = catalog.version(entry)?;
    let mut out = format!("{service} {}: {} actions\n", entry.version, entry.actions);
    for (name, action) in &schema.actions {
        let paged = if action.paging.is_some() {
            "  (pages: --all-pages)"
        } else {
            ""
        };
        let _ = writeln!(out, "  {name}{paged}");
    }
    let others: Vec<&str> = catalog
        .versions(service)
        .filter(|e| e.version != entry.version)
        .map(|e| e.version.as_str())
        .collect();
    if !others.is_empty() {
        let _ = writeln!(out, "other versions (--version): {}", others.join(", "));
    }
    Ok(out)
}

/// One action's parameters and output members.
pub(crate) fn action(
    catalog: &Catalog,
    service: &str,
    name: &str,
    version: Option<&str>,
) -> Result<String, String> {
    let entry = catalog.entry(service, version)?;
    let schema = catalog.version(entry)?;
    let action = schema.action(service, name)?;
    let mut out = format!(
        "usage: tc {service} {name} [--Param value ...] [options]   (API version {})\n\nparameters:\n",
        entry.version
    );
    if action.input.is_empty() {
        out.push_str("  (none)\n");
    }
    let mut models = Vec::new();
    for (member, ty, required) in &action.input {
        let need = if *required { "required" } else { "optional" };
        let _ = writeln!(out, "  --{member:<28} {ty}, {need}");
        collect_model(ty, &mut models);
    }
    out.push_str("\noutput:\n");
    for (member, ty) in &action.output {
        let _ = writeln!(out, "  {member:<30} {ty}");
    }
    out.push_str("  RequestId                      string\n");
    // The models the parameters use, one level deep: enough to write them.
    let mut shown = Vec::new();
    while let Some(model) = models.pop() {
        if shown.contains(&model) {
            continue;
        }
        let Some(members) = schema.models.get(&model) else {
            continue;
        };
        let _ = writeln!(out, "\n{model}:");
        for (member, ty, required) in members {
            let need = if *required { "required" } else { "optional" };
            let _ = writeln!(out, "  {member:<30} {ty}, {need}");
            collect_model(ty, &mut models);
        }
        shown.push(model);
    }
    if let Some(paging) = &action.paging {
        let _ = writeln!(
            out,
            "\n--all-pages follows {} (by {}) and merges {}",
            paging.position, paging.style, paging.list
        );
    }
    out.push_str("\noptions:\n");
    for option in GLOBAL_OPTIONS {
        let flag = match option.value {
            Some(v) => format!("--{} {v}", option.name),
            None => format!("--{}", option.name),
        };
        let _ = writeln!(out, "  {flag:<30} {}", option.help);
    }
    Ok(out)
}

fn collect_model(ty: &Type, models: &mut Vec<String>) {
    if let Type::One(crate::schema::Kind::Model(m)) | Type::List(crate::schema::Kind::Model(m)) = ty
    {
        models.push(m.clone());
    }
}
