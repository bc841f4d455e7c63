#pragma once
// A new entry of log.toml, as `winback log` writes it: checked against the book, then turned
// into the exact text appended to the file. No file I/O here: the CLI does the locked append.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"

namespace winback {

// A TOML basic string: "…" with \" and \\ escaped, \b \t \n \f \r as such, and every other
// control character (U+0000–U+001F, U+007F) as \uXXXX. Other text, Japanese included, is
// kept as it is; the caller makes sure it is valid UTF-8.
std::string toml_basic_string(std::string_view text);

// One [[entry]] table ending in a newline: date (a TOML local date), client, step (left out
// when empty), outcome, then by, note and reason when set.
std::string entry_text(const Entry& entry);

// The bytes to append to a log whose current text is `existing`: the entry, set off from what
// is already there by one blank line, preceded by the newline that `existing` may lack.
std::string log_append_text(std::string_view existing, const Entry& entry);

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
