#pragma once
// The fast path for the big files of a book. load_clients and load_log first try a streaming
// reader that builds the model straight from the bytes, using every core; it gives up on any
// file it does not fully understand or that would get a diagnostic, and the toml++ path
// (load_*_toml) then reads the file and reports exactly as before. Both paths give the same
// model, places included (tests/unit/fast_load_test.cpp, fuzz/fast_reader_fuzz.cpp).

#include <optional>
#include <string_view>

#include "winback/load.hpp"

namespace winback {

// Nothing when the file is not in the subset the fast reader knows, or has any problem.
// With `release`, the pages of text are given back as they are read (see load_clients).
std::optional<ClientsFile> fast_load_clients(std::string_view text, ReleasePages release = nullptr);
std::optional<LogFile> fast_load_log(std::string_view text, ReleasePages release = nullptr);

// The toml++ path alone.
ClientsFile load_clients_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics);
LogFile load_log_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics);

}  // namespace winback
