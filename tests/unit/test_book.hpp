#pragma once
// Shared by the unit tests: a book from the text of its files, with no disk involved.

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "winback/load.hpp"

namespace winback::test {

// The text of each file; an empty view means the file is absent (clients.toml is always given).
struct BookTexts {
    std::string_view clients;
    std::string_view playbooks;
    std::string_view facility;
    std::string_view log;
};

// Which diagnostics a test accepts: none, or warnings but no errors. Others fail the test.
enum class Accept { nothing, warnings };

inline std::optional<std::string> text_or_none(std::string_view text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

inline Book load_book(const BookTexts& texts, Accept accept = Accept::nothing) {
    BookSources sources{{"clients.toml", std::string(texts.clients)},
                        {"playbooks.toml", text_or_none(texts.playbooks)},
                        {"facility.toml", text_or_none(texts.facility)},
                        {"log.toml", text_or_none(texts.log)}};
    Diagnostics diagnostics;
    Book book = winback::load_book(sources, Lang::en, diagnostics);
    for (const Diagnostic& d : diagnostics.items()) {
        if (d.severity == Severity::error || accept == Accept::nothing) FAIL_CHECK(format_diagnostic(d));
    }
    return book;
}

}  // namespace winback::test
