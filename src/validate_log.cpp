// Checks of log.toml against the rest of the book.

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "winback/course.hpp"
#include "winback/load.hpp"

namespace winback {

namespace {

// The playbooks a client has followed or follows: their reason, at-risk reason, reclassifications.
std::vector<const Playbook*> playbooks_of(const Book& book, const Client& client, std::span<const Entry* const> entries) {
    std::vector<const Playbook*> out;
    auto add = [&](std::string_view reason) {
        const Playbook* p = book.find_playbook(reason);
        if (p && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
    };
    add(client.reason);
    if (client.at_risk) add(client.at_risk->reason);
    for (const Entry* e : entries) add(e->reason);
    return out;
}

bool has_step(const std::vector<const Playbook*>& playbooks, std::string_view id) {
    for (const Playbook* p : playbooks) {
        for (const Step& s : p->steps) {
            if (s.id == id) return true;
        }
    }
    return false;
}

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
    std::vector<std::string_view> client_ids, reasons;
    for (const Client& c : book.clients) client_ids.push_back(c.id);
    for (const Playbook& p : book.playbooks) reasons.push_back(p.reason);
    const LogIndex index(book.log);
    std::unordered_map<std::string_view, const Client*> clients_by_id;
    for (const Client& c : book.clients) clients_by_id.emplace(c.id, &c);
    std::unordered_map<const Client*, std::vector<const Playbook*>> playbooks_by_client;

    for (const Entry& e : book.log) {
        const auto found = clients_by_id.find(e.client);
        const Client* client = found == clients_by_id.end() ? nullptr : found->second;
        if (!client) {
            diagnostics.warning(path, e.client_at, fmt::format("log entry: unknown client \"{}\"{}", e.client.substr(0, 64),
                                                               did_you_mean(e.client, client_ids)));
            continue;
        }
        if (today && e.date > *today) {
            diagnostics.warning(path, e.where, fmt::format("log entry for client \"{}\" is dated {}, in the future",
                                                           e.client, format_date(e.date)));
        }
        if (std::find(outcomes.begin(), outcomes.end(), e.outcome) == outcomes.end()) {
            // An unknown outcome could hide a refusal ("decline"): the plan must not go on as if.
            diagnostics.error(path, e.outcome_at,
                                fmt::format("log entry for client \"{}\": unknown outcome \"{}\"{}", e.client,
                                            e.outcome.substr(0, 64), did_you_mean(e.outcome, outcomes)));
        }
        if (!e.reason.empty() && !book.find_playbook(e.reason)) {
            diagnostics.error(path, e.reason_at,
                              fmt::format("log entry for client \"{}\": unknown reason \"{}\"{}", e.client,
                                          e.reason.substr(0, 64), did_you_mean(e.reason, reasons)));
        }
        if (!e.step.empty()) {
            // Worked out once per client, not once per entry.
            auto [it, fresh] = playbooks_by_client.try_emplace(client);
            if (fresh) it->second = playbooks_of(book, *client, index.of(e.client));
            const std::vector<const Playbook*>& playbooks = it->second;
            if (!has_step(playbooks, e.step)) {
                std::vector<std::string_view> steps;
                for (const Playbook* p : playbooks) {
                    for (const Step& s : p->steps) steps.push_back(s.id);
                }
                diagnostics.warning(path, e.step_at,
                                    fmt::format("log entry for client \"{}\": \"{}\" is no step of the client's "
                                                "playbook{}",
                                                e.client, e.step.substr(0, 64), did_you_mean(e.step, steps)));
            }
        }
    }
    // The client file should agree with what the log says happened.
    for (const Client& c : book.clients) {
        for (const Entry* e : index.of(c.id)) {
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
