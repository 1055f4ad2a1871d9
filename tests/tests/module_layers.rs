//! The workspace's module structure, checked from the sources of every
//! crate: no module cycles (in each crate, no source file depends, through its
//! `use` lines and the `crate::`/`super::` paths in its code, on a file that
//! depends back on it), tc-core's layers (each module uses only its own
//! layer and those below; see tc-core's crate docs), and the crates' layers
//! (each crate's library depends only on crates of the layers below; see
//! CONTRIBUTING.md), read from `cargo metadata`.
//!
//! The graph is read from the sources with a small scanner, not the compiler:
//! comments, string literals and `#[cfg(test)]` items are left out, each
//! `use` and path is resolved to the file that defines its item (following
//! `pub use` re-exports), and a `pub use` that the file does not itself use is
//! the module's facade, not a dependency. Inline modules (`mod x { .. }`) count
//! as part of their file.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// Cycles known to exist in crates this branch must not change; each is
/// printed, not failed on. Remove an entry once its cycle is gone.
const KNOWN: &[(&str, &[&str])] = &[];

#[test]
fn tc_sign_has_no_module_cycle() {
    assert_no_cycle("tc-sign", "src/lib.rs");
}

#[test]
fn tc_core_has_no_module_cycle() {
    assert_no_cycle("tc-core", "src/lib.rs");
}

/// tc-core's layers, bottom up: its top-level folders, as its crate docs list
/// them.
const TC_CORE_LAYERS: &[&str] = &["credential", "wire", "transport", "client"];

/// tc-core's top-level modules outside the layers: what generated code calls
/// and the workspace's test tools. Nothing in a layer may use them.
const TC_CORE_GLUE: &[&str] = &["__private", "test_util"];

#[test]
fn tc_core_modules_use_only_their_layer_and_those_below() {
    let graph = Graph::load(&workspace().join("tc-core/src/lib.rs"));
    let problems = layer_problems(&graph, TC_CORE_LAYERS, TC_CORE_GLUE);
    assert!(problems.is_empty(), "tc-core:\n{}", problems.join("\n"));
}

/// The layer check itself, on a crate written for the purpose: `high` may use
/// `low`, not the other way; `low::b` using `glue` and a module in no layer
/// are reported too; a facade re-export from above is not a use.
#[test]
fn layer_check_finds_arrows_up_and_modules_outside_the_layers() {
    let graph = load_fixture(
        "tc-module-layers",
        &[
            ("lib.rs", "mod low;\nmod high;\nmod glue;\nmod stray;\n"),
            ("low.rs", "mod a;\nmod b;\npub use crate::high::H;\n"),
            ("low/a.rs", "pub struct A(crate::high::H);\n"),
            ("low/b.rs", "pub struct B(crate::glue::G);\n"),
            ("high.rs", "pub struct H(crate::low::a::A);\n"),
            ("glue.rs", "pub struct G(crate::high::H);\n"),
            ("stray.rs", "pub struct S;\n"),
        ],
    );
    let problems = layer_problems(&graph, &["low", "high"], &["glue"]);
    assert_eq!(
        problems,
        [
            "`stray` is in no layer",
            "low::a (layer low) uses high, a layer above (by crate::high::H)",
            "low::b (layer low) uses glue, outside the layers (by crate::glue::G)",
        ],
        "{problems:#?}"
    );
}

/// Every top-level module not in `layers` or `glue`, and every use from a
/// layer of a layer above it or of the glue.
fn layer_problems(graph: &Graph, layers: &[&str], glue: &[&str]) -> Vec<String> {
    let layer = |m: &ModPath| {
        m.first()
            .and_then(|top| layers.iter().position(|l| l == top))
    };
    let mut problems: Vec<String> = graph
        .modules
        .keys()
        .filter(|m| m.len() == 1 && layer(m).is_none() && !glue.contains(&m[0].as_str()))
        .map(|m| format!("`{}` is in no layer", name(m)))
        .collect();
    for (from, targets) in &graph.edges {
        let Some(own) = layer(from) else { continue };
        for (to, via) in targets {
            let Some(top) = to.first() else { continue };
            match layer(to) {
                Some(theirs) if theirs > own => problems.push(format!(
                    "{} (layer {}) uses {}, a layer above (by {via})",
                    name(from),
                    layers[own],
                    name(to)
                )),
                None if glue.contains(&top.as_str()) => problems.push(format!(
                    "{} (layer {}) uses {}, outside the layers (by {via})",
                    name(from),
                    layers[own],
                    name(to)
                )),
                _ => {}
            }
        }
    }
    problems
}

/// The workspace's crates in layers, bottom up, as CONTRIBUTING.md draws
/// them: a crate's library may depend only on crates of the layers below its
/// own. [`GENERATED`] stands for every generated service crate. So the
/// emulations (tc-emulator) depend on no service crate, and the service
/// crates' examples can use them without an arrow back up.
const CRATE_LAYERS: &[&[&str]] = &[
    &["tcapi-sign", "tcapi-macros-impl"],
    &["tcapi-macros"],
    &["tcapi-core"],
    &["tcapi-mock"],
    &["tc-emulator"],
    &[GENERATED],
    &[
        "tcapi-cli",
        "tc-bench",
        "tc-codegen",
        "tc-tests",
        "tc-service-tests",
    ],
];

/// The name [`CRATE_LAYERS`] gives the generated service crates (`tc-cvm/`
/// and `services/*`).
const GENERATED: &str = "generated service crates";

/// A workspace crate and the workspace crates its library needs: its normal
/// and build dependencies. Dev-dependencies are left out: Cargo builds them
/// only for the crate's own tests and examples, after its library, so they
/// make no cycle among libraries (tc-core's examples run on tc-mock).
struct Crate {
    name: String,
    generated: bool,
    needs: Vec<String>,
}

#[test]
fn crates_depend_only_on_the_layers_below() {
    let problems = crate_layer_problems(&workspace_crates(), CRATE_LAYERS);
    assert!(problems.is_empty(), "crates:\n{}", problems.join("\n"));
}

/// The crate check itself, on made-up crates: the emulations depending on
/// a service crate (as tc-emulator once did on tc-cvm) and a service crate
/// on tc-emulator are arrows up or across; a crate in no layer is reported.
#[test]
fn crate_layer_check_finds_arrows_up_and_crates_outside_the_layers() {
    let krate = |name: &str, generated: bool, needs: &[&str]| Crate {
        name: name.to_owned(),
        generated,
        needs: needs.iter().map(|n| (*n).to_owned()).collect(),
    };
    let crates = [
        krate("core", false, &[]),
        krate("emulator", false, &["core", "tcapi-cvm"]),
        krate("tcapi-cvm", true, &["core"]),
        krate("tcapi-vpc", true, &["core", "emulator", "tcapi-cvm"]),
        krate("stray", false, &["core"]),
    ];
    let problems = crate_layer_problems(&crates, &[&["core"], &["emulator"], &[GENERATED]]);
    assert_eq!(
        problems,
        [
            "emulator (layer emulator) depends on tcapi-cvm (layer generated service crates), which is not below it",
            "tcapi-vpc (layer generated service crates) depends on tcapi-cvm (layer generated service crates), which is not below it",
            "`stray` is in no layer",
        ],
        "{problems:#?}"
    );
}

/// Every crate in no layer of `layers`, and every dependency of a crate on
/// one that is not in a layer below its own.
fn crate_layer_problems(crates: &[Crate], layers: &[&[&str]]) -> Vec<String> {
    let layer_of = |krate: &Crate| {
        let name = if krate.generated {
            GENERATED
        } else {
            krate.name.as_str()
        };
        layers.iter().position(|layer| layer.contains(&name))
    };
    let by_name: BTreeMap<&str, &Crate> = crates.iter().map(|c| (c.name.as_str(), c)).collect();
    let layer_name = |i: usize| layers[i].join(", ");
    let mut problems = Vec::new();
    let mut strays = Vec::new();
    for krate in crates {
        let Some(own) = layer_of(krate) else {
            strays.push(format!("`{}` is in no layer", krate.name));
            continue;
        };
        for need in &krate.needs {
            let Some(theirs) = by_name.get(need.as_str()).and_then(|c| layer_of(c)) else {
                continue;
            };
            if theirs >= own {
                problems.push(format!(
                    "{} (layer {}) depends on {need} (layer {}), which is not below it",
                    krate.name,
                    layer_name(own),
                    layer_name(theirs)
                ));
            }
        }
    }
    problems.extend(strays);
    problems
}

/// The workspace's crates, from `cargo metadata --no-deps`.
fn workspace_crates() -> Vec<Crate> {
    let root = workspace();
    let output = std::process::Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--no-deps",
            "--offline",
            "--format-version",
            "1",
        ])
        .current_dir(&root)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let packages = metadata["packages"].as_array().expect("a package list");
    let generated_dirs = [root.join("tc-cvm"), root.join("services")];
    packages
        .iter()
        .map(|package| {
            let manifest = Path::new(package["manifest_path"].as_str().expect("a manifest"));
            let dir = manifest.parent().expect("a manifest has a folder");
            let generated = generated_dirs
                .iter()
                .any(|g| dir == g || dir.parent() == Some(g.as_path()));
            let needs = package["dependencies"]
                .as_array()
                .expect("a dependency list")
                .iter()
                .filter(|dep| dep["kind"].as_str() != Some("dev"))
                .filter_map(|dep| dep["name"].as_str().map(str::to_owned))
                .collect();
            Crate {
                name: package["name"].as_str().expect("a name").to_owned(),
                generated,
                needs,
            }
        })
        .collect()
}

#[test]
fn tc_mock_has_no_module_cycle() {
    assert_no_cycle("tc-mock", "src/lib.rs");
    assert_no_cycle("tc-mock", "src/main.rs");
}

#[test]
fn tc_codegen_has_no_module_cycle() {
    assert_no_cycle("tc-codegen", "src/main.rs");
}

#[test]
fn tc_macros_impl_has_no_module_cycle() {
    assert_no_cycle("tc-macros-impl", "src/lib.rs");
}

#[test]
fn tc_bench_has_no_module_cycle() {
    assert_no_cycle("tc-bench", "src/main.rs");
}

#[test]
fn generated_crates_have_no_module_cycle() {
    assert_no_cycle("tc-cvm", "src/lib.rs");
    let services = workspace().join("services");
    let mut names: Vec<String> = fs::read_dir(&services)
        .expect("services/ is readable")
        .filter_map(Result::ok)
        .filter(|e| e.path().join("src/lib.rs").is_file())
        .map(|e| format!("services/{}", e.file_name().to_string_lossy()))
        .collect();
    names.sort();
    for name in names {
        assert_no_cycle(&name, "src/lib.rs");
    }
}

/// The scanner itself, on a crate written for the purpose: `a`, `b` and `c`
/// use each other in a ring; `e` uses `f`, whose child `f::g` uses `e` (a
/// cycle between `e` and the subtree `f/**`, though no file repeats); the
/// re-export, the comment, the string and the test module make no edge.
#[test]
fn scanner_finds_cycles_and_ignores_facades_tests_and_strings() {
    let graph = load_fixture(
        "tc-module-cycles",
        &[
            (
                "lib.rs",
                "mod a;\nmod b;\nmod c;\nmod e;\nmod f;\npub use a::A;\n// use crate::c::C;\n",
            ),
            ("a.rs", "use crate::b::B;\npub struct A(B);\n"),
            (
                "b.rs",
                "pub struct B;\nfn f() -> crate::c::C { let _ = \"crate::a::A\"; todo!() }\n",
            ),
            (
                "c.rs",
                "pub struct C(super::A);\n#[cfg(test)]\nmod tests { use crate::b::B; }\n",
            ),
            ("e.rs", "pub struct E(crate::f::F);\n"),
            ("f.rs", "mod g;\npub struct F;\npub use g::G;\n"),
            ("f/g.rs", "pub struct G(crate::e::E);\n"),
        ],
    );
    let cycles = graph.cycles();
    let members: Vec<&[String]> = cycles.iter().map(|c| c.members.as_slice()).collect();
    assert_eq!(
        members,
        [&["a", "b", "c"][..], &["e", "f/**"][..]],
        "{}",
        describe(&cycles)
    );
}

/// The graph of a crate written for a test: `files` as (path under `src/`,
/// text), `lib.rs` the root; the files are removed once read.
fn load_fixture(label: &str, files: &[(&str, &str)]) -> Graph {
    let dir = std::env::temp_dir().join(format!("{label}-{}", std::process::id()));
    for (name, text) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().expect("a file has a folder")).unwrap();
        fs::write(path, text).unwrap();
    }
    let graph = Graph::load(&dir.join("lib.rs"));
    let _ = fs::remove_dir_all(&dir);
    graph
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace")
        .to_owned()
}

fn assert_no_cycle(krate: &str, root: &str) {
    let graph = Graph::load(&workspace().join(krate).join(root));
    let known: BTreeSet<Vec<String>> = KNOWN
        .iter()
        .filter(|(k, _)| *k == krate)
        .map(|(_, cycle)| cycle.iter().map(|m| (*m).to_owned()).collect())
        .collect();
    let (tolerated, new): (Vec<_>, Vec<_>) = graph
        .cycles()
        .into_iter()
        .partition(|cycle| known.contains(&cycle.members));
    if !tolerated.is_empty() {
        eprintln!(
            "{krate} ({root}): known module cycles, left for another change:\n{}",
            describe(&tolerated)
        );
    }
    assert!(
        new.is_empty(),
        "{krate} ({root}) has module cycles:\n{}",
        describe(&new)
    );
}

/// A module path inside the crate: `["credential", "env"]`; empty for the root.
type ModPath = Vec<String>;

struct Module {
    /// Scrubbed code: no comments, no string contents, no test items.
    code: String,
    /// Declared child modules (`mod x;`).
    children: BTreeSet<String>,
    /// What each `use` brings into scope: name (`None` for a glob) → path as
    /// written, and whether it is re-exported.
    imports: Vec<Import>,
}

struct Import {
    name: Option<String>,
    path: Vec<String>,
    public: bool,
}

struct Graph {
    modules: BTreeMap<ModPath, Module>,
    /// `from → to → the path that made the edge`.
    edges: BTreeMap<ModPath, BTreeMap<ModPath, String>>,
}

impl Graph {
    fn load(root: &Path) -> Graph {
        let mut modules = BTreeMap::new();
        load_module(root, Vec::new(), true, &mut modules);
        let mut graph = Graph {
            modules,
            edges: BTreeMap::new(),
        };
        graph.link();
        graph
    }

    fn link(&mut self) {
        let mut edges: BTreeMap<ModPath, BTreeMap<ModPath, String>> = BTreeMap::new();
        for (from, module) in &self.modules {
            let mut add = |path: &[String]| {
                if let Some(to) = self.resolve(from, path, 0)
                    && &to != from
                {
                    edges
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| path.join("::"));
                }
            };
            let used = identifiers(&strip_declarations(&strip_uses(&module.code)));
            for import in &module.imports {
                let facade =
                    import.public && import.name.as_ref().is_none_or(|name| !used.contains(name));
                if !facade {
                    add(&import.path);
                }
            }
            for path in code_paths(&strip_uses(&module.code), &module.children) {
                add(&path);
            }
        }
        self.edges = edges;
    }

    /// The module that defines what `path`, written in module `from`, names.
    fn resolve(&self, from: &ModPath, path: &[String], depth: usize) -> Option<ModPath> {
        if depth > 16 || path.is_empty() {
            return None;
        }
        let (mut at, rest): (ModPath, &[String]) = match path[0].as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (from.clone(), &path[1..]),
            "super" => {
                let mut at = from.clone();
                let mut rest = path;
                while rest.first().is_some_and(|s| s == "super") {
                    at.pop()?;
                    rest = &rest[1..];
                }
                (at, rest)
            }
            first => {
                let module = self.modules.get(from)?;
                if module.children.contains(first) {
                    (from.clone(), path)
                } else if let Some(import) = module
                    .imports
                    .iter()
                    .find(|i| i.name.as_deref() == Some(first))
                {
                    let mut full = import.path.clone();
                    full.extend_from_slice(&path[1..]);
                    return self.resolve(from, &full, depth + 1);
                } else {
                    // An external crate, a prelude or local name.
                    return None;
                }
            }
        };
        for (i, segment) in rest.iter().enumerate() {
            let module = self.modules.get(&at)?;
            if module.children.contains(segment) {
                at.push(segment.clone());
                continue;
            }
            // An item of `at`: its own, or one it brings in from elsewhere.
            let found = module
                .imports
                .iter()
                .find(|import| import.name.as_deref() == Some(segment.as_str()));
            if let Some(import) = found {
                let mut full = import.path.clone();
                full.extend_from_slice(&rest[i + 1..]);
                return self.resolve(&at, &full, depth + 1);
            }
            return Some(at);
        }
        Some(at)
    }

    /// Every cycle, each once: between files, and between the subtrees of
    /// each module's children (so that `a::x -> b` and `b -> a::y` is a cycle
    /// between `a/**` and `b` even though no file repeats).
    fn cycles(&self) -> Vec<Cycle> {
        let mut cycles = self.cycles_among(|m| Some(name(m)));
        for parent in self.modules.keys() {
            let depth = parent.len();
            let subtree = |m: &ModPath| -> Option<String> {
                if m.len() <= depth || !m.starts_with(parent) {
                    return None;
                }
                let child: ModPath = m[..=depth].to_vec();
                let has_children = self
                    .modules
                    .get(&child)
                    .is_some_and(|c| !c.children.is_empty());
                Some(if has_children {
                    format!("{}/**", name(&child))
                } else {
                    name(&child)
                })
            };
            for cycle in self.cycles_among(subtree) {
                if !cycles.iter().any(|c| c.members == cycle.members) {
                    cycles.push(cycle);
                }
            }
        }
        cycles.sort_by(|a, b| a.members.cmp(&b.members));
        cycles
    }

    /// The cycles of the graph whose nodes are what `node` maps modules to
    /// (modules it maps to `None` are left out).
    fn cycles_among(&self, node: impl Fn(&ModPath) -> Option<String>) -> Vec<Cycle> {
        let mut nodes: Vec<String> = self.modules.keys().filter_map(&node).collect();
        nodes.sort();
        nodes.dedup();
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut adjacency = vec![BTreeSet::new(); nodes.len()];
        let mut via: BTreeMap<(usize, usize), Vec<String>> = BTreeMap::new();
        for (from, targets) in &self.edges {
            let Some(a) = node(from) else { continue };
            for (to, path) in targets {
                let Some(b) = node(to) else { continue };
                if a == b {
                    continue;
                }
                let (ia, ib) = (index[a.as_str()], index[b.as_str()]);
                adjacency[ia].insert(ib);
                via.entry((ia, ib)).or_default().push(format!(
                    "{} -> {} (by {path})",
                    name(from),
                    name(to)
                ));
            }
        }
        let adjacency: Vec<Vec<usize>> = adjacency
            .into_iter()
            .map(|s| s.into_iter().collect())
            .collect();
        strongly_connected(&adjacency)
            .into_iter()
            .filter(|component| component.len() > 1)
            .map(|component| {
                let mut members: Vec<String> =
                    component.iter().map(|&i| nodes[i].clone()).collect();
                members.sort();
                let edges = via
                    .iter()
                    .filter(|((a, b), _)| component.contains(a) && component.contains(b))
                    .flat_map(|(_, lines)| lines.iter().cloned())
                    .collect();
                Cycle { members, edges }
            })
            .collect()
    }
}

/// Modules (or subtrees, `name/**`) that depend on each other in a ring,
/// and the uses that make it.
struct Cycle {
    members: Vec<String>,
    edges: Vec<String>,
}

fn describe(cycles: &[Cycle]) -> String {
    let mut out = String::new();
    for cycle in cycles {
        let _ = writeln!(out, "  cycle among {}:", cycle.members.join(", "));
        for edge in &cycle.edges {
            let _ = writeln!(out, "    {edge}");
        }
    }
    out
}

fn name(path: &ModPath) -> String {
    if path.is_empty() {
        "crate".to_owned()
    } else {
        path.join("::")
    }
}

/// Tarjan's algorithm, iteratively.
fn strongly_connected(adjacency: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = adjacency.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
    let (mut stack, mut components, mut next) = (Vec::new(), Vec::new(), 0);
    for start in 0..n {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work = vec![(start, 0usize)];
        while let Some(&(v, edge)) = work.last() {
            if edge == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = adjacency[v].get(edge) {
                if let Some(top) = work.last_mut() {
                    top.1 += 1;
                }
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                components.push(component);
            }
        }
    }
    components
}

/// Reads `file` as module `path` and, recursively, the modules it declares.
fn load_module(
    file: &Path,
    path: ModPath,
    owns_dir: bool,
    modules: &mut BTreeMap<ModPath, Module>,
) {
    let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let path_attrs = path_attributes(&text);
    let code = without_quoted_code(&without_test_items(&scrub(&text)));
    let dir = if owns_dir {
        file.parent().unwrap().to_owned()
    } else {
        file.with_extension("")
    };
    let mut children = BTreeSet::new();
    for child in declared_modules(&code) {
        let child_file = match path_attrs.get(&child) {
            Some(p) => file.parent().unwrap().join(p),
            None => {
                let flat = dir.join(format!("{child}.rs"));
                if flat.is_file() {
                    flat
                } else {
                    dir.join(&child).join("mod.rs")
                }
            }
        };
        let owns = child_file.file_name().is_some_and(|n| n == "mod.rs");
        let mut child_path = path.clone();
        child_path.push(child.clone());
        load_module(&child_file, child_path, owns, modules);
        children.insert(child);
    }
    let imports = use_statements(&code)
        .into_iter()
        .flat_map(|(public, tree)| {
            expand_use(&tree)
                .into_iter()
                .map(move |(path, name)| Import { name, path, public })
        })
        .collect();
    modules.insert(
        path,
        Module {
            code,
            children,
            imports,
        },
    );
}

/// `#[path = "x.rs"] mod name;` → name → x.rs (read before string contents
/// are scrubbed).
fn path_attributes(text: &str) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    let mut pending: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("#[path = \"") {
            pending = rest.split('"').next().map(str::to_owned);
        } else if let Some(p) = pending.take() {
            if let Some(name) = line.split_whitespace().skip_while(|w| *w != "mod").nth(1) {
                found.insert(name.trim_end_matches(';').to_owned(), p);
            } else if line.starts_with("#[") {
                pending = Some(p);
            }
        }
    }
    found
}

/// The code without comments, and with every string and character literal
/// emptied (so `"crate::x"` in a code generator is not a path).
fn scrub(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (i == 0
                || !ident(chars[i - 1])
                || (chars[i - 1] == 'b' && (i < 2 || !ident(chars[i - 2]))))
            && matches!(next, Some('#' | '"'))
        {
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (1..=hashes).all(|k| chars.get(j + k) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal (`'x'`, `'\n'`, `'\u{..}'`) or a lifetime.
            let literal_end = if next == Some('\\') {
                (i + 2..chars.len()).find(|&j| chars[j] == '\'')
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match literal_end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Removes each item marked `#[cfg(test)]`: up to its `;`, or through the
/// block it opens.
fn without_test_items(code: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let item = &rest[at + MARK.len()..];
        let is_use =
            item.trim_start().starts_with("use ") || item.trim_start().starts_with("pub use ");
        let mut depth = 0usize;
        let mut end = item.len();
        for (i, c) in item.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 && !is_use {
                        end = i + 1;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &item[end..];
    }
    out.push_str(rest);
    out
}

/// Removes the bodies of `quote!` and `quote_spanned!`: code being
/// generated, not code of this crate.
fn without_quoted_code(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = find_word(rest, "quote").or_else(|| find_word(rest, "quote_spanned")) {
        let word_end = at + rest[at..].find('!').map_or(0, |p| p + 1);
        let invocation =
            rest[at..].starts_with("quote!") || rest[at..].starts_with("quote_spanned!");
        if !invocation {
            out.push_str(&rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        }
        out.push_str(&rest[..at]);
        let body = &rest[word_end..];
        let mut depth = 0usize;
        let mut end = body.len();
        for (i, c) in body.char_indices() {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        end = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &body[end..];
    }
    out.push_str(rest);
    out
}

/// The names in `mod name;` declarations (not inline `mod name { .. }`).
fn declared_modules(code: &str) -> Vec<String> {
    let tokens = tokens(code);
    tokens
        .windows(3)
        .filter(|w| w[0] == "mod" && w[2] == ";")
        .map(|w| w[1].clone())
        .collect()
}

/// Identifiers, `::`, and single punctuation characters.
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_owned());
            i += 2;
        } else if c.is_whitespace() {
            i += 1;
        } else {
            out.push(c.to_string());
            i += 1;
        }
    }
    out
}

/// Every `use` statement: whether it is `pub` (in any form), and its tree's
/// tokens.
fn use_statements(code: &str) -> Vec<(bool, Vec<String>)> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts = tokens[i] == "use"
            && (i == 0 || matches!(tokens[i - 1].as_str(), ";" | "{" | "}" | "]" | "pub" | ")"));
        if !starts {
            i += 1;
            continue;
        }
        let public = i > 0
            && (tokens[i - 1] == "pub"
                || (tokens[i - 1] == ")"
                    && i >= 4
                    && tokens[..i].iter().rev().nth(3).is_some_and(|t| t == "pub")));
        let end = tokens[i..]
            .iter()
            .position(|t| t == ";")
            .map_or(tokens.len(), |p| i + p);
        out.push((public, tokens[i + 1..end].to_vec()));
        i = end;
    }
    out
}

/// The code with its `use` statements removed.
fn strip_uses(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    loop {
        let Some(at) = find_word(rest, "use") else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map_or(rest.len(), |p| at + p + 1);
        rest = &rest[end..];
    }
}

/// The code with its `mod name;` declarations removed.
fn strip_declarations(code: &str) -> String {
    let tokens = tokens(code);
    let mut kept = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i] == "mod" && tokens.get(i + 2).is_some_and(|t| t == ";") {
            i += 3;
        } else {
            kept.push(tokens[i].as_str());
            i += 1;
        }
    }
    kept.join(" ")
}

fn find_word(text: &str, word: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(p) = text[from..].find(word) {
        let at = from + p;
        let before = at.checked_sub(1).map(|b| bytes[b]);
        let after = bytes.get(at + word.len()).copied();
        let boundary = |b: Option<u8>| b.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_'));
        if boundary(before) && boundary(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// `a::{b, c::{d as e}, self, *}` → `(["a","b"], Some("b"))`,
/// `(["a","c","d"], Some("e"))`, `(["a"], Some("a"))`, `(["a"], None)`.
fn expand_use(tokens: &[String]) -> Vec<(Vec<String>, Option<String>)> {
    let mut out = Vec::new();
    expand_into(tokens, &mut 0, Vec::new(), &mut out);
    out
}

fn expand_into(
    tokens: &[String],
    at: &mut usize,
    prefix: Vec<String>,
    out: &mut Vec<(Vec<String>, Option<String>)>,
) {
    let mut path = prefix;
    while *at < tokens.len() {
        let token = tokens[*at].as_str();
        *at += 1;
        match token {
            "::" => {}
            "{" => {
                loop {
                    expand_into(tokens, at, path.clone(), out);
                    match tokens.get(*at).map(String::as_str) {
                        Some(",") => *at += 1,
                        Some("}") => {
                            *at += 1;
                            break;
                        }
                        _ => break,
                    }
                    if tokens.get(*at).is_some_and(|t| t == "}") {
                        *at += 1;
                        break;
                    }
                }
                return;
            }
            "*" => {
                out.push((path, None));
                return;
            }
            "as" => {
                let alias = tokens.get(*at).cloned();
                *at += 1;
                out.push((path, alias.filter(|a| a != "_")));
                return;
            }
            "," | "}" => {
                *at -= 1;
                break;
            }
            "self" if !path.is_empty() => {}
            segment => path.push(segment.to_owned()),
        }
    }
    if let Some(last) = path.last().cloned() {
        out.push((path, Some(last)));
    }
}

/// The paths in code that start with `crate`, `self`, `super` or a child
/// module's name.
fn code_paths(code: &str, children: &BTreeSet<String>) -> Vec<Vec<String>> {
    let tokens = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts = (matches!(tokens[i].as_str(), "crate" | "super" | "self")
            || children.contains(&tokens[i]))
            && tokens.get(i + 1).is_some_and(|t| t == "::")
            && (i == 0 || tokens[i - 1] != "::");
        if !starts {
            i += 1;
            continue;
        }
        let mut path = vec![tokens[i].clone()];
        i += 1;
        while tokens.get(i).is_some_and(|t| t == "::")
            && tokens
                .get(i + 1)
                .is_some_and(|t| t.chars().all(|c| c.is_alphanumeric() || c == '_'))
        {
            path.push(tokens[i + 1].clone());
            i += 2;
        }
        out.push(path);
    }
    out
}

/// Every identifier in `code`.
fn identifiers(code: &str) -> BTreeSet<String> {
    tokens(code)
        .into_iter()
        .filter(|t| {
            t.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
        })
        .collect()
}
