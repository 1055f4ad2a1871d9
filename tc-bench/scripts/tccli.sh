#!/usr/bin/env bash
# Installs the official command line, tccli, at a pinned version from PyPI
# into a scratch virtualenv, for the comparison test (tc-cli/tests/tccli.rs)
# and the benchmark (tc_vs_tccli.sh). Reuses the virtualenv when it already
# holds that version. Prints the tccli executable's path as its last line;
# exits 1 (with the reason on stderr) when python3, venv or PyPI is missing.
#
#   tc-bench/scripts/tccli.sh DIR      # the virtualenv's directory
set -euo pipefail
version=3.1.189.1
dir="${1:?usage: tccli.sh DIR}"
tccli="$dir/bin/tccli"
if [ -x "$tccli" ] && [ "$("$dir/bin/python" -c 'import tccli; print(tccli.__version__)' 2>/dev/null)" = "$version" ]; then
    echo "$tccli"
    exit 0
fi
command -v python3 >/dev/null || { echo "tccli.sh: no python3" >&2; exit 1; }
rm -rf "$dir"
python3 -m venv "$dir" >&2 || { echo "tccli.sh: python3 cannot make a virtualenv" >&2; exit 1; }
"$dir/bin/pip" install --quiet --disable-pip-version-check "tccli==$version" >&2 \
    || { rm -rf "$dir"; echo "tccli.sh: pip could not install tccli==$version (no network or PyPI?)" >&2; exit 1; }
echo "$tccli"
