#pragma once
// Problems found in a book: collected, never thrown, so that `check` reports them all at once.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace winback {

enum class Severity { error, warning };

// A place in a file; line 0 means the file as a whole.
struct Where {
    int line = 0;
    int column = 0;
};

struct Diagnostic {
    std::string path;
    Where where;
    Severity severity = Severity::error;
    std::string message;
};

class Diagnostics {
public:
    void error(std::string_view path, Where where, std::string message);
    void warning(std::string_view path, Where where, std::string message);
    void add(Diagnostic d) { m_items.push_back(std::move(d)); }

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    // Sorted by file, line and column (stable for equal places).
    std::vector<Diagnostic> sorted() const;
    const std::vector<Diagnostic>& items() const { return m_items; }

private:
    std::vector<Diagnostic> m_items;
};

// "FILE:LINE:COL: error: message" (or "FILE: error: message" for a whole file).
std::string format_diagnostic(const Diagnostic& d);

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The same when it is at most `bound`, else bound + 1 (found sooner).
std::size_t edit_distance_within(std::string_view a, std::string_view b, std::size_t bound);
// The closest candidate, if it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates);
// closest() over many candidates asked many times (the ids of a whole book): they are grouped by
// their length and their kinds of byte, which bound their distance to any word, so that a search
// skips whole groups. A name that is no id is ruled out without reading an id. Refers to the
// candidates' texts, which must outlive it.
class NearWords {
public:
    explicit NearWords(std::span<const std::string_view> candidates);
    // closest(word, candidates), the same answer.
    std::optional<std::string_view> closest(std::string_view word) const;

private:
    struct Word {
        std::string_view text;
        std::uint64_t kinds = 0;
        std::size_t place = 0;  // among the candidates
    };
    struct Group {  // m_words[begin, end): one length and one set of kinds
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    std::vector<Word> m_words;  // by length, kinds, place
    std::vector<Group> m_groups;
};
// "; did you mean \"x\"?" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);
std::string did_you_mean(std::string_view word, const NearWords& candidates);

}  // namespace winback
