#pragma once
// Problems found in a book: collected, never thrown, so that `check` reports them all at once.

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
// The closest candidate, if it is close enough to be a likely typo.
std::optional<std::string_view> closest(std::string_view word, std::span<const std::string_view> candidates);
// "; did you mean \"x\"?" or "".
std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace winback
