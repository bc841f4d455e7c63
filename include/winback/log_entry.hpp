#pragma once
// A new entry of log.toml, as `winback log` writes it: checked against the book, then turned
// into the exact text appended to the file. No file I/O here: the CLI does the locked append.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/model.hpp"

namespace winback {

// Every entry winback writes opens and closes with these lines (docs/log.md), so that an entry
// cut short by a crash or a kill in the middle of a write can be told from a whole one even
// when what is left still parses. Entries written by hand need neither.
inline constexpr std::string_view entry_opening_line = "[[entry]] # written by winback";
inline constexpr std::string_view entry_closing_line = "# end of entry";

// A TOML basic string: "…" with \" and \\ escaped, \b \t \n \f \r as such, and every other
// control character (U+0000–U+001F, U+007F) as \uXXXX. Other text, Japanese included, is
// kept as it is; the caller makes sure it is valid UTF-8.
std::string toml_basic_string(std::string_view text);

// One [[entry]] table: the opening line, date (a TOML local date), client, step (left out when
// empty), outcome, then by, note and reason when set, and the closing line, each ending in a
// newline.
std::string entry_text(const Entry& entry);

// The bytes to append to a log whose current text is `existing`: the entry, set off from what
// is already there by one blank line, preceded by the newline that `existing` may lack.
std::string log_append_text(std::string_view existing, const Entry& entry);

// The lines (1-based, inclusive) of a final entry that winback began to write and did not
// finish: the last table of the log opens with entry_opening_line (or the text ends in the
// middle of that line) and no entry_closing_line follows it.
struct TornTail {
    int first_line = 0;
    int last_line = 0;
};
std::optional<TornTail> torn_tail(std::string_view text);

// Reports a torn tail of the log at `path` as an error that says how to repair it. A check on
// the text alone, so that every way of loading the log can call it.
void check_log_tail(std::string_view text, std::string_view path, Diagnostics& diagnostics);

// The steps a client may be logged against: those of the playbooks of their reason, their
// at_risk reason, and every reclassification in the log and in the new entry itself, in that
// order, each playbook once.
std::vector<const Playbook*> playbooks_for_entry(const Book& book, const Client& client, const Entry& entry);

// What is wrong with a new entry for this book, as one message for the person who typed it, or
// nothing. Checks, in order: every text is valid UTF-8, the client exists, the reason names a
// playbook, the outcome is known or an event some step waits for, the step belongs to the
// client's playbooks, and the date is not after today.
std::optional<std::string> check_new_entry(const Book& book, const Entry& entry, Date today);

}  // namespace winback
