#pragma once
// Messages for people in their language. The loaders and commands write their messages in
// English; a table of templates gives the Japanese wording, so no loader has to change.
// A template's "{}" holes match any text, which is translated in turn (a "did you mean"
// hint, a context such as `client "C-0001"`). Text that no template matches stays English.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/diagnostic.hpp"
#include "winback/i18n.hpp"

namespace winback {

struct MessageTemplate {
    std::string_view en;  // "{}" is a hole
    std::string_view ja;  // "{}" takes the holes in order; "{2}" takes the second
};

std::span<const MessageTemplate> message_templates();

// The message in lang. used, when given, receives the index of every template that served.
std::string translate(std::string_view message, Lang lang, std::vector<std::size_t>* used = nullptr);
Diagnostic translate(const Diagnostic& diagnostic, Lang lang);

}  // namespace winback
