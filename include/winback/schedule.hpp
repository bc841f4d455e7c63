#pragma once
// The nominal dates of a step's occurrences: before any closed-day shift.

#include <optional>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"

namespace winback {

struct Occurrence {
    long index = 0;  // k: 0 for the first occurrence (and for a one-off step)
    Date nominal;
};

// Where one client's run of a step starts and ends.
struct StepSpan {
    Date anchor;               // lapse, at_risk.since, or the date of the step's `after` event
    std::optional<Date> stop;  // last date anything may be due (the playbook's stop_after), inclusive
};

// The date of occurrence k: anchor + at, or anchor + from + k x every.
Date nominal_date(const Step& step, Date anchor, long k);

// Occurrence k, if the step has one (times, until and the stop date allow it).
std::optional<Occurrence> occurrence_at(const Step& step, const StepSpan& span, long k);

// Occurrences whose nominal date lies in [lo, hi], honouring at, every, from, until, times and the
// stop date. Cost is proportional to the occurrences returned, not to the time since the anchor.
std::vector<Occurrence> occurrences(const Step& step, const StepSpan& span, Date lo, Date hi);

// The last occurrence whose nominal date is before `before`, if any.
std::optional<Occurrence> last_occurrence_before(const Step& step, const StepSpan& span, Date before);

}  // namespace winback
