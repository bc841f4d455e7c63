#pragma once
// A linear pre-scan of TOML text for what Debian's toml++ 3.3.0 does not survive: a key of
// 100,000 dotted parts overflows its stack, and asking whether some non-ASCII characters are
// whitespace is undefined behaviour in it (docs/fuzzing.md). Internal to parse_toml.

#include <optional>
#include <string>
#include <string_view>

#include "winback/diagnostic.hpp"

namespace winback::detail {

// Far beyond any real book; far below what overflows the parser's stack.
inline constexpr int max_key_parts = 64;
inline constexpr int max_nesting = 64;

struct ShapeProblem {
    Where where;
    std::string message;
    std::size_t line_offset = 0;  // where the problem's line begins in the text
};

// The first of: a key with more than max_key_parts dotted parts; an array or inline table
// nested more than max_nesting deep; a non-ASCII character outside strings and comments (never
// valid TOML; often a name typed without quotes); a character toml++ cannot classify after a
// backslash in a multi-line string. Anything else that is not TOML is left for the parser.
std::optional<ShapeProblem> find_absurd_shape(std::string_view text);

// The text without a leading UTF-8 byte order mark (as Excel and Notepad write).
std::string_view strip_bom(std::string_view text);

}  // namespace winback::detail
