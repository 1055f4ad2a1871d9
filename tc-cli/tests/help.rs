//! Help and completions come from the embedded schema facts alone: no
//! network, no files.

mod common;

use common::{Home, tc};

#[test]
fn help_lists_services_actions_and_an_actions_members() {
    let home = Home::new("help");
    let run = tc(&home.0, &["help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.lines().filter(|l| l.starts_with("  ")).count() >= 262,
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("  monitor          2018-07-24"),
        "{}",
        run.stdout
    );

    let run = tc(&home.0, &["cvm", "help"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("cvm 2017-03-12: 106 actions"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  DescribeInstances  (pages: --all-pages)"),
        "{}",
        run.stdout
    );

    let run = tc(&home.0, &["cvm", "DescribeInstances", "help"]);
    assert_eq!(run.code, 0, "{run:?}");
    let out = &run.stdout;
    assert!(out.contains("--InstanceIds"), "{out}");
    assert!(out.contains("list of string, optional"), "{out}");
    assert!(out.contains("InstanceSet"), "{out}");
    assert!(out.contains("Filter:\n  Name"), "{out}");
    assert!(
        out.contains("--all-pages follows Offset (by offset) and merges InstanceSet"),
        "{out}"
    );

    let run = tc(&home.0, &["cvm", "DescribeImageSharePermission", "--help"]);
    assert!(
        run.stdout
            .contains("--ImageId                      string, required"),
        "{}",
        run.stdout
    );

    // Another version.
    let run = tc(&home.0, &["monitor", "help", "--version", "2023-06-16"]);
    assert!(
        run.stdout.starts_with("monitor 2023-06-16: 42 actions"),
        "{}",
        run.stdout
    );
}

#[test]
fn completions_for_each_shell_name_services_actions_and_options() {
    let home = Home::new("completions");
    for shell in ["bash", "zsh", "fish"] {
        let run = tc(&home.0, &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        for word in [
            "DescribeImageSharePermission",
            "cvm",
            "cli-unfold-argument",
            "all-pages",
        ] {
            assert!(run.stdout.contains(word), "{shell}: no {word}");
        }
    }
    let run = tc(&home.0, &["completions", "powershell"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("choose bash, zsh or fish"));
}
