#pragma once
// The one place winback writes to a book: appending to log.toml, safely when several people or
// cron jobs log at once and when the machine stops half-way.

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "winback/diagnostic.hpp"
#include "winback/load.hpp"

namespace winback::cli {

// The file's text as read under the lock -> the bytes to append, or nothing to refuse (the
// function has said why itself).
using PrepareAppend = std::function<std::optional<std::string>(std::string_view current)>;

struct AppendResult {
    enum Status { appended, refused, failed } status = failed;
    bool created = false;  // the file did not exist before
    std::string error;     // failed: what went wrong, for "winback: error: PATH: ..."
};

// Appends to the file at `path`:
// - opens it with O_APPEND and O_NOFOLLOW (a symlink is refused), creating it with mode 0600;
//   anything but a regular file is refused;
// - takes an exclusive flock and holds it until the end, checking that the path still names
//   the locked file (an editor may have replaced it meanwhile);
// - reads the whole file through the same descriptor and hands it to `prepare`;
// - writes what `prepare` returns with one write() (looping only on a short write); when the
//   write fails part-way the file is cut back to its size before, so nothing half is left;
// - fsyncs the file, and its folder when the file was created.
AppendResult append_locked(const std::string& path, const PrepareAppend& prepare);

// The text of the log as read_text_file gives it, read under a shared flock so that an entry
// being appended by another `winback log` is seen whole or not at all.
std::optional<SourceText> read_log_file(const std::string& path, Diagnostics& diagnostics);

}  // namespace winback::cli
