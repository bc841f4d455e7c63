// A whole book: the three files, the built-in playbooks, and the checks across files.

#include <algorithm>
#include <functional>
#include <future>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/load.hpp"

#include "fields.hpp"

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
using detail::looks_like_id;

void dangling(Diagnostics& diagnostics, const Book& book, const Client& c, Where where, std::string_view what,
              std::string_view value, const std::vector<std::string_view>& candidates, std::string_view note = {}) {
    if (!looks_like_id(value)) {
        // Not an id: perhaps a name or a note, which messages never repeat.
        diagnostics.error(book.paths.clients, where,
                          fmt::format("client \"{}\": the {} must be an id{}", c.id, what, note));
        return;
    }
    diagnostics.error(book.paths.clients, where,
                      fmt::format("client \"{}\": unknown {} \"{}\"{}{}", c.id, what, value.substr(0, 64),
                                  did_you_mean(value, candidates), note));
}

}  // namespace

void validate_book(const Book& book, Diagnostics& diagnostics, ValidateScope scope) {
    const auto reasons = keys_of(book.playbooks, &Playbook::reason);
    const auto care_managers = keys_of(book.care_managers, &CareManager::id);
    const auto rules = keys_of(book.facility.rules, &Rule::id);
    // The id near an avoided name that is no client id, once per name (the same staff names
    // recur), searched among the ids gathered on first need.
    std::vector<std::string_view> client_ids;
    std::optional<NearWords> ids_near;
    std::unordered_map<std::string_view, std::optional<std::string_view>> near_ids;
    const auto near_id = [&](std::string_view name) {
        if (!ids_near) {
            client_ids = keys_of(book.clients, &Client::id);
            ids_near.emplace(client_ids);
        }
        const auto [at, added] = near_ids.try_emplace(name);
        if (added) at->second = ids_near->closest(name);
        return at->second;
    };
    for (const Client& c : book.clients) {
        if (scope.playbooks && !c.reason.empty() && !book.find_playbook(c.reason)) {
            dangling(diagnostics, book, c, c.reason_at, "reason", c.reason, reasons,
                     looks_like_id(c.reason) ? "" : " (the reason names a playbook; details go in \"reason_note\")");
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
                if (auto near = near_id(c.avoid[i])) {
                    diagnostics.warning(book.paths.clients, where,
                                        fmt::format("client \"{}\": \"{}\" in avoid is no client id; did you mean "
                                                    "\"{}\"? (a staff member's name is fine)",
                                                    c.id, c.avoid[i].substr(0, 64), *near));
                }
            }
        }
    }
}

namespace {

// Files and books this big are read and checked on two threads at once (docs/performance.md).
constexpr std::size_t log_apart_from = std::size_t{1} << 20;  // bytes of log.toml
constexpr std::size_t checks_apart_from = 20000;            // clients and entries

LogFile read_log(const Source& log, Diagnostics& diagnostics) {
    LogFile file = load_log(*log.text, log.path, diagnostics, log.text->releaser());
    log.text->release_pages();
    return file;
}

void append(Diagnostics& to, const Diagnostics& from) {
    for (const Diagnostic& d : from.items()) to.add(d);
}

}  // namespace

Book load_book(const BookSources& sources, Lang lang, Diagnostics& diagnostics, std::optional<Date> today) {
    Book book;
    book.paths = {sources.clients.path, sources.playbooks.path, sources.facility.path, sources.log.path};
    ValidateScope scope;

    // A big log needs nothing from the other files: it is read while they are. Its messages come
    // after theirs, as when it is read last.
    Diagnostics log_diagnostics;
    std::future<LogFile> log_read;
    if (sources.log.text && sources.log.text->view().size() >= log_apart_from) {
        log_read = std::async(std::launch::async, read_log, std::cref(sources.log), std::ref(log_diagnostics));
    }

    if (sources.clients.text) {
        ClientsFile clients = load_clients(*sources.clients.text, sources.clients.path, diagnostics,
                                           sources.clients.text->releaser());
        book.care_managers = std::move(clients.care_managers);
        book.clients = std::move(clients.clients);  // moves no client: the index still describes them
        book.client_places_cache = std::move(clients.client_places);
        book.text.adopt(clients.text);
        sources.clients.text->release_pages();
    } else {
        diagnostics.error(sources.clients.path, {}, "file not found: every book needs a clients.toml");
    }

    book.playbooks = builtin_playbooks(lang);
    if (sources.playbooks.text) {
        PlaybooksFile own = load_playbooks(*sources.playbooks.text, sources.playbooks.path, sources.playbooks.path,
                                           diagnostics);
        scope.playbooks = own.parsed;
        std::vector<std::string_view> builtin_reasons;
        for (const Playbook& p : book.playbooks) builtin_reasons.push_back(p.reason);
        for (const Playbook& p : own.playbooks) {
            if (std::find(builtin_reasons.begin(), builtin_reasons.end(), p.reason) != builtin_reasons.end()) continue;
            if (auto near = closest(p.reason, builtin_reasons)) {
                diagnostics.warning(sources.playbooks.path, p.where,
                                    fmt::format("playbook \"{}\" adds a new reason; did you mean \"{}\" (which "
                                                "replaces the built-in playbook)?",
                                                p.reason, *near));
            }
        }
        book.playbooks = merge_playbooks(std::move(book.playbooks), std::move(own.playbooks));
    }

    if (sources.facility.text) {
        FacilityFile facility = load_facility(*sources.facility.text, sources.facility.path, diagnostics);
        scope.facility = facility.parsed;
        book.facility = std::move(facility.facility);
        if (facility.parsed) validate_calendar(book.facility, sources.facility.path, diagnostics);
    }

    bool log_parsed = false;
    if (sources.log.text) {
        LogFile log = log_read.valid() ? log_read.get() : read_log(sources.log, diagnostics);
        append(diagnostics, log_diagnostics);
        log_parsed = log.parsed;
        book.log = std::move(log.entries);
        book.text.adopt(log.text);
    }

    if (log_parsed && scope.playbooks && book.clients.size() + book.log.size() >= checks_apart_from) {
        // The two checks only read the book: with its indexes built first, they run side by side,
        // and their messages come in the order they would one after the other.
        (void)book.find_care_manager({}), (void)book.find_playbook({}), (void)book.find_rule({});
        (void)book.log_clients();  // and the index of the clients, which it shares
        Diagnostics of_log;
        auto log_checked = std::async(std::launch::async, [&] { validate_log(book, of_log, today); });
        validate_book(book, diagnostics, scope);
        log_checked.get();
        append(diagnostics, of_log);
        return book;
    }
    validate_book(book, diagnostics, scope);
    if (log_parsed && scope.playbooks) validate_log(book, diagnostics, today);
    return book;
}

}  // namespace winback
