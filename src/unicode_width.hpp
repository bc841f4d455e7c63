#pragma once
// The display width of one character, from the Unicode Character Database (generated table).

#include <cstddef>

namespace winback {

// Terminal cells: 2 for East Asian Wide and Fullwidth (and emoji presentation), 0 for
// combining marks and format characters, 1 otherwise.
std::size_t char_width(char32_t cp);

}  // namespace winback
