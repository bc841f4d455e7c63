#include "toml_guard.hpp"

#include <fmt/format.h>

namespace winback::detail {

namespace {

// Walks the text once, tracking only what decides whether a '.' separates key parts and how
// deep the open arrays and inline tables are.
class ShapeScan {
public:
    explicit ShapeScan(std::string_view text) : m_text(text) {}

    std::optional<ShapeProblem> run() {
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (c == '\n') {
                newline();
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++m_i;
            } else if (c == '#') {
                while (m_i < m_text.size() && m_text[m_i] != '\n') ++m_i;
            } else if (c == '"' || c == '\'') {
                skip_string(c);
                m_line_start = false;
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
    std::optional<ShapeProblem> key_char(char c, bool line_start) {
        if (c == '.') {
            if (++m_parts > max_key_parts) {
                return problem(fmt::format("not valid TOML: a key of more than {} dotted parts", max_key_parts));
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
        if (c == '[' || c == '{') {
            m_open.push_back(c);
            if (static_cast<int>(m_open.size()) > max_nesting) {
                return problem(fmt::format("not valid TOML: arrays or inline tables nested more than {} deep",
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
        ++m_line;
        m_line_begin = m_i;
        m_line_start = true;
        if (m_open.empty()) {  // a new key-value pair or table header
            start_key();
            m_header = false;
        }
    }

    // Skips a basic or literal string, single-line or multi-line, counting its newlines.
    void skip_string(char quote) {
        const bool escapes = quote == '"';
        const std::string triple(3, quote);
        const bool multi = m_text.substr(m_i, 3) == triple;
        m_i += multi ? 3 : 1;
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (escapes && c == '\\') {
                m_i += 1;
                if (m_i < m_text.size() && m_text[m_i] == '\n') continue;  // let newline() count it
                m_i += 1;
            } else if (c == '\n') {
                if (!multi) return;  // unterminated: the parser reports it
                ++m_line;
                m_line_begin = ++m_i;
            } else if (!multi && c == quote) {
                ++m_i;
                return;
            } else if (multi && m_text.substr(m_i, 3) == triple) {
                m_i += 3;
                for (int extra = 0; extra < 2 && m_i < m_text.size() && m_text[m_i] == quote; ++extra) ++m_i;
                return;
            } else {
                ++m_i;
            }
        }
    }

    ShapeProblem problem(std::string message) const {
        int column = 1;
        for (std::size_t k = m_line_begin; k < m_i; ++k) {
            if ((static_cast<unsigned char>(m_text[k]) & 0xC0) != 0x80) ++column;  // count characters
        }
        return {{m_line, column}, std::move(message)};
    }

    std::string_view m_text;
    std::size_t m_i = 0;
    std::size_t m_line_begin = 0;
    int m_line = 1;
    bool m_line_start = true;
    bool m_in_key = true;
    bool m_header = false;
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
