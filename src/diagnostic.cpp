#include "winback/diagnostic.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cctype>
#include <cstdint>
#include <numeric>
#include <vector>

#include <fmt/format.h>

namespace winback {

void Diagnostics::error(std::string_view path, Where where, std::string message) {
    m_items.push_back({std::string(path), where, Severity::error, std::move(message)});
}

void Diagnostics::warning(std::string_view path, Where where, std::string message) {
    m_items.push_back({std::string(path), where, Severity::warning, std::move(message)});
}

bool Diagnostics::has_errors() const {
    return error_count() > 0;
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

std::size_t Diagnostics::warning_count() const {
    return m_items.size() - error_count();
}

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = m_items;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.path != b.path) return a.path < b.path;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    return out;
}

std::string format_diagnostic(const Diagnostic& d) {
    const char* severity = d.severity == Severity::error ? "error" : "warning";
    if (d.where.line <= 0) return fmt::format("{}: {}: {}", d.path, severity, d.message);
    return fmt::format("{}:{}:{}: {}: {}", d.path, d.where.line, d.where.column, severity, d.message);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    return edit_distance_within(a, b, std::max(a.size(), b.size()));
}

std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t bound) {
    // One row of the table, on the stack for the short words that suggestions are about.
    std::array<std::size_t, 72> small;
    std::vector<std::size_t> large;
    std::size_t* row = small.data();
    if (b.size() + 1 > small.size()) {
        large.resize(b.size() + 1);
        row = large.data();
    }
    std::iota(row, row + b.size() + 1, std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        std::size_t least = row[0];
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
            least = std::min(least, row[j]);
        }
        // No value of a row is ever below the smallest of the row before it.
        if (least > bound) return bound + 1;
    }
    return std::min(row[b.size()], bound + 1);
}

namespace {

// The kinds of byte a text has, one bit each: each letter (by case), each digit, other ASCII, and
// any byte past ASCII.
std::uint64_t byte_kinds(std::string_view text) {
    std::uint64_t kinds = 0;
    for (const unsigned char c : text) {
        unsigned kind = c < 0x80 ? 62 : 63;
        if (c >= 'a' && c <= 'z') kind = c - 'a';
        if (c >= 'A' && c <= 'Z') kind = 26 + (c - 'A');
        if (c >= '0' && c <= '9') kind = 52 + (c - '0');
        kinds |= std::uint64_t{1} << kind;
    }
    return kinds;
}

// One search for the closest candidate. A candidate farther than the best so far changes
// nothing, so one that cannot be that near by its length and its kinds of byte is skipped, and
// the table of another stops once it is farther: the answer is the one of the full tables.
struct Search {
    explicit Search(std::string_view w)
        : word(w), lower(w), limit(std::max<std::size_t>(1, w.size() / 3)), kinds(byte_kinds(w)), best_distance(limit + 1) {
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        lower_kinds = byte_kinds(lower);
    }

    // Whether a text of this length and these kinds of byte may be as near as the best so far. An
    // edit removes at most one byte and adds at most one: two texts are at least their difference
    // in length apart, and at least as many edits as the kinds that one has and the other lacks.
    bool may_be_near(std::size_t length, std::uint64_t other) const {
        const std::size_t apart = word.size() > length ? word.size() - length : length - word.size();
        const auto only_word = static_cast<std::size_t>(std::popcount(kinds & ~other));
        const auto only_other = static_cast<std::size_t>(std::popcount(other & ~kinds));
        return std::max({apart, only_word, only_other}) <= best_distance;
    }

    void offer(std::string_view candidate) {
        const std::size_t distance = edit_distance_within(word, candidate, best_distance);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance && best && candidate != *best) {
            tie = true;
        }
    }

    // A longer spelling of a short word ("tuesday" for "tue").
    bool spells_out(std::string_view candidate) const {
        return candidate.size() >= 3 && std::string_view(lower).starts_with(candidate);
    }

    // Whether some text of this length and these kinds of byte may be `lower` or spelled out by it.
    bool may_equal_lower(std::size_t length, std::uint64_t other) const {
        return length == lower.size() && other == lower_kinds;
    }
    bool may_be_spelled_out(std::size_t length, std::uint64_t other) const {
        return length >= 3 && length <= lower.size() && (other & ~lower_kinds) == 0;
    }

    std::string_view word;
    std::string lower;  // "Tue", "TUESDAY" and "tuesday" mean "tue"
    std::uint64_t lower_kinds = 0;
    std::size_t limit;
    std::uint64_t kinds;
    std::optional<std::string_view> best;
    std::size_t best_distance;
    bool tie = false;
};

// Bounded input keeps a search cheap even on absurd values.
bool searchable(std::string_view word) {
    return !word.empty() && word.size() <= 64;
}

}  // namespace

std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates) {
    if (!searchable(word)) return std::nullopt;
    Search search(word);
    for (std::string_view candidate : candidates) {
        if (search.lower == candidate) return candidate;
    }
    for (std::string_view candidate : candidates) {
        if (search.may_be_near(candidate.size(), byte_kinds(candidate))) search.offer(candidate);
    }
    // Two equally close candidates: guessing could point staff at the wrong person or thing.
    if (search.tie) return std::nullopt;
    if (search.best) return search.best;
    for (std::string_view candidate : candidates) {
        if (search.spells_out(candidate)) return candidate;
    }
    return std::nullopt;
}

NearWords::NearWords(std::span<const std::string_view> candidates) {
    m_words.reserve(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) m_words.push_back({candidates[i], byte_kinds(candidates[i]), i});
    std::sort(m_words.begin(), m_words.end(), [](const Word& a, const Word& b) {
        if (a.text.size() != b.text.size()) return a.text.size() < b.text.size();
        if (a.kinds != b.kinds) return a.kinds < b.kinds;
        return a.place < b.place;
    });
    for (std::size_t i = 0; i < m_words.size(); ++i) {
        if (i == 0 || m_words[i].text.size() != m_words[i - 1].text.size() || m_words[i].kinds != m_words[i - 1].kinds) {
            m_groups.push_back({i, i});
        }
        m_groups.back().end = i + 1;
    }
}

std::optional<std::string_view> NearWords::closest(std::string_view word) const {
    if (!searchable(word)) return std::nullopt;
    Search search(word);
    const auto words_of = [this](const Group& g) { return std::span(m_words).subspan(g.begin, g.end - g.begin); };
    for (const Group& g : m_groups) {
        if (!search.may_equal_lower(m_words[g.begin].text.size(), m_words[g.begin].kinds)) continue;
        for (const Word& w : words_of(g)) {
            if (search.lower == w.text) return w.text;
        }
    }
    // The same answer as winback::closest: which candidates are nearest, and whether two are, does
    // not depend on the order in which they are read.
    for (const Group& g : m_groups) {
        if (!search.may_be_near(m_words[g.begin].text.size(), m_words[g.begin].kinds)) continue;
        for (const Word& w : words_of(g)) search.offer(w.text);
    }
    if (search.tie) return std::nullopt;
    if (search.best) return search.best;
    // The first, in the order given, that the word spells out.
    const Word* first = nullptr;
    for (const Group& g : m_groups) {
        if (!search.may_be_spelled_out(m_words[g.begin].text.size(), m_words[g.begin].kinds)) continue;
        for (const Word& w : words_of(g)) {
            if (search.spells_out(w.text) && (!first || w.place < first->place)) first = &w;
        }
    }
    if (first) return first->text;
    return std::nullopt;
}

namespace {

std::string suggestion(std::optional<std::string_view> best) {
    return best ? fmt::format("; did you mean \"{}\"?", *best) : std::string();
}

}  // namespace

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
    return suggestion(closest(word, candidates));
}

std::string did_you_mean(std::string_view word, const NearWords& candidates) {
    return suggestion(candidates.closest(word));
}

}  // namespace winback
