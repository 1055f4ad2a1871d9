//! Help and completions come from the embedded schema facts alone: no
//! network, no files.

mod common;

use common::{Home, tc, tc_with_env};

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
fn completions_for_each_shell_and_the_candidates_tc_answers() {
    let home = Home::new("completions");
    for shell in ["bash", "zsh", "fish"] {
        let run = tc(&home.0, &["completions", shell]);
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        // The script asks this binary for the candidates.
        assert!(
            run.stdout.contains("TC_COMPLETE"),
            "{shell}: {}",
            run.stdout
        );
        assert!(
            run.stdout.contains(env!("CARGO_BIN_EXE_tc")),
            "{shell}: {}",
            run.stdout
        );
    }
    let run = tc(&home.0, &["completions", "powershell"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("choose bash, zsh or fish"));

    // What the fish script asks, and what tc answers: services, actions,
    // options and the action's parameters.
    let complete = |line: &[&str]| {
        let args: Vec<&str> = ["--", "tc"].iter().chain(line).copied().collect();
        let run = tc_with_env(&home.0, &args, &[("TC_COMPLETE", "fish")]);
        assert_eq!(run.code, 0, "{run:?}");
        run.stdout
    };
    assert!(complete(&["cv"]).lines().any(|l| l == "cvm"));
    assert_eq!(
        complete(&["cvm", "DescribeImageSh"]).trim(),
        "DescribeImageSharePermission"
    );
    let options = complete(&["cvm", "DescribeImageSharePermission", "--"]);
    for word in [
        "--ImageId",
        "--cli-unfold-argument",
        "--all-pages",
        "--filter",
    ] {
        assert!(
            options.lines().any(|l| l.split('\t').next() == Some(word)),
            "{word}: {options}"
        );
    }
}
