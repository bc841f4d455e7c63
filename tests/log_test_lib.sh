# Shared by the log fault tests (log_concurrency.sh, log_kill.sh), sourced after they set
# $winback, $book and $work_base: a fixed environment, fail(), and a copy of $book in a folder
# of its own ($work; another ctest run on the same build folder may run the same test
# meanwhile) with its log.toml at $log, and count_entries.
export LANG=C.UTF-8 TZ=Asia/Tokyo
unset LC_ALL LC_MESSAGES WINBACK_DIR NO_COLOR

fail() {
    echo "FAIL: $*; kept $work"
    exit 1
}

mkdir -p "$(dirname "$work_base")"
work=$(mktemp -d "$work_base.XXXXXX") || exit 1
mkdir -p "$work/book"
cp -R "$book/." "$work/book/"
log=$work/book/log.toml
touch "$log"

# The number of log entries `winback check` counts; empty when the book does not pass.
count_entries() {
    "$winback" --dir "$work/book" -q check | sed -n 's/.* \([0-9][0-9]*\) log entr.*/\1/p'
}
