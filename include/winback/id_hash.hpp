#pragma once
// Comparing and hashing the short texts that ids and keys are ("C-0000123", "outcome"), without
// a call to memcmp or to std::hash's byte loop: for the indexes by id (IdIndex, ClientPlaces)
// and the fast reader's keys.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace winback::detail {

// Whether a and b have the same first n bytes. Short texts are compared with two loads each
// (which overlap) rather than by a call to memcmp.
inline bool same_bytes(const char* a, const char* b, std::size_t n) {
    const auto same_at = [a, b]<class Word>(std::size_t at, Word) {
        Word x, y;
        std::memcpy(&x, a + at, sizeof x);
        std::memcpy(&y, b + at, sizeof y);
        return x == y;
    };
    if (n >= 8 && n <= 16) return same_at(0, std::uint64_t{}) && same_at(n - 8, std::uint64_t{});
    if (n >= 4 && n < 8) return same_at(0, std::uint32_t{}) && same_at(n - 4, std::uint32_t{});
    if (n >= 2 && n < 4) return same_at(0, std::uint16_t{}) && same_at(n - 2, std::uint16_t{});
    if (n == 1) return *a == *b;
    return n == 0 || std::memcmp(a, b, n) == 0;
}

inline bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

// A hash of a text for an index by id. Up to sixteen bytes (most ids), its first and last
// words, which cover every byte, mixed with its length by murmur3's finaliser, so that ids that
// differ in one digit land far apart (any change of one byte changes the hash); longer texts by
// std::hash. The same text gives the same hash on every path, which is all an index needs.
inline std::size_t id_hash(std::string_view text) {
    const std::size_t n = text.size();
    if (n > 16) return std::hash<std::string_view>{}(text);
    const char* const p = text.data();
    const auto load = [p]<class Word>(std::size_t at, Word) -> std::uint64_t {
        Word w;
        std::memcpy(&w, p + at, sizeof w);
        return w;
    };
    std::uint64_t a = 0, b = 0;
    if (n >= 8) {
        a = load(0, std::uint64_t{}), b = load(n - 8, std::uint64_t{});
    } else if (n >= 4) {
        a = load(0, std::uint32_t{}), b = load(n - 4, std::uint32_t{});
    } else if (n >= 2) {
        a = load(0, std::uint16_t{}), b = load(n - 2, std::uint16_t{});
    } else if (n == 1) {
        a = static_cast<unsigned char>(p[0]);
    }
    // b turned by an odd number of bits: a byte in both words (they overlap from 9 to 15 bytes)
    // can then never cancel itself out, as with a turn by whole bytes.
    std::uint64_t h = a ^ ((b << 29) | (b >> 35)) ^ (n * 0x9E3779B97F4A7C15ull);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    h ^= h >> 33;
    h *= 0xC4CEB9FE1A85EC53ull;
    h ^= h >> 33;
    return static_cast<std::size_t>(h);
}

}  // namespace winback::detail
