#include "winback/course.hpp"

#include <algorithm>

namespace winback {

namespace {

// A std::string compared with a word: g++ 12's operator== with a string literal always calls
// memcmp; a string_view compares the sizes first. These run for every client and entry.
bool is(std::string_view text, std::string_view word) {
    return text == word;
}

// A return ends the lapse it belongs to, so a later lapse starts afresh; a refusal and a death
// are for good.
std::optional<Date> ended_at(std::span<const Entry* const> entries, std::optional<Date> lapse) {
    for (const Entry* e : entries) {
        if (!is_stop_outcome(e->outcome)) continue;
        if (is(e->outcome, "returned") && lapse && e->date < *lapse) continue;
        return e->date;
    }
    return std::nullopt;
}

}  // namespace

bool may_contact(const Client& client) {
    if (client.do_not_contact || is(client.reason, "deceased")) return false;
    if (client.status == Status::lapsed) return true;
    return client.status == Status::active && client.at_risk && !is(client.at_risk->reason, "deceased");
}

std::optional<Course> course_of(const Book& book, const Client& client, std::span<const Entry* const> entries) {
    if (!may_contact(client)) return std::nullopt;
    Course course;
    if (client.status == Status::lapsed && client.lapse_date) {
        course.phase = Phase::lapsed;
        course.start = *client.lapse_date;
        course.playbook = book.find_playbook(client.reason);
        // The latest reclassification within this lapse decides the playbook and its start.
        for (const Entry* e : entries) {
            if (e->reason.empty() || e->date < *client.lapse_date) continue;
            if (const Playbook* p = book.find_playbook(e->reason)) {
                course.playbook = p;
                course.start = e->date;
                course.reclassified = e;
            }
        }
        course.ended = ended_at(entries, client.lapse_date);
    } else if (client.status == Status::active && client.at_risk) {
        course.phase = Phase::at_risk;
        course.start = client.at_risk->since;
        course.playbook = book.find_playbook(client.at_risk->reason);
        course.ended = ended_at(entries, client.at_risk->since);
    }
    if (!course.playbook || is(course.playbook->reason, "deceased")) return std::nullopt;
    if (course.playbook->stop_after) course.stop = add(course.start, *course.playbook->stop_after);
    return course;
}

std::optional<Date> anchor_of(const Book& book, const Client& client, const Course& course, const Step& step,
                              std::span<const Entry* const> entries) {
    if (step.phase == Phase::at_risk || is(step.after, "lapse")) return course.start;
    if (is(step.after, "rule_reverted")) {
        const Rule* rule = book.find_rule(client.rule);
        if (rule && rule->reverted) return *rule->reverted;
        return std::nullopt;
    }
    // The latest logged event of that name since the lapse (or since the at-risk date).
    const Date since = client.lapse_date && course.phase == Phase::lapsed ? *client.lapse_date : course.start;
    std::optional<Date> found;
    for (const Entry* e : entries) {
        if (e->outcome == step.after && e->date >= since) found = e->date;
    }
    return found;
}

long lead_days(const Step& step, const StepSpan& span, const Occurrence& occurrence) {
    if (!step.every) return 0;
    const Date next = nominal_date(step, span.anchor, occurrence.index + 1);
    return std::min(7L, days_between(occurrence.nominal, next) / 2);
}

bool is_done(const Step& step, std::span<const Entry* const> entries, Date anchor, Date due,
             std::optional<Date> next_due, long lead) {
    for (const Entry* e : entries) {
        if (e->step != step.id) continue;
        if (step.at) {
            if (e->date >= anchor) return true;
            continue;
        }
        if (e->date >= add_days(due, -lead) && (!next_due || e->date < add_days(*next_due, -lead))) return true;
    }
    return false;
}

Date due_date(const Occurrence& occurrence, Shift shift, const Calendars& calendars) {
    return shift_date(occurrence.nominal, shift, calendars).value_or(occurrence.nominal);
}

bool occurrence_done(const Step& step, const StepSpan& span, std::span<const Entry* const> entries, Shift shift,
                     const Calendars& calendars, const Occurrence& occurrence, Date due) {
    const auto next = occurrence_at(step, span, occurrence.index + 1);
    const std::optional<Date> next_due = next ? std::optional<Date>(due_date(*next, shift, calendars)) : std::nullopt;
    return is_done(step, entries, span.anchor, due, next_due, lead_days(step, span, occurrence));
}

std::optional<Date> done_window_end(const Step& step, const StepSpan& span, Shift shift, const Calendars& calendars,
                                    const Occurrence& occurrence) {
    if (!step.every) return std::nullopt;
    const auto next = occurrence_at(step, span, occurrence.index + 1);
    if (!next) return std::nullopt;
    return add_days(due_date(*next, shift, calendars), -lead_days(step, span, occurrence));
}

std::vector<DueOccurrence> due_occurrences(const Book& book, const Client& client, const Course& course,
                                           std::span<const Entry* const> entries, std::optional<Date> from, Date end) {
    std::vector<DueOccurrence> out;
    for (const Step& step : course.playbook->steps) {
        if (step.phase != course.phase) continue;
        const auto anchor = anchor_of(book, client, course, step, entries);
        if (!anchor) continue;
        const StepSpan span{*anchor, course.stop};
        const Calendars calendars = calendars_for(book.facility, step.to);
        // A nominal date up to max_shift_days outside [from, end) may be shifted into it.
        const Date lo = from ? std::max(*anchor, add_days(*from, -max_shift_days)) : *anchor;
        for (const Occurrence& o : occurrences(step, span, lo, add_days(end, max_shift_days))) {
            const Date due = due_date(o, book.facility.shift, calendars);
            if ((from && due < *from) || due >= end) continue;
            out.push_back({&step, o, due, occurrence_done(step, span, entries, book.facility.shift, calendars, o, due)});
        }
    }
    return out;
}

}  // namespace winback
