// A whole book: the three files, the built-in playbooks, and the checks across files.

#include <stdexcept>

#include <fmt/format.h>

#include "winback/load.hpp"

namespace winback {

namespace detail {
extern const std::string_view builtin_playbooks_ja;
extern const std::string_view builtin_playbooks_en;
}  // namespace detail

std::string_view builtin_playbooks_text(Lang lang) {
    return lang == Lang::ja ? detail::builtin_playbooks_ja : detail::builtin_playbooks_en;
}

std::vector<Playbook> builtin_playbooks(Lang lang) {
    Diagnostics diagnostics;
    auto file = load_playbooks(builtin_playbooks_text(lang), "<built-in playbooks>", "built-in", diagnostics);
    // The built-in text is tested to load cleanly; a failure here is a bug in winback itself.
    if (diagnostics.has_errors()) {
        throw std::logic_error("built-in playbooks: " + format_diagnostic(diagnostics.sorted().front()));
    }
    return std::move(file.playbooks);
}

namespace {

std::vector<std::string_view> keys_of(const auto& items, auto field) {
    std::vector<std::string_view> out;
    out.reserve(items.size());
    for (const auto& item : items) out.push_back(item.*field);
    return out;
}

// Reports an id that names nothing, with the closest existing one.
void dangling(Diagnostics& diagnostics, const Book& book, const Client& c, Where where, std::string_view what,
              std::string_view value, const std::vector<std::string_view>& candidates, std::string_view note = {}) {
    diagnostics.error(book.paths.clients, where,
                      fmt::format("client \"{}\": unknown {} \"{}\"{}{}", c.id, what, value.substr(0, 64),
                                  did_you_mean(value, candidates), note));
}

}  // namespace

void validate_book(const Book& book, Diagnostics& diagnostics, ValidateScope scope) {
    const auto reasons = keys_of(book.playbooks, &Playbook::reason);
    const auto care_managers = keys_of(book.care_managers, &CareManager::id);
    const auto rules = keys_of(book.facility.rules, &Rule::id);
    const auto client_ids = keys_of(book.clients, &Client::id);
    for (const Client& c : book.clients) {
        if (scope.playbooks && !c.reason.empty() && !book.find_playbook(c.reason)) {
            dangling(diagnostics, book, c, c.reason_at, "reason", c.reason, reasons);
        }
        if (scope.playbooks && c.at_risk && !book.find_playbook(c.at_risk->reason)) {
            dangling(diagnostics, book, c, c.at_risk->reason_at, "at_risk reason", c.at_risk->reason, reasons);
        }
        if (!c.care_manager.empty() && !book.find_care_manager(c.care_manager)) {
            dangling(diagnostics, book, c, c.care_manager_at, "care manager", c.care_manager, care_managers,
                     " (care managers are the [[care_manager]] tables of clients.toml)");
        }
        if (scope.facility && !c.rule.empty() && !book.find_rule(c.rule)) {
            dangling(diagnostics, book, c, c.rule_at, "rule", c.rule, rules,
                     " (rules are the [[rule]] tables of facility.toml)");
        }
        if (c.reason == "rule_change" && c.rule.empty() && c.status == Status::lapsed) {
            diagnostics.warning(book.paths.clients, c.reason_at,
                                fmt::format("client \"{}\": reason \"rule_change\" without \"rule\": "
                                            "a reverted rule cannot reach this client",
                                            c.id));
        }
        for (std::size_t i = 0; i < c.avoid.size(); ++i) {
            const Where where = i < c.avoid_at.size() ? c.avoid_at[i] : c.where;
            if (c.avoid[i] == c.id) {
                diagnostics.error(book.paths.clients, where,
                                  fmt::format("client \"{}\" cannot avoid themself", c.id));
            } else if (!book.find_client(c.avoid[i])) {
                // Not a client id: a staff member's name, unless it is one letter off an id.
                if (auto near = closest(c.avoid[i], client_ids)) {
                    diagnostics.warning(book.paths.clients, where,
                                        fmt::format("client \"{}\": \"{}\" in avoid is no client id; did you mean "
                                                    "\"{}\"? (a staff member's name is fine)",
                                                    c.id, c.avoid[i].substr(0, 64), *near));
                }
            }
        }
    }
}

Book load_book(const BookSources& sources, Lang lang, Diagnostics& diagnostics) {
    Book book;
    book.paths = {sources.clients.path, sources.playbooks.path, sources.facility.path};
    ValidateScope scope;

    if (sources.clients.text) {
        ClientsFile clients = load_clients(*sources.clients.text, sources.clients.path, diagnostics);
        book.care_managers = std::move(clients.care_managers);
        book.clients = std::move(clients.clients);
    } else {
        diagnostics.error(sources.clients.path, {}, "file not found: every book needs a clients.toml");
    }

    book.playbooks = builtin_playbooks(lang);
    if (sources.playbooks.text) {
        PlaybooksFile own = load_playbooks(*sources.playbooks.text, sources.playbooks.path, sources.playbooks.path,
                                           diagnostics);
        scope.playbooks = own.parsed;
        book.playbooks = merge_playbooks(std::move(book.playbooks), std::move(own.playbooks));
    }

    if (sources.facility.text) {
        FacilityFile facility = load_facility(*sources.facility.text, sources.facility.path, diagnostics);
        scope.facility = facility.parsed;
        book.facility = std::move(facility.facility);
    }

    validate_book(book, diagnostics, scope);
    return book;
}

}  // namespace winback
