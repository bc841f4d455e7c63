// playbooks.toml: [[playbook]] tables with their [[playbook.step]]s.

#include <algorithm>

#include <fmt/format.h>

#include "fields.hpp"
#include "winback/load.hpp"
#include "winback/task.hpp"

namespace winback {

using detail::Fields;
using detail::Ids;
using detail::Need;
using detail::where_of;

namespace {

constexpr std::string_view top_keys[] = {"playbook"};
constexpr std::string_view playbook_keys[] = {"reason", "title", "return_rate", "stop_after", "hold_slot", "step"};
constexpr std::string_view step_keys[] = {"id",    "at",    "every", "from", "until", "times", "after",
                                          "phase", "expire", "to",   "via",  "task"};
constexpr long max_times = 10'000;

bool is_identifier(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

void check_recurring_only(Fields& f, const Step& step, std::string_view key) {
    if (step.at && !f.has("every") && f.has(key)) {
        f.error(f.where(key), fmt::format("\"{}\" applies only to recurring steps (with \"every\"), not to a one-off "
                                          "step (\"at\")",
                                          key));
    }
}

Step load_step(const toml::table& table, std::size_t index, const std::string& playbook_context,
               std::string_view path, Diagnostics& diagnostics) {
    Fields f(table, path, diagnostics, fmt::format("{}, {}", playbook_context, detail::name_of(table, "id", "step", index)), step_keys);
    Step step;
    step.where = f.where();
    if (auto id = f.string("id", Need::required)) {
        step.id = *id;
        f.set_context(fmt::format("{}, step \"{}\"", playbook_context, step.id));
        if (!is_identifier(step.id)) {
            f.error(f.where("id"), "step id must be letters, digits, '-' or '_' (at most 64)");
        }
    }
    step.at = f.duration("at");
    step.every = f.duration("every");
    if (f.has("at") && f.has("every")) {
        f.error(f.where("every"), "a step has either \"at\" (one-off) or \"every\" (recurring), not both");
    } else if (!f.has("at") && !f.has("every")) {
        f.error(f.where(), "a step needs \"at\" (one-off, e.g. at = \"0d\") or \"every\" (recurring, e.g. "
                           "every = \"1m\")");
    }
    if (step.every && step.every->n == 0) {
        f.error(f.where("every"), "\"every\" must be longer than zero");
        step.every.reset();
    }
    step.from = f.duration("from");
    step.until = f.duration("until");
    if (auto times = f.integer("times", 1, max_times)) step.times = static_cast<long>(*times);
    for (std::string_view key : {"from", "until", "times"}) check_recurring_only(f, step, key);
    if (auto after = f.string("after")) {
        if (!is_identifier(*after)) {
            f.error(f.where("after"), "\"after\" must name an event: letters, digits, '-' or '_'");
        } else {
            step.after = *after;
        }
    }
    if (auto phase = f.word<Phase>("phase")) step.phase = *phase;
    if (step.phase == Phase::at_risk && f.has("after") && step.after != "lapse") {
        f.error(f.where("after"), "an at_risk step is anchored on the client's at_risk.since date; \"after\" "
                                  "cannot be used with it");
    }
    step.expire = f.duration("expire");
    if (auto to = f.word<Recipient>("to", Need::required)) step.to = *to;
    if (auto via = f.word<Channel>("via", Need::required)) step.via = *via;
    step.task = f.string("task", Need::required).value_or("");
    for (const std::string& name : unknown_placeholders(step.task)) {
        f.warning(f.where("task"), fmt::format("unknown placeholder {{{}}} stays as written{}", name,
                                               did_you_mean(name, placeholders)));
    }
    return step;
}

Playbook load_playbook(const toml::table& table, std::size_t index, std::string_view path, std::string_view origin,
                       Diagnostics& diagnostics) {
    Fields f(table, path, diagnostics, detail::name_of(table, "reason", "playbook", index), playbook_keys);
    Playbook p;
    p.where = f.where();
    p.origin = origin;
    if (auto reason = f.string("reason", Need::required)) {
        p.reason = *reason;
        f.set_context(fmt::format("playbook \"{}\"", p.reason));
        if (!is_identifier(p.reason)) {
            f.error(f.where("reason"), "a reason must be letters, digits, '-' or '_' (at most 64)");
        }
    }
    p.title = f.string("title").value_or("");
    if (const auto* rate = table.get("return_rate"); rate && rate->is_number() && rate->value<double>().value_or(0) > 1.0) {
        f.error(f.where("return_rate"), "\"return_rate\" is a fraction from 0 to 1 (0.5 means 50%, 0.1 means 1 in 10)");
    } else {
        p.return_rate = f.number("return_rate", 0.0, 1.0).value_or(0.0);
    }
    p.stop_after = f.duration("stop_after");
    p.hold_slot = f.boolean("hold_slot").value_or(false);

    const toml::node* steps = table.get("step");
    if (steps && !steps->as_array()) {
        f.wrong_type("step", *steps, "an array of tables ([[playbook.step]])");
        return p;
    }
    if (!steps) return p;
    Ids step_ids("step id", path, diagnostics);
    std::size_t i = 0;
    for (const toml::node& item : *steps->as_array()) {
        const auto* t = item.as_table();
        if (!t) {
            f.error(where_of(item), fmt::format("\"step\" must hold tables, not {}", detail::type_name(item)));
            continue;
        }
        Step step = load_step(*t, i++, f.context(), path, diagnostics);
        if (p.reason == "deceased") {
            f.warning(step.where, "steps of the \"deceased\" playbook are never planned: no action is ever "
                                  "planned for a deceased client");
        }
        if (!step.id.empty()) step_ids.add(step.id, where_of(*t->get("id")));
        p.steps.push_back(std::move(step));
    }
    return p;
}

}  // namespace

PlaybooksFile load_playbooks(std::string_view text, std::string_view path, std::string_view origin,
                             Diagnostics& diagnostics) {
    PlaybooksFile out;
    auto root = detail::parse_toml(text, path, diagnostics, top_keys);
    if (!root) return out;
    out.parsed = true;
    out.playbooks = detail::load_table_array<Playbook>(
        *root, "playbook", "reason", "playbook for reason", path, diagnostics,
        [&](const toml::table& t, std::size_t i) { return load_playbook(t, i, path, origin, diagnostics); },
        [](const Playbook& p) -> const std::string& { return p.reason; });
    return out;
}

std::vector<Playbook> merge_playbooks(std::vector<Playbook> builtin, std::vector<Playbook> own) {
    for (Playbook& p : own) {
        auto it = std::find_if(builtin.begin(), builtin.end(), [&](const Playbook& b) { return b.reason == p.reason; });
        if (it != builtin.end()) {
            *it = std::move(p);
        } else {
            builtin.push_back(std::move(p));
        }
    }
    return builtin;
}

}  // namespace winback
