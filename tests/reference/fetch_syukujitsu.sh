#!/usr/bin/env bash
# Fetches the Cabinet Office holiday list (内閣府 syukujitsu.csv, 1955 onward) as shipped,
# converted to UTF-8 "YYYY-MM-DD,name", in the npm package japanese-public-holidays, and
# writes it without its header line to OUT_CSV. Prints OUT_CSV. Needs npm and the registry;
# fails (non-zero, with the reason) rather than leaving an old or empty file behind.
#
# usage: fetch_syukujitsu.sh OUT_CSV
set -euo pipefail

package=japanese-public-holidays
version=3.2.38
# sha1 of the registry tarball of that version (npm view ... dist.shasum)
shasum_expected=b83c2c75b415732801bcafebe581e72c5717dd4e

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUT_CSV" >&2
    exit 2
fi
out=$1
command -v npm >/dev/null || { echo "fetch_syukujitsu: npm not found" >&2; exit 1; }

rm -f "$out"
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/syukujitsu.XXXXXX")
trap 'rm -rf "$work"' EXIT

if ! tarball=$(cd "$work" && npm pack --loglevel=error "$package@$version" 2>"$work/npm.log"); then
    echo "fetch_syukujitsu: npm pack $package@$version failed (registry unreachable?):" >&2
    grep -v 'Unknown user config' "$work/npm.log" >&2 || true
    exit 1
fi
tarball=$(printf '%s\n' "$tarball" | tail -n 1)
shasum_actual=$(sha1sum "$work/$tarball" | cut -d' ' -f1)
if [[ $shasum_actual != "$shasum_expected" ]]; then
    echo "fetch_syukujitsu: $tarball has sha1 $shasum_actual, expected $shasum_expected" >&2
    exit 1
fi
tar -xzf "$work/$tarball" -C "$work" package/index.csv

csv=$work/package/index.csv
if [[ $(head -n 1 "$csv" | tr -d '\r') != "date,name" ]]; then
    echo "fetch_syukujitsu: unexpected header in $package/index.csv: $(head -n 1 "$csv")" >&2
    exit 1
fi
tail -n +2 "$csv" | tr -d '\r' >"$work/out.csv"
if ! grep -qx '1955-01-01,元日' "$work/out.csv"; then
    echo "fetch_syukujitsu: $package/index.csv does not start at 1955 as expected" >&2
    exit 1
fi
mv "$work/out.csv" "$out"
echo "$out"
