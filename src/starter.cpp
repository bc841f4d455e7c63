#include "winback/starter.hpp"

#include "winback/load.hpp"

namespace winback {

namespace detail {
// Embedded from src/starter/*.toml by cmake/embed_text.cmake.
extern const std::string_view starter_facility_ja;
extern const std::string_view starter_facility_en;
extern const std::string_view starter_clients_ja;
extern const std::string_view starter_clients_en;
}  // namespace detail

std::vector<StarterFile> starter_book(Lang lang) {
    const bool ja = lang == Lang::ja;
    return {
        {"facility.toml", ja ? detail::starter_facility_ja : detail::starter_facility_en},
        {"clients.toml", ja ? detail::starter_clients_ja : detail::starter_clients_en},
        {"playbooks.toml", builtin_playbooks_text(lang)},
    };
}

}  // namespace winback
