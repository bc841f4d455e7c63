#pragma once
// A linear pre-scan of TOML text for shapes that make Debian's toml++ 3.3.0 recurse without
// bound (a key of 100,000 dotted parts overflows its stack). Internal to parse_toml.

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
};

// The first key with more than max_key_parts dotted parts, or the first array or inline table
// nested more than max_nesting deep. Strings and comments are skipped; anything else that is
// not TOML is left for the parser to report.
std::optional<ShapeProblem> find_absurd_shape(std::string_view text);

// The text without a leading UTF-8 byte order mark (as Excel and Notepad write).
std::string_view strip_bom(std::string_view text);

}  // namespace winback::detail
