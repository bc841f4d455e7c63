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
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/id_hash.hpp"
#include "winback/text_pool.hpp"

namespace winback::detail {

// The last texts kept for one key of a file, by a hash of their bytes: a value that comes again
// (a staff member's name, an outcome, a step, a stock note) is kept in the pool once and shared
// by the records that have it (docs/performance.md, "Memory is time": repeated values kept once).
class RecentTexts {
public:
    // `bytes` as a Text of the pool: the one kept before if it is still here, else a new copy.
    Text keep(std::string_view bytes, TextPool& pool) {
        if (bytes.empty()) return {};
        const std::size_t n = bytes.size();
        std::uint64_t head = 0, tail = 0;
        std::memcpy(&head, bytes.data(), std::min<std::size_t>(n, 8));
        if (n > 8) std::memcpy(&tail, bytes.data() + n - 8, 8);
        Text& slot = m_slots[slot_of(head, tail, n)];
        if (same_text(slot, bytes)) return slot;
        slot = pool.keep(bytes);
        return slot;
    }

    // `written`, at the start of pool.room() with at least eight bytes of room readable after
    // it (the fast reader's copy while it scans): committed to the pool unless kept before.
    Text commit(std::string_view written, TextPool& pool) {
        const std::size_t n = written.size();
        std::uint64_t head, tail = 0;
        std::memcpy(&head, written.data(), 8);
        if (n < 8) head &= (std::uint64_t{1} << (8 * n)) - 1;  // little-endian: the first n bytes
        if (n > 8) std::memcpy(&tail, written.data() + n - 8, 8);
        Text& slot = m_slots[slot_of(head, tail, n)];
        if (slot.size() == n && same_long_bytes(slot.data(), written.data(), n)) return slot;
        slot = pool.commit(n);
        return slot;
    }

private:
    static constexpr unsigned slot_bits = 6;

    // From the first eight bytes (fewer, the rest zero, when shorter), the last eight (none when
    // no more than eight) and the length, mixed by a multiply.
    static std::size_t slot_of(std::uint64_t head, std::uint64_t tail, std::size_t n) {
        const std::uint64_t h = (head ^ (tail * 0x9E3779B97F4A7C15) ^ n) * 0xFF51AFD7ED558CCD;
        return static_cast<std::size_t>(h >> (64 - slot_bits));
    }

    // same_bytes, with texts past sixteen bytes compared sixteen at a time inline (the last
    // sixteen overlapping), never reading outside either.
    static bool same_long_bytes(const char* a, const char* b, std::size_t n) {
#ifdef __SSE2__
        if (n > 16) {
            const auto same16 = [&](std::size_t at) {
                const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + at));
                const __m128i y = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + at));
                return _mm_movemask_epi8(_mm_cmpeq_epi8(x, y)) == 0xFFFF;
            };
            for (std::size_t at = 0; at + 16 < n; at += 16) {
                if (!same16(at)) return false;
            }
            return same16(n - 16);
        }
#endif
        return same_bytes(a, b, n);
    }

    Text m_slots[std::size_t{1} << slot_bits] = {};
};

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
        while (true) {
            std::size_t at = m_pos;
            if (at == m_line_start) {
                while (at < m_text.size() && m_text[at] == ' ') ++at;  // an indent (contacts)
            }
            if (at < m_text.size() && static_cast<unsigned char>(m_text[at]) > ' ' && m_text[at] != '#') {
                if (m_pos == m_line_start) m_ascii_until = at;
                m_pos = at;
                return true;
            }
            if (at == m_pos && at < m_text.size() && m_text[at] == '\n') {
                newline();  // an empty line (between tables)
                continue;
            }
            return skip_blank_lines_slowly();
        }
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
    // Whether the rest of the line at the cursor is exactly `line` (say "[[entry]]\n", a header
    // alone on its line): then the cursor moves past it. The usual header, taken inline.
    bool exact_line(std::string_view line) {
        if (m_text.size() - m_pos < line.size() || !same_bytes(m_text.data() + m_pos, line.data(), line.size())) {
            return false;
        }
        m_pos += line.size();
        ++m_line;
        m_line_start = m_pos;
        return true;
    }
    // `[[name]]` exactly (the cursor is at its first '['); name is what is between the brackets.
    bool header(std::string_view& name);
    // A bare key, spaces, '=', spaces; the cursor ends at the value.
    bool key(std::string_view& name);
    // key() in a table whose keys are `keys`: `index` is the key's position in them, or
    // keys.size() for any other key. Files repeat one order of keys in every table, so the key
    // after `hint` (the position found last, which this updates) is tried first, by its bytes.
    bool known_key(std::span<const std::string_view> keys, std::size_t& hint, std::size_t& index) {
        // Inline for the usual line: one of the next few keys (optional keys are often left out),
        // then ` = ` and the value.
        std::size_t next = hint;
        for (std::size_t tried = 0; tried < std::min<std::size_t>(keys.size(), 8); ++tried) {
            next = next + 1 < keys.size() ? next + 1 : 0;
            const std::string_view expected = keys[next];
            if (m_pos + expected.size() + 3 >= m_text.size()) continue;
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
    // Kept in the cursor's pool. Most strings are basic, without an escape, and are copied into
    // the pool block by block as they are scanned (quick_basic_string); the others the long way.
    bool string(Text& out) {
#ifdef __SSE2__
        if (std::size_t length = 0; quick_basic_string<true>(length)) {
            out = m_pool->commit(length);
            m_pos += length + 2;  // and the quotes
            return delimiter_follows();
        }
#endif
        return string_slowly(out);
    }
    // The same, through `recent`: a value that came shortly before is not kept again.
    bool string(Text& out, RecentTexts& recent) {
#ifdef __SSE2__
        if (std::size_t length = 0; quick_basic_string<true>(length)) {
            out = recent.commit(std::string_view(m_pool->room(64).data(), length), *m_pool);
            m_pos += length + 2;  // and the quotes
            return delimiter_follows();
        }
#endif
        std::string_view bytes;
        if (!string_bytes_slowly(bytes)) return false;  // the quick scan was tried
        out = recent.keep(bytes, *m_pool);
        return true;
    }
    // The string's bytes: a view of the text, or of a buffer that the next string reuses.
    bool string_bytes(std::string_view& out) {
#ifdef __SSE2__
        if (std::size_t length = 0; quick_basic_string<false>(length)) {
            out = m_text.substr(m_pos + 1, length);
            m_pos += length + 2;
            return delimiter_follows();
        }
#endif
        return string_bytes_slowly(out);
    }
    bool integer(long long& out);
    bool boolean(bool& out);
    // A TOML local date (not a date-time); with iso_string, also a string "YYYY-MM-DD". Most
    // are `YYYY-MM-DD` at the end of their line, taken inline.
    bool date(Date& out, bool iso_string) {
        if (m_text.size() - m_pos > 10 && std::endian::native == std::endian::little) {
            // `YYYY-MM-` as one word: its dashes in place, its digits '0' to '9' (a digit plus six
            // stays below 0x40), then `DD` and the newline.
            const char* const s = m_text.data() + m_pos;
            std::uint64_t w;
            std::memcpy(&w, s, 8);
            constexpr std::uint64_t digit_bytes = 0x00FFFF00FFFFFFFF, dashes = 0x2D00002D00000000;
            constexpr std::uint64_t highs = 0xF0F0F0F0F0F0F0F0 & digit_bytes, threes = 0x3030303030303030 & digit_bytes;
            const std::uint64_t d = w & digit_bytes;
            const auto digit = [](char c) { return static_cast<unsigned>(static_cast<unsigned char>(c)) - unsigned{'0'}; };
            if ((w & ~digit_bytes) == dashes && (d & highs) == threes &&
                ((d + (0x0606060606060606 & digit_bytes)) & highs) == threes && digit(s[8]) <= 9 && digit(s[9]) <= 9 &&
                s[10] == '\n') {
                const unsigned digits[8] = {digit(s[0]), digit(s[1]), digit(s[2]), digit(s[3]),
                                            digit(s[5]), digit(s[6]), digit(s[8]), digit(s[9])};
                if (day_of_date(digits, out)) {
                    m_pos += 10;
                    return true;
                }
            }
        }
        return date_slowly(out, iso_string);
    }
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
    bool string_slowly(Text& out);
    bool string_bytes_slowly(std::string_view& out);
    bool date_slowly(Date& out, bool iso_string);
    // The date of the digits YYYYMMDD, if it is one.
    static bool day_of_date(const unsigned (&digits)[8], Date& out) {
        const int year = static_cast<int>(digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3]);
        const unsigned month = digits[4] * 10 + digits[5];
        const unsigned day = digits[6] * 10 + digits[7];
        // Date::ok() without its division: the days of the month, February by the leap year.
        static constexpr unsigned char month_days[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (month < 1 || month > 12 || day < 1 || day > month_days[month]) return false;
        if (month == 2 && day == 29 && !std::chrono::year{year}.is_leap()) return false;
        out = Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
        return true;
    }
    // After a value: the end of the text, or what may follow a value on its line or in an array.
    bool delimiter_follows() const {
        if (at_end()) return true;
        const char c = m_text[m_pos];
        return c == '\n' || c == ' ' || c == '\t' || c == '#' || c == ',' || c == ']' || c == '}';
    }
#ifdef __SSE2__
    // The length of the basic string at the cursor when it is not empty, has no escape or control
    // character and ends before the last sixteen bytes of the text (copied to the pool's room
    // with `copy`); false for any other string.
    template <bool copy>
    bool quick_basic_string(std::size_t& length) {
        const std::size_t start = m_pos + 1;
        if (m_text.size() < start + 16 || m_text[m_pos] != '"' || m_text[start] == '"') return false;  // "" or """
        const std::span<char> room = copy ? m_pool->room(64) : std::span<char>();
        const char* const from = m_text.data() + start;
        const std::size_t readable = m_text.size() - start;
        for (std::size_t n = 0; n + 16 <= readable && (!copy || n + 16 <= room.size()); n += 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + n));
            if constexpr (copy) _mm_storeu_si128(reinterpret_cast<__m128i*>(room.data() + n), block);
            if (const unsigned stops = basic_string_stops(block); stops != 0) {
                length = n + static_cast<std::size_t>(std::countr_zero(stops));
                return from[length] == '"';  // else a backslash or a control character
            }
        }
        return false;
    }
    // The bytes of sixteen that end or interrupt a basic string, one bit each (the lowest for the
    // first byte): a quote, a backslash, a control character other than tab.
    static unsigned basic_string_stops(__m128i v) {
        const auto is = [v](char c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(c)); };
        const __m128i below_space = _mm_andnot_si128(is('\t'), _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v));
        const __m128i stops = _mm_or_si128(_mm_or_si128(is('"'), is('\\')), _mm_or_si128(is(0x7F), below_space));
        return static_cast<unsigned>(_mm_movemask_epi8(stops));
    }
#endif
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
