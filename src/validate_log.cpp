// Checks of log.toml against the rest of the book.
//
// A log has hundreds of thousands of entries and a book as many clients, each record hundreds of
// bytes: reading the clients in the order the log names them, or the entries client by client,
// misses the cache at every step. So each pass here reads the log or the clients in file order,
// and what one pass needs from the other is worked out beforehand, in small arrays.

#include <algorithm>
#include <atomic>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include <fmt/format.h>

#include "winback/course.hpp"
#include "winback/load.hpp"

#include "parallel.hpp"

namespace winback {

namespace {

// The playbooks a client has followed or follows: their reason, at-risk reason, reclassifications
// (the client's entries that give a reason, in date order). Into `out`, so that it can be reused.
void playbooks_of(const Book& book, const Client& client, std::span<const Entry* const> reclassifications,
                  std::vector<const Playbook*>& out) {
    out.clear();
    auto add = [&](std::string_view reason) {
        const Playbook* p = book.find_playbook(reason);
        if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    add(client.reason);
    if (client.at_risk) add(client.at_risk->reason);
    for (const Entry* e : reclassifications) add(e->reason);
}

// A few words, looked up by their length first: most lookups compare a word or two.
class WordSet {
public:
    void insert(std::string_view word) {
        if (word.size() >= m_by_size.size()) m_by_size.resize(word.size() + 1);
        m_by_size[word.size()].push_back(word);
    }
    bool contains(std::string_view word) const {
        if (word.size() >= m_by_size.size()) return false;
        if (word.empty()) return !m_by_size[0].empty();
        // Words of one size mostly differ in their first or last letter: memcmp only when not.
        for (std::string_view w : m_by_size[word.size()]) {
            if (w.front() == word.front() && w.back() == word.back() && w == word) return true;
        }
        return false;
    }

private:
    std::vector<std::vector<std::string_view>> m_by_size;
};

// The entries that give a reason (reclassifications) and those that say a client returned or
// died, grouped by client: few, so that they are found without reading all of a client's entries.
// With them, the clients that have entries with a step.
struct TellingEntries {
    EntryGroups reclassifications;
    EntryGroups returned_or_died;
    std::vector<char> with_steps;  // per client place
};

TellingEntries telling_entries(const Book& book, const LogClients& clients) {
    const std::vector<Entry>& log = book.log;
    // Every entry gives a reason when a playbook has none (an error of playbooks.toml).
    const bool reasonless_playbook = book.find_playbook("") != nullptr;
    std::vector<char> with_steps(book.clients.size());
    // One read of each entry, in parts of the log, each picking its telling entries in order; two
    // parts may mark one client with steps, with the same value.
    const std::size_t parts = detail::parts_for(log.size());
    std::vector<std::vector<EntryGroups::Pick>> reclassified(parts), returned_or_died(parts);
    detail::run_parallel(parts, [&](std::size_t k) {
        const auto [begin, end] = detail::part_of(log.size(), k, parts);
        for (std::size_t i = begin; i < end; ++i) {
            const std::uint32_t place = clients.place(i);
            if (place == ClientPlaces::none) continue;
            const EntryGroups::Pick pick{static_cast<std::uint32_t>(i), place};
            const std::string_view outcome = log[i].outcome;
            if (reasonless_playbook || !log[i].reason.empty()) reclassified[k].push_back(pick);
            if (outcome == "returned" || outcome == "deceased") returned_or_died[k].push_back(pick);
            if (!log[i].step.empty()) std::atomic_ref<char>(with_steps[place]).store(1, std::memory_order_relaxed);
        }
    });
    const auto joined = [](std::vector<std::vector<EntryGroups::Pick>>& of_parts) {
        std::vector<EntryGroups::Pick> all = std::move(of_parts.front());
        for (std::size_t k = 1; k < of_parts.size(); ++k) all.insert(all.end(), of_parts[k].begin(), of_parts[k].end());
        return all;
    };
    return {EntryGroups(log, joined(reclassified), book.clients.size()),
            EntryGroups(log, joined(returned_or_died), book.clients.size()), std::move(with_steps)};
}

// The step ids of each client's playbooks, for the clients that have entries with a step.
// Clients share a few combinations of playbooks: each is kept once.
class ClientSteps {
public:
    ClientSteps(const Book& book, const TellingEntries& telling) {
        m_combination_of.assign(book.clients.size(), none);
        std::map<std::vector<const Playbook*>, std::uint32_t> known;
        // Most clients follow one playbook, their reason's: its combination is found without the map.
        std::vector<std::pair<const Playbook*, std::uint32_t>> single;
        std::vector<const Playbook*> playbooks;
        for (std::uint32_t p = 0; p < book.clients.size(); ++p) {
            if (!telling.with_steps[p]) continue;
            const Client& client = book.clients[p];
            const std::span<const Entry* const> reclassifications = telling.reclassifications.of(p);
            const Playbook* only = nullptr;
            const bool one = !client.at_risk && reclassifications.empty();
            if (one) {
                only = book.find_playbook(client.reason);
                const auto it = std::find_if(single.begin(), single.end(), [&](const auto& s) { return s.first == only; });
                if (it != single.end()) {
                    m_combination_of[p] = it->second;
                    continue;
                }
            }
            playbooks_of(book, client, reclassifications, playbooks);
            auto it = known.find(playbooks);
            if (it == known.end()) {
                it = known.emplace(playbooks, static_cast<std::uint32_t>(m_steps.size())).first;
                WordSet& steps = m_steps.emplace_back();
                for (const Playbook* playbook : playbooks) {
                    for (const Step& s : playbook->steps) steps.insert(s.id);
                }
            }
            m_combination_of[p] = it->second;
            if (one) single.emplace_back(only, it->second);
        }
    }

    // `place`: that of a client with an entry with a step, as LogClients::place gives it.
    bool has(std::uint32_t place, std::string_view step) const {
        return m_steps[m_combination_of[place]].contains(step);
    }

private:
    static constexpr std::uint32_t none = UINT32_MAX;
    std::vector<WordSet> m_steps;                // per combination of playbooks
    std::vector<std::uint32_t> m_combination_of;  // per client place
};

}  // namespace

std::vector<std::string_view> event_names(const Book& book) {
    std::set<std::string_view> names;
    for (const Playbook& p : book.playbooks) {
        for (const Step& s : p.steps) {
            if (s.after != "lapse" && s.after != "rule_reverted") names.insert(s.after);
        }
    }
    return {names.begin(), names.end()};
}

void validate_log(const Book& book, Diagnostics& diagnostics, std::optional<Date> today) {
    const std::string& path = book.paths.log;
    std::vector<std::string_view> outcomes(std::begin(known_outcomes), std::end(known_outcomes));
    for (std::string_view event : event_names(book)) {
        if (std::find(outcomes.begin(), outcomes.end(), event) == outcomes.end()) outcomes.push_back(event);
    }
    WordSet known_outcome;  // `outcomes` keeps its order for the suggestions
    for (std::string_view outcome : outcomes) known_outcome.insert(outcome);
    std::vector<std::string_view> reasons;
    for (const Playbook& p : book.playbooks) reasons.push_back(p.reason);

    const auto shared = book.log_clients();  // kept by the book for the plan that follows
    const LogClients& clients = *shared;
    (void)book.find_playbook({});  // its index is built here, not by two parts at once
    const TellingEntries telling = telling_entries(book, clients);
    const ClientSteps client_steps(book, telling);
    // The ids, for "did you mean", when an entry names no client of the book.
    std::vector<std::string_view> client_ids;
    std::optional<NearWords> ids_near;
    for (std::size_t i = 0; i < book.log.size() && !ids_near; ++i) {
        if (clients.place(i) != ClientPlaces::none) continue;
        for (const Client& c : book.clients) client_ids.push_back(c.id);
        ids_near.emplace(client_ids);
    }

    // The entries are checked in parts, each into its own messages, kept in the order of the log.
    const auto check_entries = [&](detail::PartRange range, Diagnostics& out) {
        std::unordered_map<std::string_view, std::string> hints;  // "did you mean", by unknown client
        for (std::size_t i = range.begin; i < range.end; ++i) {
            const Entry& e = book.log[i];
            const Client* client = clients.client(i);
            if (!client) {
                // A client no longer in the book has all their entries here: search the ids once for each.
                const auto [hint, added] = hints.try_emplace(e.client);
                if (added) hint->second = did_you_mean(e.client, *ids_near);
                out.warning(path, e.client_at,
                            fmt::format("log entry: unknown client \"{}\"{}", e.client.substr(0, 64), hint->second));
                continue;
            }
            if (today && e.date > *today) {
                out.warning(path, e.where, fmt::format("log entry for client \"{}\" is dated {}, in the future",
                                                       e.client, format_date(e.date)));
            }
            if (!known_outcome.contains(e.outcome)) {
                // An unknown outcome could hide a refusal ("decline"): the plan must not go on as if.
                out.error(path, e.outcome_at,
                          fmt::format("log entry for client \"{}\": unknown outcome \"{}\"{}", e.client,
                                      e.outcome.substr(0, 64), did_you_mean(e.outcome, outcomes)));
            }
            if (!e.reason.empty() && !book.find_playbook(e.reason)) {
                out.error(path, e.reason_at,
                          fmt::format("log entry for client \"{}\": unknown reason \"{}\"{}", e.client,
                                      e.reason.substr(0, 64), did_you_mean(e.reason, reasons)));
            }
            if (!e.step.empty() && !client_steps.has(clients.place(i), e.step)) {
                std::vector<const Playbook*> playbooks;
                playbooks_of(book, *client, telling.reclassifications.of(clients.place(i)), playbooks);
                std::vector<std::string_view> steps;
                for (const Playbook* p : playbooks) {
                    for (const Step& s : p->steps) steps.push_back(s.id);
                }
                out.warning(path, e.step_at,
                            fmt::format("log entry for client \"{}\": \"{}\" is no step of the client's "
                                        "playbook{}",
                                        e.client, e.step.substr(0, 64), did_you_mean(e.step, steps)));
            }
        }
    };
    const std::size_t parts = detail::parts_for(book.log.size());
    if (parts == 1) {
        check_entries({0, book.log.size()}, diagnostics);
    } else {
        std::vector<Diagnostics> of_part(parts);
        detail::run_parallel(parts, [&](std::size_t k) { check_entries(detail::part_of(book.log.size(), k, parts), of_part[k]); });
        for (const Diagnostics& part : of_part) {
            for (const Diagnostic& d : part.items()) diagnostics.add(d);
        }
    }
    // The client file should agree with what the log says happened.
    for (const Client& c : book.clients) {
        for (const Entry* e : telling.returned_or_died.of(clients.place_of(c))) {
            if (e->outcome == "returned" && c.status == Status::lapsed && c.lapse_date && e->date >= *c.lapse_date) {
                diagnostics.warning(book.paths.clients, c.where,
                                    fmt::format("client \"{}\" is still \"lapsed\" but log.toml says they returned "
                                                "on {}: set status = \"returned\"",
                                                c.id, format_date(e->date)));
            } else if (e->outcome == "deceased" && c.reason != "deceased" && c.status != Status::closed) {
                diagnostics.warning(book.paths.clients, c.where,
                                    fmt::format("client \"{}\" is \"{}\" but log.toml records a death on {}: set "
                                                "status = \"closed\" and reason = \"deceased\"",
                                                c.id, to_string(c.status), format_date(e->date)));
            }
        }
    }
}

}  // namespace winback
