// utf8_text: is a whole file valid UTF-8? Asked of every piece of every big file the fast reader
// reads, so it is worth thirty-two bytes at a time where the processor can (AVX2), else sixteen
// (SSSE3, almost every x86-64 of the last fifteen years); elsewhere a portable loop answers the same.

#include <array>
#include <cstdint>
#include <cstring>

#include "fast_toml.hpp"
#include "winback/text.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define WINBACK_UTF8_SSSE3 1
#endif

namespace winback::detail {

namespace {

// The length of the UTF-8 sequence at p (its first byte is not ASCII), or 0 when it is not one.
std::size_t utf8_length(const char* p, const char* end) {
    const auto byte = [p](std::size_t k) { return static_cast<unsigned char>(p[k]); };
    const auto continuation = [&](std::size_t k) { return (byte(k) & 0xC0) == 0x80; };
    // Most of Japanese text: three bytes led by E1..EF except ED (where surrogates are).
    const unsigned char b0 = byte(0);
    if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && end - p >= 3 && continuation(1) && continuation(2)) return 3;
    return utf8_length_at(std::string_view(p, static_cast<std::size_t>(end - p)), 0);
}

#ifdef WINBACK_UTF8_SSSE3
// The lookup method of Keiser and Lemire ("Validating UTF-8 in less than one instruction per
// byte", 2021). Each byte is looked up by its high nibble, the byte before it by both nibbles;
// the three results share a bit for each kind of error, so their AND is nonzero exactly where
// a pair of bytes is wrong. Sequences of three and four bytes are then checked by whether the
// byte two or three back is a lead byte that needs this one to be a continuation.
namespace lookup {
constexpr std::uint8_t too_short = 1 << 0;  // a lead byte, or ASCII, after a lead byte
constexpr std::uint8_t too_long = 1 << 1;   // a continuation after ASCII
constexpr std::uint8_t overlong_3 = 1 << 2;
constexpr std::uint8_t too_large = 1 << 3;
constexpr std::uint8_t surrogate = 1 << 4;
constexpr std::uint8_t overlong_2 = 1 << 5;
constexpr std::uint8_t too_large_1000 = 1 << 6;
constexpr std::uint8_t overlong_4 = 1 << 6;
constexpr std::uint8_t two_conts = 1 << 7;  // a continuation after a continuation
constexpr std::uint8_t carry = too_short | too_long | two_conts;
}  // namespace lookup

using Table = std::array<std::uint8_t, 16>;

// What each error kind looks like, by the high nibble of the first byte of a pair...
constexpr Table byte_1_high_table = [] {
    using namespace lookup;
    Table t{};
    for (int n = 0; n < 8; ++n) t[n] = too_long;  // ASCII
    for (int n = 8; n < 12; ++n) t[n] = two_conts;  // a continuation
    t[12] = too_short | overlong_2;
    t[13] = too_short;
    t[14] = too_short | overlong_3 | surrogate;
    t[15] = too_short | too_large | too_large_1000 | overlong_4;
    return t;
}();
// ...by its low nibble...
constexpr Table byte_1_low_table = [] {
    using namespace lookup;
    Table t{};
    t[0] = carry | overlong_3 | overlong_2 | overlong_4;
    t[1] = carry | overlong_2;
    t[2] = t[3] = carry;
    t[4] = carry | too_large;
    for (int n = 5; n < 16; ++n) t[n] = carry | too_large | too_large_1000;
    t[13] |= surrogate;
    return t;
}();
// ...and by the high nibble of the second byte.
constexpr Table byte_2_high_table = [] {
    using namespace lookup;
    Table t{};
    constexpr std::uint8_t cont = too_long | overlong_2 | two_conts;
    for (int n = 0; n < 8; ++n) t[n] = too_short;
    t[8] = cont | overlong_3 | too_large_1000 | overlong_4;
    t[9] = cont | overlong_3 | too_large;
    t[10] = t[11] = cont | surrogate | too_large;
    for (int n = 12; n < 16; ++n) t[n] = too_short;
    return t;
}();

__attribute__((target("ssse3"))) __m128i look_up(const Table& table, __m128i nibbles) {
    return _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(table.data())), nibbles);
}

// The error bits of the sixteen bytes `input`, `previous` being the sixteen before them.
__attribute__((target("ssse3"))) __m128i block_errors(__m128i input, __m128i previous) {
    const __m128i low_nibbles = _mm_set1_epi8(0x0F);
    const auto high_nibble = [&](__m128i v) { return _mm_and_si128(_mm_srli_epi16(v, 4), low_nibbles); };
    const __m128i prev1 = _mm_alignr_epi8(input, previous, 15);
    const __m128i special =
        _mm_and_si128(_mm_and_si128(look_up(byte_1_high_table, high_nibble(prev1)),
                                    look_up(byte_1_low_table, _mm_and_si128(prev1, low_nibbles))),
                      look_up(byte_2_high_table, high_nibble(input)));
    // Only 111xxxxx two bytes back, or 1111xxxx three back, leave the high bit set here.
    const __m128i third = _mm_subs_epu8(_mm_alignr_epi8(input, previous, 14), _mm_set1_epi8(static_cast<char>(0xE0 - 0x80)));
    const __m128i fourth = _mm_subs_epu8(_mm_alignr_epi8(input, previous, 13), _mm_set1_epi8(static_cast<char>(0xF0 - 0x80)));
    const __m128i must_continue = _mm_and_si128(_mm_or_si128(third, fourth), _mm_set1_epi8(static_cast<char>(0x80)));
    return _mm_xor_si128(must_continue, special);
}

__attribute__((target("ssse3"))) bool utf8_text_ssse3(std::string_view text) {
    const char* p = text.data();
    const char* const end = p + text.size();
    __m128i previous = _mm_setzero_si128();
    __m128i errors = _mm_setzero_si128();
    // Nonzero when the block ends inside a sequence: a lead byte among its last three bytes that
    // needs more bytes than are left in the block.
    const __m128i complete_tail = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, static_cast<char>(0xF0 - 1),
                                                static_cast<char>(0xE0 - 1), static_cast<char>(0xC0 - 1));
    __m128i incomplete = _mm_setzero_si128();
    for (; end - p >= 16; p += 16) {
        const __m128i input = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
        if (_mm_movemask_epi8(input) == 0) {
            // ASCII (keys, dates, ids): wrong only if the block before ended inside a sequence,
            // which is what block_errors would find here too.
            errors = _mm_or_si128(errors, incomplete);
        } else {
            errors = _mm_or_si128(errors, block_errors(input, previous));
        }
        incomplete = _mm_subs_epu8(input, complete_tail);
        previous = input;
    }
    // The last 0 to 15 bytes, padded with at least one zero: a sequence cut short at the end of
    // the text is followed by ASCII where its next byte should be, an error like any other.
    alignas(16) char last[16] = {};
    if (p != end) std::memcpy(last, p, static_cast<std::size_t>(end - p));  // never from the null of an empty text
    errors = _mm_or_si128(errors, block_errors(_mm_load_si128(reinterpret_cast<const __m128i*>(last)), previous));
    return _mm_movemask_epi8(_mm_cmpeq_epi8(errors, _mm_setzero_si128())) == 0xFFFF;
}

// The same method on thirty-two bytes at a time (AVX2). Its shuffles and byte shifts work within
// each half of sixteen, so the tables are in both halves and the bytes one to three back are
// taken from a register that holds the last half of `previous` and the first of `input`. One
// function without helpers: a helper taking or returning a 256-bit value would need AVX in its
// own signature, which the rest of the program is not built for.
__attribute__((target("avx2"))) bool utf8_text_avx2(std::string_view text) {
    const auto table = [](const Table& t) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(t.data())); };
    const __m256i byte_1_high = _mm256_broadcastsi128_si256(table(byte_1_high_table));
    const __m256i byte_1_low = _mm256_broadcastsi128_si256(table(byte_1_low_table));
    const __m256i byte_2_high = _mm256_broadcastsi128_si256(table(byte_2_high_table));
    const __m256i low_nibbles = _mm256_set1_epi8(0x0F);
    const __m256i third_lead = _mm256_set1_epi8(static_cast<char>(0xE0 - 0x80));
    const __m256i fourth_lead = _mm256_set1_epi8(static_cast<char>(0xF0 - 0x80));
    const __m256i high_bits = _mm256_set1_epi8(static_cast<char>(0x80));
    // As in utf8_text_ssse3: nonzero when the block ends inside a sequence.
    constexpr char all = -1;
    const __m256i complete_tail = _mm256_setr_epi8(all, all, all, all, all, all, all, all, all, all, all, all, all, all, all, all,
                                                   all, all, all, all, all, all, all, all, all, all, all, all, all,
                                                   static_cast<char>(0xF0 - 1), static_cast<char>(0xE0 - 1),
                                                   static_cast<char>(0xC0 - 1));
    const char* p = text.data();
    const char* const end = p + text.size();
    __m256i previous = _mm256_setzero_si256();
    __m256i errors = _mm256_setzero_si256();
    __m256i incomplete = _mm256_setzero_si256();
    alignas(32) char last[32] = {};
    while (true) {
        const bool whole = end - p >= 32;
        if (!whole) {
            // The last 0 to 31 bytes, padded with zeros, as in utf8_text_ssse3.
            if (p != end) std::memcpy(last, p, static_cast<std::size_t>(end - p));
        }
        const __m256i input = whole ? _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p))
                                    : _mm256_load_si256(reinterpret_cast<const __m256i*>(last));
        if (whole && _mm256_movemask_epi8(input) == 0) {
            errors = _mm256_or_si256(errors, incomplete);
        } else {
            const __m256i halves = _mm256_permute2x128_si256(previous, input, 0x21);
            const __m256i prev1 = _mm256_alignr_epi8(input, halves, 15);
            const __m256i prev2 = _mm256_alignr_epi8(input, halves, 14);
            const __m256i prev3 = _mm256_alignr_epi8(input, halves, 13);
            const __m256i special = _mm256_and_si256(
                _mm256_and_si256(_mm256_shuffle_epi8(byte_1_high, _mm256_and_si256(_mm256_srli_epi16(prev1, 4), low_nibbles)),
                                 _mm256_shuffle_epi8(byte_1_low, _mm256_and_si256(prev1, low_nibbles))),
                _mm256_shuffle_epi8(byte_2_high, _mm256_and_si256(_mm256_srli_epi16(input, 4), low_nibbles)));
            const __m256i must_continue = _mm256_and_si256(
                _mm256_or_si256(_mm256_subs_epu8(prev2, third_lead), _mm256_subs_epu8(prev3, fourth_lead)), high_bits);
            errors = _mm256_or_si256(errors, _mm256_xor_si256(must_continue, special));
        }
        if (!whole) break;
        incomplete = _mm256_subs_epu8(input, complete_tail);
        previous = input;
        p += 32;
    }
    return _mm256_testz_si256(errors, errors) != 0;
}
#endif

}  // namespace

bool utf8_text_portable(std::string_view text) {
    const char* p = text.data();
    const char* const end = text.data() + text.size();
    while (p < end) {
        if (end - p >= 8) {
            std::uint64_t w;
            std::memcpy(&w, p, 8);
            if ((w & 0x8080808080808080) == 0) {
                p += 8;
                continue;
            }
        }
        if (static_cast<unsigned char>(*p) < 0x80) {
            ++p;
            continue;
        }
        const std::size_t len = utf8_length(p, end);
        if (len == 0) return false;
        p += len;
    }
    return true;
}

bool utf8_text_by(Utf8Kernel kernel, std::string_view text) {
    switch (kernel) {
#ifdef WINBACK_UTF8_SSSE3
        case Utf8Kernel::avx2: return utf8_text_avx2(text);
        case Utf8Kernel::ssse3: return utf8_text_ssse3(text);
#endif
        default: return utf8_text_portable(text);
    }
}

std::vector<Utf8Kernel> utf8_kernels() {
    std::vector<Utf8Kernel> out{Utf8Kernel::portable};
#ifdef WINBACK_UTF8_SSSE3
    if (__builtin_cpu_supports("ssse3")) out.push_back(Utf8Kernel::ssse3);
    if (__builtin_cpu_supports("avx2")) out.push_back(Utf8Kernel::avx2);
#endif
    return out;
}

bool utf8_text(std::string_view text) {
    static const Utf8Kernel best = utf8_kernels().back();
    return utf8_text_by(best, text);
}

}  // namespace winback::detail
