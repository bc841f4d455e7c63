#pragma once
// The two languages of winback's labels and built-in playbooks.

#include <optional>
#include <string_view>

namespace winback {

enum class Lang { en, ja };

std::optional<Lang> parse_lang(std::string_view code);
// From locale variables in order of precedence (LC_ALL, LC_MESSAGES, LANG): ja_* is Japanese.
Lang lang_from_locale(std::string_view lc_all, std::string_view lc_messages, std::string_view lang);

}  // namespace winback

#include <string>
#include <vector>

#include "winback/model.hpp"

namespace winback {

// Labels for people, not for machines: CSV and JSON keep the file words.
std::string_view weekday_name(unsigned index, Lang lang);        // "Monday" / "月曜日"
std::string_view weekday_short(unsigned index, Lang lang);       // "Mon" / "月"
std::string_view label(Recipient to, Lang lang);
std::string_view label(Channel via, Lang lang);
// A list of weekdays for a sentence: "Tuesday and Friday" / "火・金曜日".
std::string weekday_list(const std::vector<unsigned>& days, Lang lang);

}  // namespace winback
