#pragma once
// What a client's log and files say about their follow-up: which playbook applies from when,
// when it ended, when each step's anchor happened, and which occurrences were done.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/calendar.hpp"
#include "winback/log_index.hpp"
#include "winback/model.hpp"
#include "winback/schedule.hpp"

namespace winback {

// The playbook a client follows now, and the dates that bound it.
struct Course {
    const Playbook* playbook = nullptr;
    Phase phase = Phase::lapsed;
    Date start;                 // lapse date, reclassification date, or at_risk.since
    std::optional<Date> stop;   // start + stop_after: nothing is due after it
    std::optional<Date> ended;  // a returned/declined/deceased outcome: nothing from that date on
    const Entry* reclassified = nullptr;  // the entry that moved the client to this playbook
};

// Does the client get any action at all? The absolute stops of PRODUCT.md that the client file
// alone decides; the log's stop outcomes are applied by course_of.
bool may_contact(const Client& client);

// Nothing when the client gets no actions at all (the absolute stops of PRODUCT.md, except a
// stop outcome in the future, which only ends the course from its date).
std::optional<Course> course_of(const Book& book, const Client& client, std::span<const Entry* const> entries);

// The date a step's anchor happened for this client, if it has.
std::optional<Date> anchor_of(const Book& book, const Client& client, const Course& course, const Step& step,
                              std::span<const Entry* const> entries);

// Days before a due date from which a log entry counts for a recurring occurrence:
// 7 days or half the interval to the next occurrence, whichever is smaller.
long lead_days(const Step& step, const StepSpan& span, const Occurrence& occurrence);

// Is this occurrence done? `due` and `next_due` are the shifted due dates of this occurrence and
// of the next one (none for the last); `anchor` is the step's anchor.
bool is_done(const Step& step, std::span<const Entry* const> entries, Date anchor, Date due,
             std::optional<Date> next_due, long lead);

// An occurrence's due date: its nominal date shifted off closed days. A date with no open day
// near it keeps its own date rather than vanish.
Date due_date(const Occurrence& occurrence, Shift shift, const Calendars& calendars);

// is_done for an occurrence due on `due`, against the due date of the next one. Shared by the
// plan and `show`, so that both agree on what was missed.
bool occurrence_done(const Step& step, const StepSpan& span, std::span<const Entry* const> entries, Shift shift,
                     const Calendars& calendars, const Occurrence& occurrence, Date due);

// The first day a log entry no longer counts for this occurrence of a recurring step (the next
// occurrence's due date less the lead); none for a one-off step or the last occurrence.
std::optional<Date> done_window_end(const Step& step, const StepSpan& span, Shift shift, const Calendars& calendars,
                                    const Occurrence& occurrence);

// An occurrence of one of a course's steps, its due date, and whether the log shows it done.
struct DueOccurrence {
    const Step* step = nullptr;
    Occurrence occurrence;
    Date due;
    bool done = false;
};

// The occurrences of the course's steps (those of its phase whose anchor has happened) due from
// `from` (none: since the anchor) and before `end`, step by step in date order. `show` lists the
// ones not done as missed; `report` counts them.
std::vector<DueOccurrence> due_occurrences(const Book& book, const Client& client, const Course& course,
                                           std::span<const Entry* const> entries, std::optional<Date> from, Date end);

}  // namespace winback
