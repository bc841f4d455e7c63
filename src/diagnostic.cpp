#include "winback/diagnostic.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

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
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates) {
    // Bounded input keeps this cheap even on absurd values.
    if (word.empty() || word.size() > 64) return std::nullopt;
    // "Tue", "TUESDAY" and "tuesday" mean "tue": compare in lower case, and take a prefix match.
    std::string lower(word);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (std::string_view candidate : candidates) {
        if (lower == candidate) return candidate;
    }
    const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string_view> best;
    std::size_t best_distance = limit + 1;
    bool tie = false;
    for (std::string_view candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance) {
            best = candidate;
            best_distance = distance;
            tie = false;
        } else if (distance == best_distance && best && candidate != *best) {
            tie = true;
        }
    }
    // Two equally close candidates: guessing could point staff at the wrong person or thing.
    if (tie) return std::nullopt;
    if (best) return best;
    // Nothing close: a longer spelling of a short word ("tuesday" for "tue").
    for (std::string_view candidate : candidates) {
        if (candidate.size() >= 3 && std::string_view(lower).starts_with(candidate)) return candidate;
    }
    return std::nullopt;
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
    if (auto best = closest(word, candidates)) return fmt::format("; did you mean \"{}\"?", *best);
    return {};
}

}  // namespace winback
