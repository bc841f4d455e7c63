#!/usr/bin/env bash
# Concurrent writers to one log.toml: WRITERS processes each run `winback log` PER_WRITER times
# at once on a copy of BOOK. Afterwards the file must still load (`winback check`), keep every
# byte that was there before, and hold exactly WRITERS × PER_WRITER new entries, each one whole
# and each exactly once. Prints the wall time.
#
#   log_concurrency.sh WINBACK BOOK WORK_DIR [WRITERS=8] [PER_WRITER=125]   (works in WORK_DIR.XXXXXX)
set -u

winback=$1 book=$2 work_base=$3 writers=${4:-8} per_writer=${5:-125}
# shellcheck source=log_test_lib.sh
source "$(dirname "$0")/log_test_lib.sh"
cp "$log" "$work/log.before"
size_before=$(stat -c %s "$log")
entries_before=$(count_entries)
[[ -n $entries_before ]] || fail "winback check does not pass on the copy of $book"

# A note that needs every kind of escaping, and long enough that interleaved writes would show.
note() {
    printf 'w%d-%d 同時書き込み "引用" \\ 終わり\n二行目 %s' "$1" "$2" "$(printf 'あ%.0s' $(seq 1 40))"
}
# The same note as it must appear in the file.
note_toml() {
    printf 'w%d-%d 同時書き込み \\"引用\\" \\\\ 終わり\\n二行目 %s' "$1" "$2" "$(printf 'あ%.0s' $(seq 1 40))"
}

# Entries go to several clients of the example book, each with a step of their playbook, as a
# day of real logging would.
clients=(C-0006 C-0015 C-0025 C-0034 C-0042 C-0013 C-0018 C-0029 C-0019 C-0026 C-0041)
steps=(family-monthly family-monthly family-monthly family-monthly family-monthly ask-care-manager
    ask-care-manager ask-care-manager follow-up follow-up follow-up)
client_of() { echo "${clients[$((($1 * 7 + $2) % ${#clients[@]}))]}"; }
step_of() { echo "${steps[$((($1 * 7 + $2) % ${#steps[@]}))]}"; }

writer() {
    local w=$1 i
    for ((i = 1; i <= per_writer; i++)); do
        "$winback" --dir "$work/book" -q log "$(client_of "$w" "$i")" "$(step_of "$w" "$i")" --outcome reached \
            --date 2026-11-20 --by "w$w" --note "$(note "$w" "$i")" || return 1
    done
}

now_ms() { echo $(($(date +%s%N) / 1000000)); }
start=$(now_ms)
pids=()
for ((w = 1; w <= writers; w++)); do
    writer "$w" &
    pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do
    wait "$pid" || failed=1
done
end=$(now_ms)
[[ $failed == 0 ]] && echo "all writers exited 0" || fail "a writer failed"

total=$((writers * per_writer))
ms=$((end - start > 0 ? end - start : 1))
summary=$(printf '%d writers x %d entries = %d entries appended in %d.%03d s (%d entries/s)' \
    "$writers" "$per_writer" "$total" $((ms / 1000)) $((ms % 1000)) $((total * 1000 / ms)))
echo "$summary"
echo "$summary" >"$work_base.timing.txt"

# What was there is untouched.
cmp -s -n "$size_before" "$work/log.before" "$log" || fail "the text that was in log.toml before has changed"

# The file loads, with exactly the new entries.
check=$("$winback" --dir "$work/book" -q check) || fail "winback check fails after the writes: $check"
entries_after=$(echo "$check" | sed -n 's/.* \([0-9][0-9]*\) log entr.*/\1/p')
[[ $entries_after == $((entries_before + total)) ]] ||
    fail "log.toml holds $entries_after entries; expected $entries_before + $total"

# Every entry whole and exactly once: the appended text, split at blank lines, is exactly the
# expected set of entries.
for ((w = 1; w <= writers; w++)); do
    for ((i = 1; i <= per_writer; i++)); do
        printf '[[entry]] # written by winback\ndate = 2026-11-20\nclient = "%s"\nstep = "%s"\n' \
            "$(client_of "$w" "$i")" "$(step_of "$w" "$i")"
        printf 'outcome = "reached"\nby = "w%d"\nnote = "%s"\n# end of entry\n\n' "$w" "$(note_toml "$w" "$i")"
    done
done >"$work/expected_entries"
records() { awk 'BEGIN { RS = ""; ORS = "\n" } { gsub(/\n/, "|"); print }' "$1" | LC_ALL=C sort; }
tail -c +"$((size_before + 1))" "$log" >"$work/appended"
records "$work/expected_entries" >"$work/expected_records"
records "$work/appended" >"$work/actual_records"
if ! diff -q "$work/expected_records" "$work/actual_records" >/dev/null; then
    diff "$work/expected_records" "$work/actual_records" | head -20
    fail "the appended entries differ from those written (torn, lost or duplicated)"
fi
echo "ok: log.toml loads with $entries_after entries ($entries_before before + $total), none torn, none lost"
rm -rf "$work"
