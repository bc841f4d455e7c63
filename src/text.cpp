#include "winback/text.hpp"

#include <bit>

#include <fmt/format.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "unicode_width.hpp"

namespace winback {

namespace {

// Decodes one UTF-8 sequence at text[i]; returns its length, or 0 when invalid.
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char b0 = byte(i);
    std::size_t len = 0;
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2;
        cp = b0 & 0x1F;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3;
        cp = b0 & 0x0F;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4;
        cp = b0 & 0x07;
    } else {
        return 0;
    }
    if (i + len > text.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    constexpr char32_t min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool json_escapes(char c) {
    return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
}

// The place of the first byte from `from` on that JSON escapes, or text.size(). Sixteen bytes at
// a time with SSE2: a plan's tasks and notes are long and seldom have one.
std::size_t next_json_escape(std::string_view text, std::size_t from) {
#ifdef __SSE2__
    for (; from + 16 <= text.size(); from += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + from));
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);
        const __m128i quote_or_backslash = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        const auto found = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, quote_or_backslash)));
        if (found != 0) return from + static_cast<std::size_t>(std::countr_zero(found));
    }
#endif
    while (from < text.size() && !json_escapes(text[from])) ++from;
    return from;
}

std::size_t width_of(char32_t cp) {
    return char_width(cp);
}

}  // namespace

std::size_t utf8_length_at(std::string_view text, std::size_t i) {
    char32_t cp = 0;
    return decode(text, i, cp);
}

std::size_t first_invalid_utf8(std::string_view text) {
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = decode(text, i, cp);
        if (len == 0) return i;
        i += len;
    }
    return std::string_view::npos;
}

bool valid_utf8(std::string_view text) {
    return first_invalid_utf8(text) == std::string_view::npos;
}

std::size_t display_width(std::string_view text) {
    std::size_t width = 0;
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = decode(text, i, cp);
        width += len == 0 ? 1 : width_of(cp);
        i += len == 0 ? 1 : len;
    }
    return width;
}

std::string truncate_to_width(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string(text);
    if (width == 0) return {};
    std::string out;
    std::size_t used = 0;
    char32_t cp = 0;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t len = decode(text, i, cp);
        const std::size_t w = len == 0 ? 1 : width_of(cp);
        if (len == 0) len = 1;
        if (used + w > width - 1) break;  // keep one cell for the ellipsis
        out.append(text.substr(i, len));
        used += w;
        i += len;
    }
    return out + "…";
}

std::string pad_to_width(std::string_view text, std::size_t width) {
    std::string out(text);
    const std::size_t w = display_width(text);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    append_json_escaped(out, text);
    return out;
}

void append_json_escaped(std::string& out, std::string_view text) {
    // The runs that need no escape are appended whole.
    std::size_t plain = 0;
    for (std::size_t i = next_json_escape(text, 0); i < text.size(); i = next_json_escape(text, plain)) {
        const char c = text[i];
        out.append(text, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default: out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        }
    }
    out.append(text, plain, text.size() - plain);
}

std::string ics_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\n': out += "\\n"; break;
            case '\r':
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one newline
                out += "\\n";
                break;
            default: out += (static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f ? ' ' : c;
        }
    }
    return out;
}

std::string ics_fold(std::string_view line) {
    constexpr std::size_t limit = 75;  // octets per physical line, CRLF excluded
    std::string out;
    std::size_t room = limit;
    while (line.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
        if (cut == 0) cut = room;  // not UTF-8: cut anyway rather than loop
        out.append(line.substr(0, cut));
        out += "\r\n ";
        line.remove_prefix(cut);
        room = limit - 1;  // the leading space counts
    }
    out.append(line);
    return out + "\r\n";
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                // Control characters other than tab and newlines are not allowed in HTML text.
                out += (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f ? ' ' : c;
        }
    }
    return out;
}

std::string group_thousands(long long value) {
    std::string digits = fmt::format("{}", value < 0 ? -value : value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return value < 0 ? "-" + out : out;
}

}  // namespace winback
