#!/usr/bin/env bash
# The release, rehearsed: packages every publishable crate of the workspace in
# dependency order (cargo's own `package --workspace`), then checks what went
# in: each package under the registry's 10 MB limit, each with both licence
# files, no tests or spec data. Prints the sizes, largest first.
#
# Offline and without lock files: it runs after the build, which fetched every
# dependency, and a library's lock file is not used by its users (the `tc`
# binary's is packaged separately, for `cargo install --locked`). Packages are
# not rebuilt from their archives here (`--no-verify`): the workspace build
# has compiled the same sources, and verifying all 268 would take longer than
# the rest of CI.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${CARGO_TARGET_DIR:-target}"
out="$target/package"
rm -rf "$out"

# The tools that are never published.
unpublished=(--exclude tc-tests --exclude tc-service-tests --exclude tc-bench --exclude tc-codegen --exclude tc-emulator)
cargo package --workspace "${unpublished[@]}" --exclude tcapi-cli --no-verify --offline --exclude-lockfile --quiet
# With its lock file; its workspace dependencies are packaged again beside it
# (cargo resolves them from the packages of the same run).
mkdir -p "$target/package-cli"
CARGO_TARGET_DIR="$target/package-cli" cargo package -p tcapi-cli -p tcapi-core -p tcapi-macros \
    -p tcapi-macros-impl -p tcapi-sign --no-verify --offline --quiet
cp "$target/package-cli/package/tcapi-cli-"*.crate "$out/"

limit=$((10 * 1000 * 1000))
failed=0
count=0
for crate in "$out"/*.crate; do
    count=$((count + 1))
    name=$(basename "$crate" .crate)
    size=$(stat -c %s "$crate")
    if [ "$size" -gt "$limit" ]; then
        echo "error: $name is $size bytes, over the registry's 10 MB" >&2
        failed=1
    fi
    listing=$(tar -tzf "$crate")
    for licence in LICENSE-MIT LICENSE-APACHE; do
        if ! grep -qx "$name/$licence" <<<"$listing"; then
            echo "error: $name has no $licence" >&2
            failed=1
        fi
    done
    data="^$name/(tests|specs|benches/data)/"
    if grep -qE "$data" <<<"$listing"; then
        echo "error: $name packages test or spec data:" >&2
        grep -E "$data" <<<"$listing" | head -5 >&2
        failed=1
    fi
done

echo "packaged $count crates; the largest:"
for crate in "$out"/*.crate; do
    printf '%10d %s\n' "$(stat -c %s "$crate")" "$(basename "$crate")"
done | sort -rn | head -5
printf '%10d bytes in all\n' "$(cat "$out"/*.crate | wc -c)"
exit "$failed"
