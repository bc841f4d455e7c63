#include "fast_toml.hpp"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "winback/text.hpp"

namespace winback::detail {

namespace {

// What a byte is to the scanners below, one table lookup each.
enum ByteClass : unsigned char { plain, key_char, quote, apostrophe, backslash, control, non_ascii };

constexpr std::array<unsigned char, 256> byte_classes = [] {
    std::array<unsigned char, 256> table{};
    for (unsigned c = 0; c < 256; ++c) {
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            table[c] = control;  // TOML forbids them in comments and single-line strings (tab is allowed)
        } else if (c >= 0x80) {
            table[c] = non_ascii;
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-') {
            table[c] = key_char;
        } else {
            table[c] = plain;
        }
    }
    table['"'] = quote;
    table['\''] = apostrophe;
    table['\\'] = backslash;
    return table;
}();

unsigned char class_of(char c) { return byte_classes[static_cast<unsigned char>(c)]; }

bool is_key_char(char c) { return class_of(c) == key_char; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Eight bytes at a time: the bytes of w that may end or interrupt plain text (a quote, an
// apostrophe, a backslash, a control character; tab is only a candidate), as the high bit of
// each. Borrows run only upwards, so the lowest bit set is exact.
std::uint64_t stops_in(std::uint64_t w) {
    constexpr std::uint64_t ones = 0x0101010101010101, highs = 0x8080808080808080;
    const auto zero_byte = [](std::uint64_t v) { return (v - ones) & ~v & highs; };
    const std::uint64_t below_space = (w - ones * 0x20) & ~w & highs;
    return zero_byte(w ^ (ones * '"')) | zero_byte(w ^ (ones * '\'')) | zero_byte(w ^ (ones * '\\')) | below_space |
           zero_byte(w ^ (ones * 0x7F));
}

#ifdef __SSE2__
// The same for sixteen bytes, as one bit each (the lowest for the first byte).
unsigned stops_in_16(const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const auto is = [v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
    const __m128i below_space = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
    const __m128i quotes = _mm_or_si128(is('"'), is('\''));
    const __m128i others = _mm_or_si128(_mm_or_si128(is('\\'), is(0x7F)), below_space);
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(quotes, others)));
}
#endif

// The bytes from p on that are plain text for certain, in one block of sixteen (SSE2) or eight
// bytes: the whole block (`whole` is then set), or those before the first that may stop it.
// None when fewer than eight bytes are left.
std::size_t plain_run(const char* p, const char* end, bool& whole) {
#ifdef __SSE2__
    if (end - p >= 16) {
        const unsigned stops = stops_in_16(p);
        whole = stops == 0;
        return whole ? 16 : static_cast<std::size_t>(std::countr_zero(stops));
    }
#endif
    if (end - p >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        const std::uint64_t stops = stops_in(w);
        whole = stops == 0;
        // The first byte of the text is the lowest of w on a little-endian machine.
        constexpr bool little = std::endian::native == std::endian::little;
        return whole ? 8 : static_cast<std::size_t>((little ? std::countr_zero(stops) : std::countl_zero(stops)) / 8);
    }
    whole = false;
    return 0;
}

// Skips the text of a comment or a single-line string up to a byte of class `stop` (or a
// backslash, or the end): everything but control characters (the text is valid UTF-8, see
// utf8_text). Returns false at a control character other than the newline.
bool skip_text(std::string_view text, std::size_t& pos, unsigned char stop) {
    const char* p = text.data() + pos;
    const char* const end = text.data() + text.size();
    while (p < end) {
        bool whole = false;
        p += plain_run(p, end, whole);
        if (whole) continue;
        const unsigned char c = class_of(*p);
        if (c == plain || c == key_char || c == non_ascii || (c != stop && (c == quote || c == apostrophe))) {
            ++p;
        } else if (c == control) {
            pos = static_cast<std::size_t>(p - text.data());
            return *p == '\n';  // the end of the line: the caller decides
        } else {
            break;  // stop, or a backslash
        }
    }
    pos = static_cast<std::size_t>(p - text.data());
    return true;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace

Where FastCursor::where() const {
    // Right after a header's indent or a key (`key = `): nothing but ASCII since the line began.
    if (m_pos == m_ascii_until) return {m_line, static_cast<int>(m_pos - m_line_start) + 1};
    // toml++ counts code points; before a value there is mostly ASCII (`key = `), one per byte.
    std::size_t i = m_line_start;
    int column = 1;
    for (; i + 8 <= m_pos; i += 8) {
        std::uint64_t w;
        std::memcpy(&w, m_text.data() + i, 8);
        if ((w & 0x8080808080808080) != 0) break;
        column += 8;
    }
    for (; i < m_pos; ++i) {
        if ((static_cast<unsigned char>(m_text[i]) & 0xC0) != 0x80) ++column;  // toml++ counts code points
    }
    return {m_line, column};
}

bool FastCursor::comment() {
    // To the end of the line; a backslash or a quote is plain text here.
    while (true) {
        if (!skip_text(m_text, m_pos, control)) return false;
        if (at_end() || m_text[m_pos] == '\n') return true;
        ++m_pos;  // a backslash
    }
}

bool FastCursor::skip_space() {
    while (!at_end() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t')) ++m_pos;
    return true;
}

bool FastCursor::skip_blank_lines_slowly() {
    bool line_start = m_pos == m_line_start;
    while (true) {
        skip_space();
        if (at_end()) return true;
        if (m_text[m_pos] == '#') {
            if (!comment()) return false;
            if (at_end()) return true;
        }
        if (m_text[m_pos] != '\n') {
            if (line_start) m_ascii_until = m_pos;  // only spaces and tabs before it on its line
            return true;
        }
        newline();
        line_start = true;
    }
}

bool FastCursor::skip_space_and_newlines() {
    while (true) {
        skip_space();
        if (at_end()) return false;  // an array or table left open
        if (m_text[m_pos] == '#') {
            if (!comment()) return false;
            continue;
        }
        if (m_text[m_pos] != '\n') return true;
        newline();
    }
}

bool FastCursor::end_of_line_slowly() {
    skip_space();
    if (!at_end() && m_text[m_pos] == '#' && !comment()) return false;
    if (at_end()) return true;
    if (m_text[m_pos] != '\n') return false;
    newline();
    return true;
}

bool FastCursor::expect(char c) {
    if (peek() != c) return false;
    ++m_pos;
    return true;
}

bool FastCursor::header(std::string_view& name) {
    if (m_text.substr(m_pos, 2) != "[[") return false;
    const std::size_t start = m_pos + 2;
    std::size_t end = start;
    while (end < m_text.size() && (is_key_char(m_text[end]) || m_text[end] == '.')) ++end;
    if (m_text.substr(end, 2) != "]]") return false;
    name = m_text.substr(start, end - start);
    m_pos = end + 2;
    return true;
}

bool FastCursor::key(std::string_view& name) {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && is_key_char(m_text[m_pos])) ++m_pos;
    if (m_pos == start) return false;
    name = m_text.substr(start, m_pos - start);
    return equals_sign();
}

bool FastCursor::equals_sign() {
    if (peek() == ' ') ++m_pos;  // the usual `key = value`
    skip_space();
    if (!expect('=')) return false;
    if (peek() == ' ') ++m_pos;
    skip_space();
    return true;
}

bool FastCursor::known_key_slowly(std::span<const std::string_view> keys, std::size_t& hint, std::size_t& index) {
    const bool ascii = m_pos == m_ascii_until;  // keys and what surrounds them are ASCII
    std::string_view name;
    if (!key(name)) return false;
    index = key_index(name, keys, hint);
    if (ascii) m_ascii_until = m_pos;
    return true;
}

bool FastCursor::escape(std::string& out) {
    ++m_pos;  // the backslash
    if (at_end()) return false;
    const char c = m_text[m_pos++];
    switch (c) {
        case 'b': out += '\b'; return true;
        case 't': out += '\t'; return true;
        case 'n': out += '\n'; return true;
        case 'f': out += '\f'; return true;
        case 'r': out += '\r'; return true;
        case '"': out += '"'; return true;
        case '\\': out += '\\'; return true;
        case 'u':
        case 'U': {
            const std::size_t digits = c == 'u' ? 4 : 8;
            if (m_pos + digits > m_text.size()) return false;
            std::uint32_t cp = 0;
            for (std::size_t i = 0; i < digits; ++i) {
                const int h = hex_value(m_text[m_pos + i]);
                if (h < 0) return false;
                cp = cp * 16 + static_cast<std::uint32_t>(h);
            }
            if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
            m_pos += digits;
            append_utf8(out, cp);
            return true;
        }
        default: return false;
    }
}

bool FastCursor::basic_string(std::string_view& out) {
    if (m_pos + 2 < m_text.size() && m_text[m_pos + 1] == '"' && m_text[m_pos + 2] == '"') return false;  // multi-line: left to toml++
    // Most strings never get here: the quick scan of string() and string_bytes() took them. These
    // are the strings with an escape, near the end of the text, or longer than the pool's room.
    std::size_t run = ++m_pos;
    bool escaped = false;
    while (true) {
        if (!skip_text(m_text, m_pos, quote) || at_end()) return false;
        const char c = m_text[m_pos];
        if (c == '"') break;
        if (c != '\\') return false;  // a newline: the string is not closed on its line
        if (!escaped) m_scratch.clear();
        escaped = true;
        m_scratch.append(m_text.data() + run, m_pos - run);
        if (!escape(m_scratch)) return false;
        run = m_pos;
    }
    if (escaped) {
        m_scratch.append(m_text.data() + run, m_pos - run);
        out = m_scratch;
    } else {
        out = m_text.substr(run, m_pos - run);  // most strings: the bytes of the file as they are
    }
    ++m_pos;
    return delimiter_follows();
}

bool FastCursor::literal_string(std::string_view& out) {
    if (m_pos + 2 < m_text.size() && m_text[m_pos + 1] == '\'' && m_text[m_pos + 2] == '\'') return false;
    const std::size_t start = ++m_pos;
    // A backslash is plain text in a literal string.
    while (true) {
        if (!skip_text(m_text, m_pos, apostrophe) || at_end()) return false;
        if (m_text[m_pos] == '\'') break;
        if (m_text[m_pos] != '\\') return false;
        ++m_pos;
    }
    out = m_text.substr(start, m_pos - start);
    ++m_pos;
    return delimiter_follows();
}

bool FastCursor::string_bytes_slowly(std::string_view& out) {
    if (peek() == '"') return basic_string(out);
    if (peek() == '\'') return literal_string(out);
    return false;
}

bool FastCursor::string(std::string& out) {
    std::string_view bytes;
    if (!string_bytes(bytes)) return false;
    out.assign(bytes);
    return true;
}

bool FastCursor::string_slowly(Text& out) {
    std::string_view bytes;
    if (!string_bytes_slowly(bytes)) return false;  // string() has tried the quick scan
    out = m_pool->keep(bytes);
    return true;
}

bool FastCursor::integer(long long& out) {
    bool negative = false;
    if (peek() == '-') {
        negative = true;
        ++m_pos;
    }
    const std::size_t start = m_pos;
    long long value = 0;
    while (!at_end() && is_digit(m_text[m_pos])) {
        if (m_pos - start == 18) return false;  // more digits than the fast path takes: toml++ decides
        value = value * 10 + (m_text[m_pos] - '0');
        ++m_pos;
    }
    const std::size_t digits = m_pos - start;
    if (digits == 0 || digits > 18 || (digits > 1 && m_text[start] == '0')) return false;
    out = negative ? -value : value;
    return delimiter_follows();
}

bool FastCursor::boolean(bool& out) {
    if (m_text.substr(m_pos, 4) == "true") {
        out = true;
        m_pos += 4;
    } else if (m_text.substr(m_pos, 5) == "false") {
        out = false;
        m_pos += 5;
    } else {
        return false;
    }
    return delimiter_follows();
}

bool FastCursor::date_slowly(Date& out, bool iso_string) {
    if (iso_string && is_string()) {
        std::string_view text;
        if (!string_bytes(text)) return false;
        auto parsed = parse_date(text);
        if (!parsed) return false;
        out = *parsed;
        return true;
    }
    if (m_text.size() - m_pos < 10) return false;
    const char* const s = m_text.data() + m_pos;
    if (s[4] != '-' || s[7] != '-') return false;
    unsigned digits[8];
    for (int i = 0, k = 0; i < 10; ++i) {
        if (i == 4 || i == 7) continue;
        digits[k] = static_cast<unsigned char>(s[i]) - unsigned{'0'};
        if (digits[k++] > 9) return false;
    }
    m_pos += 10;
    // A time after the date makes it a date-time, which toml++ reads (and winback refuses).
    const char next = peek();
    if (next == 'T' || next == 't') return false;
    if (next == ' ' && m_pos + 1 < m_text.size() && is_digit(m_text[m_pos + 1])) return false;
    return delimiter_follows() && day_of_date(digits, out);
}

}  // namespace winback::detail
