#pragma once
// Text for terminals and files: display width, UTF-8 checks, escaping.

#include <cstddef>
#include <string>
#include <string_view>

namespace winback {

bool valid_utf8(std::string_view text);
// The byte offset of the first byte that is not UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);
// Terminal cells: East Asian Wide and Fullwidth characters take two, combining marks none.
std::size_t display_width(std::string_view text);
// Cut to at most `width` cells, ending in "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);
std::string pad_to_width(std::string_view text, std::size_t width);

std::string json_escape(std::string_view text);
// 1234567 -> "1,234,567"
std::string group_thousands(long long value);

}  // namespace winback
