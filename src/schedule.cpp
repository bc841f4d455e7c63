#include "winback/schedule.hpp"

#include <algorithm>

namespace winback {

namespace {

Duration first_offset(const Step& step) {
    return step.from.value_or(*step.every);
}

// The last nominal date a step may have: the earliest of until and the playbook's stop.
std::optional<Date> last_date(const Step& step, const StepSpan& span) {
    std::optional<Date> last = span.stop;
    if (step.every && step.until) {
        const Date until = add(span.anchor, *step.until);
        if (!last || until < *last) last = until;
    }
    return last;
}

bool allowed(const Step& step, const StepSpan& span, const Occurrence& o) {
    if (step.times && o.index >= *step.times) return false;
    const auto last = last_date(step, span);
    return !last || o.nominal <= *last;
}

// A k whose date is not after `date`, and close below the first k that reaches it: the
// estimate uses the longest possible interval so it never overshoots.
long k_not_after(const Step& step, Date anchor, Date date) {
    const Date first = nominal_date(step, anchor, 0);
    if (date <= first) return 0;
    const Duration every = *step.every;
    const long longest = every.calendar() ? every.months() * 31 : every.days();
    return std::max(0L, days_between(first, date) / longest - 1);
}

}  // namespace

Date nominal_date(const Step& step, Date anchor, long k) {
    if (step.at) return add(anchor, *step.at);
    return add(anchor, first_offset(step), *step.every, k);
}

std::optional<Occurrence> occurrence_at(const Step& step, const StepSpan& span, long k) {
    if (k < 0 || (step.at && k > 0) || (!step.at && !step.every)) return std::nullopt;
    const Occurrence o{k, nominal_date(step, span.anchor, k)};
    if (!allowed(step, span, o)) return std::nullopt;
    return o;
}

std::vector<Occurrence> occurrences(const Step& step, const StepSpan& span, Date lo, Date hi) {
    std::vector<Occurrence> out;
    if (step.at) {
        const Occurrence o{0, nominal_date(step, span.anchor, 0)};
        if (lo <= o.nominal && o.nominal <= hi && allowed(step, span, o)) out.push_back(o);
        return out;
    }
    if (!step.every) return out;
    for (long k = k_not_after(step, span.anchor, lo);; ++k) {
        const Occurrence o{k, nominal_date(step, span.anchor, k)};
        if (o.nominal > hi || !allowed(step, span, o)) break;
        if (o.nominal >= lo) out.push_back(o);
    }
    return out;
}

std::optional<Occurrence> last_occurrence_before(const Step& step, const StepSpan& span, Date before) {
    std::optional<Occurrence> found;
    if (step.at) {
        const Occurrence o{0, nominal_date(step, span.anchor, 0)};
        if (o.nominal < before && allowed(step, span, o)) found = o;
        return found;
    }
    if (!step.every) return found;
    long k = k_not_after(step, span.anchor, before);
    // times, until and the stop date may end the step before the estimate: the occurrences that
    // exist are 0..K, so search for K when k is past it.
    if (!allowed(step, span, {k, nominal_date(step, span.anchor, k)})) {
        long lo = 0, hi = k;  // allowed(lo) unknown yet, allowed(hi) false
        if (!allowed(step, span, {0, nominal_date(step, span.anchor, 0)})) return found;
        while (hi - lo > 1) {
            const long mid = lo + (hi - lo) / 2;
            (allowed(step, span, {mid, nominal_date(step, span.anchor, mid)}) ? lo : hi) = mid;
        }
        k = lo;
    }
    for (;; ++k) {
        const Occurrence o{k, nominal_date(step, span.anchor, k)};
        if (o.nominal >= before || !allowed(step, span, o)) break;
        found = o;
    }
    return found;
}

}  // namespace winback
