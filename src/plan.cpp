#include "winback/plan.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/schedule.hpp"
#include "winback/task.hpp"

namespace winback {

namespace {

// Which playbook and phase apply to a client, and from when.
struct Course {
    const Playbook* playbook = nullptr;
    Phase phase = Phase::lapsed;
    Date start;  // lapse date, or at_risk.since
};

std::optional<Course> course_of(const Book& book, const Client& client) {
    if (client.status == Status::lapsed && client.lapse_date) {
        if (const Playbook* p = book.find_playbook(client.reason)) return Course{p, Phase::lapsed, *client.lapse_date};
    } else if (client.status == Status::active && client.at_risk) {
        if (const Playbook* p = book.find_playbook(client.at_risk->reason)) {
            return Course{p, Phase::at_risk, client.at_risk->since};
        }
    }
    return std::nullopt;
}

// The date a step's anchor event happened, if it has.
std::optional<Date> anchor_of(const Book& book, const Client& client, const Course& course, const Step& step) {
    if (step.phase == Phase::at_risk || step.after == "lapse") return course.start;
    if (step.after == "rule_reverted") {
        const Rule* rule = book.find_rule(client.rule);
        if (rule && rule->reverted) return *rule->reverted;
    }
    return std::nullopt;  // an event that has not been logged
}

bool matches(const std::vector<std::string>& wanted, const std::string& value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

template <class E>
bool matches(const std::vector<E>& wanted, E value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

const std::string& sort_name(const Action& a) {
    return a.kana.empty() ? a.client : a.kana;
}

}  // namespace

bool may_contact(const Client& client) {
    if (client.do_not_contact || client.reason == "deceased") return false;
    if (client.status == Status::lapsed) return true;
    return client.status == Status::active && client.at_risk && client.at_risk->reason != "deceased";
}

bool action_before(const Action& a, const Action& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.value != b.value) return a.value > b.value;
    if (sort_name(a) != sort_name(b)) return sort_name(a) < sort_name(b);
    if (a.client_id != b.client_id) return a.client_id < b.client_id;
    if (a.step_index != b.step_index) return a.step_index < b.step_index;
    return a.nominal < b.nominal;
}

Plan make_plan(const Book& book, const PlanOptions& options) {
    Plan plan{options.today, options.until, {}};
    const PlanFilter& filter = options.filter;
    // Nominal dates this far outside the window may still be shifted into it.
    const Date lo = add_days(options.today, -max_shift_days);
    const Date hi = add_days(options.until, max_shift_days);

    for (const Client& client : book.clients) {
        if (!may_contact(client)) continue;
        if (!matches(filter.clients, client.id) || !matches(filter.owners, client.owner)) continue;
        const auto course = course_of(book, client);
        if (!course || !matches(filter.reasons, course->playbook->reason)) continue;
        const Playbook& playbook = *course->playbook;
        const std::optional<Date> stop =
            playbook.stop_after ? std::optional<Date>(add(course->start, *playbook.stop_after)) : std::nullopt;
        const long long value =
            std::llround(static_cast<double>(client.monthly_revenue.value_or(0)) * playbook.return_rate);

        for (std::size_t i = 0; i < playbook.steps.size(); ++i) {
            const Step& step = playbook.steps[i];
            if (step.phase != course->phase || !matches(filter.to, step.to) || !matches(filter.via, step.via)) continue;
            const auto anchor = anchor_of(book, client, *course, step);
            if (!anchor) continue;
            const Calendars calendars = calendars_for(book.facility, step.to);
            for (const Occurrence& o : occurrences(step, {*anchor, stop}, lo, hi)) {
                // A date with no open day near it keeps its own date rather than vanish.
                const Date due = shift_date(o.nominal, book.facility.shift, calendars).value_or(o.nominal);
                if (due < options.today || due > options.until) continue;
                const Addressee to = addressee(book, client, step.to);
                Action a;
                a.action_id = fmt::format("{}/{}/{}", client.id, step.id, format_date(o.nominal));
                a.due = due;
                a.nominal = o.nominal;
                a.client_id = client.id;
                a.client = client.name;
                a.kana = client.kana;
                a.reason = playbook.reason;
                a.step = step.id;
                a.step_index = i;
                a.to = step.to;
                a.via = step.via;
                a.contact = to.name;
                a.phone = to.phone;
                a.task = expand_task({book, client, step, course->start, std::max(due, options.today), options.lang});
                a.owner = client.owner;
                a.value = value;
                if (playbook.reason == "conflict") a.suggestion = free_days_text(book, client, options.lang);
                plan.actions.push_back(std::move(a));
            }
        }
    }
    std::sort(plan.actions.begin(), plan.actions.end(), action_before);
    return plan;
}

}  // namespace winback
