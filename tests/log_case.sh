#!/usr/bin/env bash
# Runs one end-to-end case of `winback log` on a copy of a book, since these cases write to it.
#
#   log_case.sh WINBACK CASE_DIR WORK_DIR SOURCE_DIR      (works in WORK_DIR.XXXXXX)
#
# CASE_DIR holds:
#   book_from  optional: a book folder, relative to SOURCE_DIR, copied first
#   book/      optional: files copied over it (a hand-written log.toml, say)
#   commands   shell lines run one by one in the copy (bash, pipefail; `winback` is the binary
#              under test; lines starting with # are skipped)
#   expected   the transcript: each command with its exit code, stdout and stderr, then what
#              became of log.toml (absent, created with its mode and text, unchanged, or the
#              bytes appended after an untouched prefix)
# The environment is fixed as in run_case.cmake. Today's date reads <today>.
# With UPDATE_GOLDEN=1 the expected transcript is rewritten instead.
set -u

winback=$1 case_dir=$2 work_base=$3 source_dir=$4

# A folder of its own: another ctest run on the same build folder may run this case meanwhile.
mkdir -p "$(dirname "$work_base")"
work=$(mktemp -d "$work_base.XXXXXX") || exit 1
mkdir -p "$work/bin" "$work/book"
ln -s "$winback" "$work/bin/winback"
if [[ -f $case_dir/book_from ]]; then
    cp -R "$source_dir/$(<"$case_dir/book_from")/." "$work/book/"
fi
if [[ -d $case_dir/book ]]; then
    cp -R "$case_dir/book/." "$work/book/"
fi
log=$work/book/log.toml
before=$work/log.toml.before
[[ -e $log ]] && cp "$log" "$before"

# Prints a captured stream under its label, marking a missing final newline.
section() {
    local label=$1 file=$2
    [[ -s $file ]] || return 0
    printf '[%s]\n' "$label"
    cat "$file"
    [[ -n $(tail -c1 "$file") ]] && printf '\n[no newline at end]\n'
    return 0
}

{
    while IFS= read -r line || [[ -n $line ]]; do
        [[ -z $line || $line == \#* ]] && continue
        printf '$ %s\n' "$line"
        (cd "$work/book" &&
            env -u LC_ALL -u LC_MESSAGES -u WINBACK_DIR -u NO_COLOR -u XDG_CONFIG_HOME LANG=C.UTF-8 TZ=Asia/Tokyo \
                PATH="$work/bin:$PATH" bash -o pipefail -c "$line" >"$work/stdout" 2>"$work/stderr" </dev/null)
        printf '[exit %d]\n' $?
        section stdout "$work/stdout"
        section stderr "$work/stderr"
    done <"$case_dir/commands"

    echo '----'
    if [[ ! -e $log && ! -L $log ]]; then
        echo '[log.toml] absent'
    elif [[ -L $log ]]; then
        echo '[log.toml] a symbolic link'
    elif [[ ! -e $before ]]; then
        printf '[log.toml] created, mode %s\n' "$(stat -c %a "$log")"
        cat "$log"
    elif cmp -s "$before" "$log"; then
        printf '[log.toml] unchanged, mode %s\n' "$(stat -c %a "$log")"
    else
        size=$(stat -c %s "$before")
        if [[ $(stat -c %s "$log") -gt $size ]] && cmp -s -n "$size" "$before" "$log"; then
            echo '[log.toml] kept as it was, then appended:'
            tail -c +"$((size + 1))" "$log"
        else
            echo '[log.toml] REWRITTEN (what was there has changed):'
            diff -u "$before" "$log"
        fi
    fi
} >"$work/raw" 2>&1

today=$(TZ=Asia/Tokyo date +%F)
sed -e "s|$today|<today>|g" -e "s|$work|<work>|g" "$work/raw" >"$work/actual"

if [[ -n ${UPDATE_GOLDEN:-} ]]; then
    cp "$work/actual" "$case_dir/expected"
elif ! diff -u "$case_dir/expected" "$work/actual"; then
    echo "case $case_dir failed (UPDATE_GOLDEN=1 ctest ... rewrites the expected transcript); kept $work"
    exit 1
fi
rm -rf "$work"
