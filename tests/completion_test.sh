#!/usr/bin/env bash
# The bash completion generated from --help: commands, options, listed values, client ids.
#   completion_test.sh WINBACK COMPLETION_SCRIPT SOURCE_DIR
set -u
winback=$1 script=$2 source_dir=$3
bin=$(mktemp -d) || exit 1
trap 'rm -rf "$bin"' EXIT
ln -s "$winback" "$bin/winback"
export PATH="$bin:$PATH"
unset WINBACK_DIR XDG_CONFIG_HOME LC_ALL LC_MESSAGES
export LANG=C.UTF-8 HOME=/nonexistent
cd "$source_dir" || exit 1
# shellcheck source=/dev/null
source "$script"

failed=0
# complete "the words typed" "expected candidates, sorted, space-separated"
complete_case() {
    local line=$1 expected=$2
    read -r -a COMP_WORDS <<<"$line"
    [[ $line == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    _winback
    local actual
    actual=$(printf '%s\n' "${COMPREPLY[@]}" | LC_ALL=C sort | tr '\n' ' ' | sed 's/ $//')
    if [[ $actual != "$expected" ]]; then
        printf 'FAIL: "%s"\n  expected: %s\n  actual:   %s\n' "$line" "$expected" "$actual"
        failed=1
    fi
}

complete_case "winback pl" "plan playbooks"
complete_case "winback --lang ja ch" "check"
complete_case "winback --l" "--lang"
complete_case "winback --lang " "en ja"
complete_case "winback plan --ov" "--overdue-only"
complete_case "winback plan --format " "csv html ics json ndjson table tsv"
complete_case "winback show --format " "json table"
complete_case "winback --dir examples/dayservice show C-000" \
    "C-0001 C-0002 C-0003 C-0004 C-0005 C-0006 C-0007 C-0008 C-0009"
complete_case "winback --dir examples/dayservice plan --client C-004" \
    "C-0040 C-0041 C-0042 C-0043 C-0044 C-0045 C-0046 C-0047 C-0048"
complete_case "winback --dir examples/dayservice log C-0001 " ""
complete_case "winback --dir no-such-book show C" ""
complete_case "winback init exampl" "examples"
exit $failed
