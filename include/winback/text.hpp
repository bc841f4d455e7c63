#pragma once
// Text for terminals and files: display width, UTF-8 checks, escaping.

#include <cstddef>
#include <string>
#include <string_view>

namespace winback {

bool valid_utf8(std::string_view text);
// The length of the UTF-8 sequence at text[i], or 0 when none starts there (overlong forms,
// surrogates and values past U+10FFFF are not UTF-8).
std::size_t utf8_length_at(std::string_view text, std::size_t i);
// The byte offset of the first byte that is not UTF-8, or npos.
std::size_t first_invalid_utf8(std::string_view text);
// Terminal cells: East Asian Wide and Fullwidth characters take two, combining marks none.
std::size_t display_width(std::string_view text);
// Cut to at most `width` cells, ending in "…" when something was cut.
std::string truncate_to_width(std::string_view text, std::size_t width);
std::string pad_to_width(std::string_view text, std::size_t width);

std::string json_escape(std::string_view text);
// json_escape(text) appended to `out`.
void append_json_escaped(std::string& out, std::string_view text);
// RFC 5545 TEXT: backslash, semicolon, comma and newline escaped; other control characters
// (but tab) become spaces, since TEXT may not hold them.
std::string ics_escape(std::string_view text);
// RFC 5545 3.1: a content line folded at 75 octets (CRLF and a space), never inside a UTF-8
// character; ends in CRLF.
std::string ics_fold(std::string_view line);
// HTML text and attribute values: & < > " ' as character references.
std::string html_escape(std::string_view text);
// 1234567 -> "1,234,567"
std::string group_thousands(long long value);

}  // namespace winback
