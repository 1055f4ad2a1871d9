//! The modules of `src` form no cycle: each `use crate::...` points down.
//! Read from the source text, so a new module is covered without listing it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// Each module of `src` (by file stem) with the modules it names as `crate::x`.
fn module_uses() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in fs::read_dir(&src).expect("src is readable") {
        let path = entry.expect("src entry").path();
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if stem == "lib" {
            // The root declares every module; it is above all of them.
            continue;
        }
        let text = fs::read_to_string(&path).expect("source is readable");
        let uses = text
            .split("crate::")
            .skip(1)
            .map(|rest| {
                rest.chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect::<String>()
            })
            .filter(|name| !name.is_empty() && *name != stem)
            .collect();
        graph.insert(stem, uses);
    }
    graph
}

#[test]
fn modules_form_no_cycle() {
    let mut graph = module_uses();
    assert!(graph.contains_key("attr"), "{graph:?}");
    // Peel off modules that use nothing left; a cycle is what cannot be peeled.
    loop {
        let leaves: Vec<String> = graph
            .iter()
            .filter(|(_, uses)| uses.iter().all(|name| !graph.contains_key(name)))
            .map(|(name, _)| name.clone())
            .collect();
        if leaves.is_empty() {
            break;
        }
        for leaf in leaves {
            graph.remove(&leaf);
        }
    }
    assert!(
        graph.is_empty(),
        "modules in or above a cycle (each with the modules it uses): {graph:?}"
    );
}
