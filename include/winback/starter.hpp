#pragma once
// The files of a new book (`winback init`): commented starting points in one language.

#include <string>
#include <string_view>
#include <vector>

#include "winback/i18n.hpp"

namespace winback {

struct StarterFile {
    std::string_view name;  // "clients.toml"
    std::string_view text;
};

// facility.toml, clients.toml with two sample clients, and playbooks.toml (the built-in
// playbooks, as `winback playbooks --dump` writes them).
std::vector<StarterFile> starter_book(Lang lang);

}  // namespace winback
