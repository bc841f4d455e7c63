#pragma once
// A streaming reader for the part of TOML that winback's own big files use (clients.toml and
// log.toml): [[array]] headers, bare keys, single-line basic and literal strings, decimal
// integers, booleans, local dates, arrays of those and one-line inline tables. Internal to the
// fast loaders (src/fast_*.cpp).
//
// The text must be valid UTF-8 (utf8_text): the scanners do not check it again.
//
// It never reports anything: every method returns false at the first byte it does not fully
// understand, and the caller then hands the whole file to toml++ (load_*_toml), which gives
// the exact diagnostics. Places are those toml++ gives: lines from 1, columns in code points.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/id_hash.hpp"
#include "winback/text_pool.hpp"

namespace winback::detail {

class FastCursor {
public:
    // text starts at the beginning of a line; that line is number first_line. Strings read
    // into a Text are kept in `pool`.
    FastCursor(std::string_view text, int first_line, TextPool* pool = nullptr)
        : m_text(text), m_line(first_line), m_pool(pool) {}

    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }
    std::size_t pos() const { return m_pos; }
    int line() const { return m_line; }
    bool at_line_start() const { return m_pos == m_line_start; }
    // The place of the byte at pos().
    Where where() const;

    // Skips blank lines, comment lines and leading spaces: afterwards the cursor is at the first
    // byte of a header or key, or at the end. Most lines start with one: inline.
    bool skip_blank_lines() {
        std::size_t at = m_pos;
        if (at == m_line_start) {
            while (at < m_text.size() && m_text[at] == ' ') ++at;  // an indent (contacts)
        }
        if (at < m_text.size() && static_cast<unsigned char>(m_text[at]) > ' ' && m_text[at] != '#') {
            if (m_pos == m_line_start) m_ascii_until = at;
            m_pos = at;
            return true;
        }
        return skip_blank_lines_slowly();
    }
    // After a header or a value: spaces, an optional comment, then a newline or the end. Most
    // lines end right after their value: inline.
    bool end_of_line() {
        if (m_pos < m_text.size() && m_text[m_pos] == '\n') {
            newline();
            return true;
        }
        return end_of_line_slowly();
    }
    // `[[name]]` exactly (the cursor is at its first '['); name is what is between the brackets.
    bool header(std::string_view& name);
    // A bare key, spaces, '=', spaces; the cursor ends at the value.
    bool key(std::string_view& name);
    // key() in a table whose keys are `keys`: `index` is the key's position in them, or
    // keys.size() for any other key. Files repeat one order of keys in every table, so the key
    // after `hint` (the position found last, which this updates) is tried first, by its bytes.
    bool known_key(std::span<const std::string_view> keys, std::size_t& hint, std::size_t& index) {
        // Inline for the usual line: the expected key, then ` = ` and the value.
        const std::size_t next = hint + 1 < keys.size() ? hint + 1 : 0;
        const std::string_view expected = keys[next];
        if (m_pos + expected.size() + 3 < m_text.size()) {
            const char* const at = m_text.data() + m_pos;
            const char* const after = at + expected.size();
            if (after[0] == ' ' && after[1] == '=' && after[2] == ' ' && after[3] != ' ' && after[3] != '\t' &&
                same_bytes(at, expected.data(), expected.size())) {
                const bool ascii = m_pos == m_ascii_until;  // keys and ` = ` are ASCII
                m_pos += expected.size() + 3;
                if (ascii) m_ascii_until = m_pos;
                hint = index = next;
                return true;
            }
        }
        return known_key_slowly(keys, hint, index);
    }

    // Values. Each leaves the cursor just after the value and checks that a delimiter follows.
    bool string(std::string& out);
    bool string(Text& out);  // kept in the cursor's pool
    // The string's bytes: a view of the text, or of a buffer that the next string reuses.
    bool string_bytes(std::string_view& out);
    bool integer(long long& out);
    bool boolean(bool& out);
    // A TOML local date (not a date-time); with iso_string, also a string "YYYY-MM-DD".
    bool date(Date& out, bool iso_string);
    bool is_string() const { return peek() == '"' || peek() == '\''; }

    // Inside arrays and inline tables.
    bool skip_space();                 // spaces and tabs only
    bool skip_space_and_newlines();    // also newlines and comments (arrays only)
    bool expect(char c);

private:
    bool known_key_slowly(std::span<const std::string_view> keys, std::size_t& hint, std::size_t& index);
    bool skip_blank_lines_slowly();
    bool end_of_line_slowly();
    bool equals_sign();
    bool comment();
    bool delimiter_follows() const;
    bool basic_string(std::string_view& out);
    bool literal_string(std::string_view& out);
    bool escape(std::string& out);
    void newline() {
        ++m_pos;
        ++m_line;
        m_line_start = m_pos;
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    std::size_t m_line_start = 0;
    // Where the bytes of the line before the cursor were last known to be ASCII, one column each.
    std::size_t m_ascii_until = std::string_view::npos;
    int m_line = 1;
    TextPool* m_pool = nullptr;
    std::string m_scratch;
};

// The position of key in keys, or keys.size() when it is not there. Files list the keys of a
// table in much the same order every time: the search starts after `hint`, the position found
// last, and updates it.
inline std::size_t key_index(std::string_view key, std::span<const std::string_view> keys, std::size_t& hint) {
    // Keys are a few bytes: compared here rather than by a call to memcmp.
    const auto same = [key](std::string_view known) {
        if (known.size() != key.size()) return false;
        for (std::size_t i = 0; i < key.size(); ++i) {
            if (known[i] != key[i]) return false;
        }
        return true;
    };
    const std::size_t n = keys.size();
    for (std::size_t k = 0, i = hint + 1; k < n; ++k, ++i) {
        if (i >= n) i = 0;
        if (same(keys[i])) {
            hint = i;
            return i;
        }
    }
    return n;
}

// Is the whole text valid UTF-8, by the rules of valid_utf8? A text that is not goes to toml++.
// Thirty-two or sixteen bytes at a time where the processor can (src/fast_utf8.cpp); the
// portable loop answers the same everywhere.
bool utf8_text(std::string_view text);
bool utf8_text_portable(std::string_view text);
// The ways utf8_text can check, for the tests: each that this processor has, portable first and
// the one utf8_text uses last. utf8_text_by takes one of those.
enum class Utf8Kernel { portable, ssse3, avx2 };
std::vector<Utf8Kernel> utf8_kernels();
bool utf8_text_by(Utf8Kernel kernel, std::string_view text);

}  // namespace winback::detail
