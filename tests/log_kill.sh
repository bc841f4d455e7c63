#!/usr/bin/env bash
# `winback log` killed with SIGKILL at random moments while it appends, REPEATS times, on a copy
# of BOOK. After each kill every byte that was in log.toml before is still there, and what was
# added is nothing, blank lines and the one whole entry, or a torn entry that `winback check`
# reports with its line and `winback log` refuses (then it is cut off and the run goes on).
# Finally, cuts made on purpose inside the last entry must be reported and refused in the same
# way. Prints how often each outcome happened.
#
#   log_kill.sh WINBACK BOOK WORK_DIR [REPEATS=200]      (works in WORK_DIR.XXXXXX)
set -u

winback=$1 book=$2 work_base=$3 repeats=${4:-200}
RANDOM=7  # the same delays each run, as far as the machine's speed allows
# shellcheck source=log_test_lib.sh
source "$(dirname "$0")/log_test_lib.sh"

entries_before=$(count_entries)
[[ -n $entries_before ]] || fail "winback check does not pass on the copy of $book"

clients=(C-0006 C-0015 C-0025 C-0034 C-0042)
note() { printf 'kill %d: 途中で止められても壊れない "引用" \\ %s' "$1" "$(printf 'い%.0s' $(seq 1 30))"; }
note_toml() { printf 'kill %d: 途中で止められても壊れない \\"引用\\" \\\\ %s' "$1" "$(printf 'い%.0s' $(seq 1 30))"; }
# Replaces the shell it runs in by winback: run it as `exec_log N &` so that $! is winback itself
# (a function run in the background is a subshell, and killing it would leave winback running),
# or as `(exec_log N)`.
exec_log() {
    exec "$winback" --dir "$work/book" -q log "${clients[$(($1 % ${#clients[@]}))]}" family-monthly --outcome reached \
        --date 2026-11-20 --by kill --note "$(note "$1")"
}
expected_entry() {
    printf '[[entry]] # written by winback\ndate = 2026-11-20\nclient = "%s"\nstep = "family-monthly"\n' \
        "${clients[$(($1 % ${#clients[@]}))]}"
    printf 'outcome = "reached"\nby = "kill"\nnote = "%s"\n# end of entry\n' "$(note_toml "$1")"
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# How long one append takes on this machine now (the quickest of three): the kills fall
# anywhere from before the process starts its work to about when it is done.
quickest=
for i in 1 2 3; do
    start=$(now_ms)
    (exec_log "$((1000000 + i))") || fail "a calibration run of winback log failed"
    took=$(($(now_ms) - start))
    [[ -z $quickest ]] || ((took < quickest)) && quickest=$took
done
entries_before=$((entries_before + 3))
window=$((quickest * 5 / 4 + 1))

# A torn tail must be reported by check with the line of its opening, and refused by log.
expect_reported() {
    local what=$1 line=$2 size
    size=$(stat -c %s "$log")
    cp "$log" "$work/torn"
    "$winback" --dir "$work/book" check >"$work/check.out" 2>"$work/check.err" && fail "$what: check passed"
    grep -Eq "(^|/)log.toml:$line:1: error: the last entry \(" "$work/check.err" ||
        fail "$what: check does not report the torn entry at line $line: $(cat "$work/check.err")"
    "$winback" --dir "$work/book" log C-0006 --outcome reached --date 2026-11-20 2>"$work/log.err" &&
        fail "$what: log appended to a torn file"
    grep -Eq "(^|/)log.toml:$line:1: error: the last entry \(.*delete line" "$work/log.err" ||
        fail "$what: log does not say how to repair: $(cat "$work/log.err")"
    cmp -s "$work/torn" "$log" || fail "$what: the refused log changed the file"
}

killed=0 finished=0 nothing=0 whole=0 torn=0
start=$(now_ms)
for ((i = 1; i <= repeats; i++)); do
    cp "$log" "$work/before"
    size=$(stat -c %s "$log")
    delay=$((RANDOM % (window + 1)))
    exec_log "$i" &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    { wait "$pid"; } 2>/dev/null  # without the shell's "Killed"
    status=$?
    case $status in
    0) finished=$((finished + 1)) ;;
    137) killed=$((killed + 1)) ;;
    *) fail "kill $i (after $delay ms): winback log exited $status" ;;
    esac

    cmp -s -n "$size" "$work/before" "$log" || fail "kill $i (after $delay ms): the earlier text changed"
    tail -c +"$((size + 1))" "$log" >"$work/added"
    sed '/./,$!d' "$work/added" >"$work/added_entry"  # without the blank lines before the entry
    if [[ ! -s $work/added_entry ]]; then
        nothing=$((nothing + 1))
    elif expected_entry "$i" | cmp -s - "$work/added_entry"; then
        whole=$((whole + 1))
    else
        torn=$((torn + 1))
        opening=$(($(wc -l <"$work/before") + $(wc -l <"$work/added") - $(wc -l <"$work/added_entry") + 1))
        expect_reported "kill $i (after $delay ms)" "$opening"
        truncate -s "$size" "$log"
    fi
done
ms=$(($(now_ms) - start))
seconds=$(printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100)))

entries_after=$(count_entries)
[[ $entries_after == $((entries_before + whole)) ]] ||
    fail "log.toml holds $entries_after entries; expected $entries_before + $whole"

# Cuts on purpose: the last entry cut after each of a few random bytes, as a kill in the middle
# of a write (or a power cut before the data reached the disk) could leave it.
cp "$log" "$work/whole"
size=$(stat -c %s "$log")
(exec_log 999999) || fail "winback log failed after the kills"
cp "$log" "$work/with_last"
entry_bytes=$(($(stat -c %s "$log") - size))
opening=$(($(wc -l <"$work/whole") + 2))  # after the blank line that sets the entry off
cuts=0
for ((c = 1; c <= 12; c++)); do
    cut=$((1 + 1 + RANDOM % (entry_bytes - 3)))  # inside the entry, past its blank line, before its end
    cp "$work/with_last" "$log"
    truncate -s "$((size + cut))" "$log"
    expect_reported "cut after byte $cut of the last entry" "$opening"
    cuts=$((cuts + 1))
done
cp "$work/with_last" "$log"
"$winback" --dir "$work/book" -q check >/dev/null || fail "the whole file does not pass check"

summary="$repeats kill -9 runs in $seconds s (kill window $window ms): $killed killed, $finished finished first; \
log.toml after them: $nothing unchanged or blank lines only, $whole with the whole entry, $torn torn and reported; \
$cuts cuts on purpose reported and refused; earlier entries intact every time"
echo "$summary"
echo "$summary" >"$work_base.summary.txt"
rm -rf "$work"
