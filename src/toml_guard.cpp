#include "toml_guard.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

namespace winback::detail {

namespace {

// The code point at text[i] (text is valid UTF-8, checked before) and its length in bytes.
std::pair<char32_t, std::size_t> decode_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(k < text.size() ? text[k] : 0); };
    const unsigned char lead = byte(i);
    if (lead < 0x80) return {lead, 1};
    const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    char32_t cp = lead & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) cp = (cp << 6) | (byte(i + k) & 0x3F);
    return {cp, length};
}

// What toml++ 3.3.0 counts as non-ASCII horizontal whitespace.
bool toml_wide_space(char32_t c) {
    constexpr std::array<char32_t, 6> singles{U'\u00A0', U'\u1680', U'\u180E', U'\u202F', U'\u3000', U'\uFEFF'};
    return std::find(singles.begin(), singles.end(), c) != singles.end() || (c >= U'\u2000' && c <= U'\u200B') ||
           c == U'\u205F' || c == U'\u2060';
}

// toml++ 3.3.0's generated is_non_ascii_horizontal_whitespace() reaches TOML_UNREACHABLE
// (undefined behaviour) for these code points, among them 、。「」 and hiragana up to し: its
// table marks their blocks as possibly whitespace and its switch has no case for them.
bool toml_space_check_undefined(char32_t c) {
    if (c < U'\u00A0' || c > U'\uFEFF' || toml_wide_space(c)) return false;
    const auto block = (static_cast<unsigned long>(c) - 0xA0ul) / 0x3FAul;
    return block == 0 || block == 11 || block == 63;
}

std::string shown(std::string_view text, std::size_t i) {
    return std::string(text.substr(i, decode_at(text, i).second));
}

// Walks the text once, tracking only what decides whether a '.' separates key parts, how deep
// the open arrays and inline tables are, and where the parser would look at a non-ASCII
// character outside a string.
class ShapeScan {
public:
    explicit ShapeScan(std::string_view text) : m_text(text) {}

    std::optional<ShapeProblem> run() {
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '#' || c == ',' || c == ']' || c == '}') {
                m_in_bare = false;  // what toml++ takes as the end of a value
            }
            if (c == '\n') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++m_i;
            } else if (c == '#') {
                while (m_i < m_text.size() && m_text[m_i] != '\n') ++m_i;
            } else if ((c == '"' || c == '\'') && opens_string()) {
                if (auto problem = skip_string(c)) return problem;
                m_line_start = false;
            } else if (static_cast<unsigned char>(c) >= 0x80) {
                return problem(m_i, fmt::format("not valid TOML: unexpected \"{}\" outside quotes (text such as names "
                                                "and phone numbers must be in double quotes: \"...\")",
                                                shown(m_text, m_i)));
            } else {
                const bool line_start = m_line_start;
                m_line_start = false;
                if (auto problem = m_in_key ? key_char(c, line_start) : value_char(c)) return problem;
                ++m_i;
            }
        }
        return std::nullopt;
    }

private:
    // A quote opens a string only after a delimiter: toml++ reads `8u"fr` as one broken bare
    // value, and so must the scan, to see the characters it will look at.
    bool opens_string() const {
        if (m_in_bare) return false;
        if (m_i == 0) return true;
        const char before = m_text[m_i - 1];
        constexpr std::string_view delimiters = " \t\r\n=[{,";
        return delimiters.find(before) != std::string_view::npos || (m_in_key && before == '.');
    }

    std::optional<ShapeProblem> key_char(char c, bool line_start) {
        if (c == '.') {
            if (++m_parts > max_key_parts) {
                return problem(m_i, fmt::format("not valid TOML: a key of more than {} dotted parts", max_key_parts));
            }
        } else if (c == '[' && (line_start || m_header) && m_open.empty()) {
            m_header = true;  // [table] or [[array]]
        } else if (c == '=') {
            m_in_key = false;
        } else if (c == '}') {
            close();  // {} or a trailing comma
        }
        return std::nullopt;
    }

    std::optional<ShapeProblem> value_char(char c) {
        if (m_in_bare) return std::nullopt;  // `0["x` is one broken value to toml++
        if (c != '[' && c != '{' && c != ']' && c != '}' && c != ',' && c != '"' && c != '\'') {
            m_in_bare = true;  // a number, date, boolean: up to the next space, comma or bracket
            return std::nullopt;
        }
        if (c == '[' || c == '{') {
            m_open.push_back(c);
            if (static_cast<int>(m_open.size()) > max_nesting) {
                return problem(m_i, fmt::format("not valid TOML: arrays or inline tables nested more than {} deep",
                                                max_nesting));
            }
            if (c == '{') start_key();
        } else if (c == ']' || c == '}') {
            close();
        } else if (c == ',' && !m_open.empty() && m_open.back() == '{') {
            start_key();
        }
        return std::nullopt;
    }

    void start_key() {
        m_in_key = true;
        m_parts = 1;
    }

    void close() {
        if (!m_open.empty()) m_open.pop_back();
        m_in_key = false;  // after a value, in the enclosing array or table
    }

    void newline() {
        ++m_i;
        m_line_start = true;
        if (m_open.empty()) {  // a new key-value pair or table header
            start_key();
            m_header = false;
        }
    }

    // Skips a basic or literal string, single-line or multi-line.
    std::optional<ShapeProblem> skip_string(char quote) {
        const bool escapes = quote == '"';
        const std::string triple(3, quote);
        const bool multi = m_text.substr(m_i, 3) == triple;
        m_i += multi ? 3 : 1;
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (escapes && c == '\\') {
                if (multi) {
                    if (auto problem = after_line_ending_backslash()) return problem;
                }
                m_i += m_i + 1 < m_text.size() && m_text[m_i + 1] == '\n' ? 1 : 2;
            } else if (c == '\n') {
                if (!multi) return std::nullopt;  // unterminated: the parser reports it
                ++m_i;
            } else if (!multi && c == quote) {
                ++m_i;
                return std::nullopt;
            } else if (multi && m_text.substr(m_i, 3) == triple) {
                m_i += 3;
                for (int extra = 0; extra < 2 && m_i < m_text.size() && m_text[m_i] == quote; ++extra) ++m_i;
                return std::nullopt;
            } else {
                ++m_i;
            }
        }
        return std::nullopt;
    }

    // In a multi-line basic string the parser skips the whitespace after a backslash and asks
    // whether the next character is whitespace, which is undefined for some (see above).
    std::optional<ShapeProblem> after_line_ending_backslash() const {
        std::size_t j = m_i + 1;
        while (j < m_text.size()) {
            const auto [cp, length] = decode_at(m_text, j);
            if (cp != ' ' && cp != '\t' && cp != '\r' && cp != '\n' && !toml_wide_space(cp)) break;
            j += length;
        }
        if (j < m_text.size() && toml_space_check_undefined(decode_at(m_text, j).first)) {
            return problem(j, fmt::format("not valid TOML: unexpected \"{}\" after a backslash in a multi-line string",
                                          shown(m_text, j)));
        }
        return std::nullopt;
    }

    // The problem at byte i, with its line and column (in characters).
    ShapeProblem problem(std::size_t i, std::string message) const {
        int line = 1;
        int column = 1;
        std::size_t line_offset = 0;
        for (std::size_t k = 0; k < i; ++k) {
            if (m_text[k] == '\n') {
                ++line;
                column = 1;
                line_offset = k + 1;
            } else if ((static_cast<unsigned char>(m_text[k]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        return {{line, column}, std::move(message), line_offset};
    }

    std::string_view m_text;
    std::size_t m_i = 0;
    bool m_line_start = true;
    bool m_in_key = true;
    bool m_header = false;
    bool m_in_bare = false;  // inside a bare value such as 12, true or 2026-09-14
    int m_parts = 1;
    std::string m_open;  // the open '[' and '{' of values, innermost last
};

}  // namespace

std::optional<ShapeProblem> find_absurd_shape(std::string_view text) {
    return ShapeScan(text).run();
}

std::string_view strip_bom(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

}  // namespace winback::detail
