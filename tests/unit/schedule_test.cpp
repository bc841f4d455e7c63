#include "winback/schedule.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

using namespace std::chrono;
using winback::Date;
using winback::Duration;
using winback::Occurrence;
using winback::Step;
using winback::StepSpan;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Duration dur(const char* text) {
    const auto d = winback::parse_duration(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Step one_off(const char* at) {
    Step s;
    s.id = "once";
    s.at = dur(at);
    return s;
}

Step recurring(const char* every, const char* from = nullptr) {
    Step s;
    s.id = "again";
    s.every = dur(every);
    if (from) s.from = dur(from);
    return s;
}

// "k:YYYY-MM-DD k:YYYY-MM-DD ..." for readable comparisons.
std::string show(const std::vector<Occurrence>& list) {
    std::string out;
    for (const Occurrence& o : list) out += fmt::format("{}{}:{}", out.empty() ? "" : " ", o.index, winback::format_date(o.nominal));
    return out;
}

std::string show(const std::optional<Occurrence>& o) {
    return o ? fmt::format("{}:{}", o->index, winback::format_date(o->nominal)) : "none";
}

// The reference: every occurrence from k = 0, one by one, with the rules of PRODUCT.md.
std::vector<Occurrence> brute_force(const Step& step, const StepSpan& span, Date hi) {
    std::vector<Occurrence> out;
    std::optional<Date> last = span.stop;
    if (step.every && step.until) {
        const Date until = winback::add(span.anchor, *step.until);
        if (!last || until < *last) last = until;
    }
    for (long k = 0;; ++k) {
        if (step.at && k > 0) break;
        if (step.times && k >= *step.times) break;
        const Date nominal = winback::nominal_date(step, span.anchor, k);
        if (nominal > hi || (last && nominal > *last)) break;
        out.push_back({k, nominal});
    }
    return out;
}

}  // namespace

TEST_CASE("nominal_date") {
    SUBCASE("one-off: anchor + at") {
        CHECK(winback::nominal_date(one_off("0d"), date("2026-09-14"), 0) == date("2026-09-14"));
        CHECK(winback::nominal_date(one_off("2w"), date("2026-09-14"), 0) == date("2026-09-28"));
    }
    SUBCASE("recurring: anchor + from + k x every, from defaulting to every") {
        CHECK(winback::nominal_date(recurring("1m"), date("2026-01-31"), 0) == date("2026-02-28"));
        CHECK(winback::nominal_date(recurring("1m"), date("2026-01-31"), 1) == date("2026-03-31"));
        CHECK(winback::nominal_date(recurring("1m"), date("2026-01-31"), 2) == date("2026-04-30"));
        CHECK(winback::nominal_date(recurring("1m", "0d"), date("2026-01-31"), 0) == date("2026-01-31"));
        CHECK(winback::nominal_date(recurring("6m", "4m"), date("2026-01-31"), 1) == date("2026-11-30"));
    }
}

TEST_CASE("occurrences") {
    const Date anchor = date("2026-01-31");
    SUBCASE("a one-off step inside and outside the window, bounds inclusive") {
        const Step s = one_off("3d");  // 2026-02-03
        CHECK(show(occurrences(s, {anchor, {}}, date("2026-02-01"), date("2026-02-28"))) == "0:2026-02-03");
        CHECK(show(occurrences(s, {anchor, {}}, date("2026-02-03"), date("2026-02-03"))) == "0:2026-02-03");
        CHECK(occurrences(s, {anchor, {}}, date("2026-02-04"), date("2026-02-28")).empty());
        CHECK(occurrences(s, {anchor, {}}, date("2026-01-01"), date("2026-02-02")).empty());
    }
    SUBCASE("a one-off step after the stop date is not scheduled; on it, it is") {
        CHECK(occurrences(one_off("3d"), {anchor, date("2026-02-02")}, date("2026-01-01"), date("2026-12-31")).empty());
        CHECK(show(occurrences(one_off("3d"), {anchor, date("2026-02-03")}, date("2026-01-01"), date("2026-12-31"))) ==
              "0:2026-02-03");
    }
    SUBCASE("recurring, from defaults to every: the Jan 31 cadence") {
        CHECK(show(occurrences(recurring("1m"), {anchor, {}}, date("2026-01-01"), date("2026-05-31"))) ==
              "0:2026-02-28 1:2026-03-31 2:2026-04-30 3:2026-05-31");
    }
    SUBCASE("recurring with from") {
        CHECK(show(occurrences(recurring("1m", "0d"), {anchor, {}}, date("2026-01-01"), date("2026-03-31"))) ==
              "0:2026-01-31 1:2026-02-28 2:2026-03-31");
        CHECK(show(occurrences(recurring("2m", "6w"), {date("2026-09-14"), {}}, date("2026-01-01"),
                               date("2027-03-01"))) ==
              "0:2026-10-26 1:2026-12-26 2:2027-02-26");
    }
    SUBCASE("a window far from the anchor gives the right indexes") {
        CHECK(show(occurrences(recurring("1m"), {anchor, {}}, date("2036-02-01"), date("2036-04-30"))) ==
              "120:2036-02-29 121:2036-03-31 122:2036-04-30");
        CHECK(show(occurrences(recurring("1w"), {date("2026-09-14"), {}}, date("2046-09-10"), date("2046-09-20"))) ==
              "1042:2046-09-10 1043:2046-09-17");
    }
    SUBCASE("until: inclusive, counted from the anchor") {
        Step s = recurring("1m");
        s.until = dur("3m");  // anchor + 3m = 2026-04-30
        CHECK(show(occurrences(s, {anchor, {}}, date("2026-01-01"), date("2026-12-31"))) ==
              "0:2026-02-28 1:2026-03-31 2:2026-04-30");
    }
    SUBCASE("times") {
        Step s = recurring("1m");
        s.times = 2;
        CHECK(show(occurrences(s, {anchor, {}}, date("2026-01-01"), date("2026-12-31"))) ==
              "0:2026-02-28 1:2026-03-31");
        CHECK(occurrences(s, {anchor, {}}, date("2026-04-01"), date("2026-12-31")).empty());
        CHECK(show(occurrences(s, {anchor, {}}, date("2026-03-01"), date("2026-12-31"))) == "1:2026-03-31");
    }
    SUBCASE("the stop date (the playbook's stop_after), inclusive") {
        const Step s = recurring("2m");
        const StepSpan span{anchor, winback::add(anchor, dur("6m"))};  // 2026-07-31
        CHECK(show(occurrences(s, span, date("2026-01-01"), date("2027-12-31"))) ==
              "0:2026-03-31 1:2026-05-31 2:2026-07-31");
    }
    SUBCASE("the earlier of until and the stop date wins") {
        Step s = recurring("1m");
        s.until = dur("2m");
        CHECK(show(occurrences(s, {anchor, date("2026-12-31")}, date("2026-01-01"), date("2027-12-31"))) ==
              "0:2026-02-28 1:2026-03-31");
        s.until = dur("2y");
        CHECK(show(occurrences(s, {anchor, date("2026-04-29")}, date("2026-01-01"), date("2027-12-31"))) ==
              "0:2026-02-28 1:2026-03-31");
    }
    SUBCASE("an empty window or one before the anchor") {
        CHECK(occurrences(recurring("1d"), {anchor, {}}, date("2026-03-01"), date("2026-02-28")).empty());
        CHECK(occurrences(recurring("1d"), {anchor, {}}, date("2025-01-01"), date("2026-01-31")).empty());
    }
}

TEST_CASE("occurrences and last_occurrence_before agree with brute force") {
    struct Cadence {
        const char* every;
        const char* from;
        const char* until;
        long times;
        const char* stop;  // after the anchor
    };
    const std::vector<Cadence> cadences = {
        {"1d", nullptr, nullptr, 0, nullptr},  {"3d", nullptr, nullptr, 0, nullptr},
        {"1w", nullptr, nullptr, 0, nullptr},  {"2w", "0d", nullptr, 0, nullptr},
        {"1m", nullptr, nullptr, 0, nullptr},  {"1m", "0d", nullptr, 0, nullptr},
        {"2m", nullptr, nullptr, 0, nullptr},  {"3m", nullptr, nullptr, 0, "24m"},
        {"6m", "4m", nullptr, 0, nullptr},     {"1y", nullptr, nullptr, 0, nullptr},
        {"1m", "3d", nullptr, 0, nullptr},     {"2m", "6w", nullptr, 0, "12m"},
        {"2w", "1m", nullptr, 0, nullptr},     {"1m", "2w", nullptr, 2, nullptr},
        {"1m", nullptr, "5m", 0, nullptr},     {"1w", nullptr, "1y", 0, "6m"},
        {"5w", "1y", nullptr, 7, nullptr},     {"1y", "1m", nullptr, 0, "100y"},
    };
    std::vector<Date> anchors;
    for (sys_days d = sys_days{ymd(2024, 1, 20)}; d <= sys_days{ymd(2024, 3, 5)}; d += days{1}) anchors.push_back(Date{d});
    for (sys_days d = sys_days{ymd(2028, 1, 20)}; d <= sys_days{ymd(2028, 3, 5)}; d += days{1}) anchors.push_back(Date{d});
    for (sys_days d = sys_days{ymd(2025, 12, 25)}; d <= sys_days{ymd(2026, 1, 5)}; d += days{1}) anchors.push_back(Date{d});
    for (int y = 2023; y <= 2029; ++y) {
        for (unsigned m = 1; m <= 12; ++m) {
            const Date last{year{y} / month{m} / std::chrono::last};
            anchors.push_back(last);
            anchors.push_back(winback::add_days(last, -1));
            anchors.push_back(winback::add_days(last, -2));
        }
    }
    const long offsets[] = {-40, -1, 0, 1, 27, 28, 29, 30, 31, 58, 59, 60, 61, 89, 92, 180, 365, 366, 730, 1000, 1461, 3001};
    const long widths[] = {0, 1, 6, 27, 30, 31, 61, 400};

    long checked = 0;
    std::string first_mismatch;
    for (const Cadence& c : cadences) {
        Step step = recurring(c.every, c.from);
        if (c.until) step.until = dur(c.until);
        if (c.times > 0) step.times = c.times;
        for (const Date anchor : anchors) {
            const StepSpan span{anchor, c.stop ? std::optional<Date>(winback::add(anchor, dur(c.stop))) : std::nullopt};
            const auto all = brute_force(step, span, winback::add_days(anchor, 3001 + 400 + 1));
            for (const long offset : offsets) {
                for (const long width : widths) {
                    const Date lo = winback::add_days(anchor, offset);
                    const Date hi = winback::add_days(lo, width);
                    std::vector<Occurrence> expected;
                    std::optional<Occurrence> expected_last;
                    for (const Occurrence& o : all) {
                        if (lo <= o.nominal && o.nominal <= hi) expected.push_back(o);
                        if (o.nominal < lo) expected_last = o;
                    }
                    const auto got = winback::occurrences(step, span, lo, hi);
                    const auto got_last = winback::last_occurrence_before(step, span, lo);
                    ++checked;
                    if (first_mismatch.empty() && (show(got) != show(expected) || show(got_last) != show(expected_last))) {
                        first_mismatch = fmt::format(
                            "every {} from {} until {} times {} stop {} anchor {} window {}..{}: got [{}] last {}, "
                            "expected [{}] last {}",
                            c.every, c.from ? c.from : "-", c.until ? c.until : "-", c.times, c.stop ? c.stop : "-",
                            winback::format_date(anchor), winback::format_date(lo), winback::format_date(hi), show(got),
                            show(got_last), show(expected), show(expected_last));
                    }
                }
            }
        }
    }
    CHECK(checked > 100000);
    CHECK_MESSAGE(first_mismatch.empty(), first_mismatch);
}

TEST_CASE("last_occurrence_before") {
    const Date anchor = date("2026-01-31");
    SUBCASE("nothing before the first occurrence") {
        CHECK_FALSE(last_occurrence_before(recurring("1m"), {anchor, {}}, date("2026-02-28")));
        CHECK_FALSE(last_occurrence_before(one_off("3d"), {anchor, {}}, date("2026-02-03")));
    }
    SUBCASE("strictly before") {
        CHECK(show(last_occurrence_before(recurring("1m"), {anchor, {}}, date("2026-03-31"))) == "0:2026-02-28");
        CHECK(show(last_occurrence_before(recurring("1m"), {anchor, {}}, date("2026-04-01"))) == "1:2026-03-31");
        CHECK(show(last_occurrence_before(one_off("3d"), {anchor, {}}, date("2026-02-04"))) == "0:2026-02-03");
    }
    SUBCASE("far from the anchor") {
        CHECK(show(last_occurrence_before(recurring("1m"), {anchor, {}}, date("2036-03-01"))) == "120:2036-02-29");
    }
    SUBCASE("the last one allowed by times, until or the stop date") {
        Step s = recurring("1m");
        s.times = 3;
        CHECK(show(last_occurrence_before(s, {anchor, {}}, date("2030-01-01"))) == "2:2026-04-30");
        s.times.reset();
        s.until = dur("4m");
        CHECK(show(last_occurrence_before(s, {anchor, {}}, date("2030-01-01"))) == "3:2026-05-31");
        s.until.reset();
        CHECK(show(last_occurrence_before(s, {anchor, date("2026-06-29")}, date("2030-01-01"))) == "3:2026-05-31");
        CHECK_FALSE(last_occurrence_before(one_off("3d"), {anchor, date("2026-02-01")}, date("2030-01-01")));
    }
}
