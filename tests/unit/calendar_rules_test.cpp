// The calendar's rules end to end: shifting over holidays and closures, the care managers'
// offices, month-end cadences, the 31-day check, and `winback calendar`'s list of closed days.

#include "winback/calendar.hpp"

#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/load.hpp"
#include "winback/plan.hpp"

using winback::Book;
using winback::CalendarId;
using winback::Calendars;
using winback::ClosedDay;
using winback::ClosedKind;
using winback::Date;
using winback::Diagnostics;
using winback::Facility;
using winback::Recipient;
using winback::Shift;

namespace {

Date day(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

// facility.toml text -> Facility, with every diagnostic of loading and of validate_calendar.
Facility facility(std::string_view text, Diagnostics& diagnostics) {
    auto file = winback::load_facility(text, "facility.toml", diagnostics);
    REQUIRE(file.parsed);
    winback::validate_calendar(file.facility, "facility.toml", diagnostics);
    return file.facility;
}

Facility facility(std::string_view text) {
    Diagnostics diagnostics;
    Facility f = facility(text, diagnostics);
    for (const auto& d : diagnostics.items()) FAIL_CHECK(winback::format_diagnostic(d));
    return f;
}

// One line per diagnostic, so that a failed CHECK shows them.
std::string messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.sorted()) out += winback::format_diagnostic(d) + "\n";
    return out;
}

std::string lines(const std::vector<std::string>& rows) {
    std::string out;
    for (const std::string& r : rows) out += r + "\n";
    return out;
}

std::string shifted(const char* nominal, Shift shift, const Calendars& calendars) {
    const auto d = winback::shift_date(day(nominal), shift, calendars);
    return d ? winback::format_date(*d) : "none";
}

// The example book's calendar (examples/dayservice/facility.toml).
constexpr std::string_view dayservice = R"(
[facility]
name = "はつねデイサービス"
closed_weekdays = ["sun"]
holidays = "jp"
closed = [2026-08-15, { from = 2026-12-29, to = 2027-01-03 }]
shift = "next"

[care_manager_office]
closed_weekdays = ["sat", "sun"]
holidays = "jp"
closed = [{ from = 2026-12-30, to = 2027-01-03 }]
)";

// One [[playbook.step]] of a call; timing is `at = "0d"` or `every = "1m"`.
std::string step(const std::string& id, const std::string& timing, const std::string& to) {
    return "  [[playbook.step]]\n  id = \"" + id + "\"\n  " + timing + "\n  to = \"" + to +
           "\"\n  via = \"call\"\n  task = \"call\"\n";
}

// A book of one playbook, "test", whose steps are given, and clients lapsed on the given days.
Book book(std::string_view steps, const std::vector<std::string>& lapses, std::string_view facility_text = dayservice) {
    std::string clients = "[[care_manager]]\nid = \"CM-01\"\nname = \"佐藤 恵子\"\nphone = \"03-1234-5678\"\n";
    for (std::size_t i = 0; i < lapses.size(); ++i) {
        clients += "\n[[client]]\nid = \"C-" + std::to_string(i + 1) + "\"\nname = \"Client " + std::to_string(i + 1) +
                   "\"\nstatus = \"lapsed\"\nlapse_date = " + lapses[i] +
                   "\nreason = \"test\"\ncare_manager = \"CM-01\"\n"
                   "  [[client.contact]]\n  role = \"family\"\n  name = \"Family\"\n  phone = \"090-0000-0000\"\n";
    }
    const std::string playbooks = "[[playbook]]\nreason = \"test\"\ntitle = \"test\"\nreturn_rate = 0.5\n" + std::string(steps);
    winback::BookSources sources;
    sources.clients = {"clients.toml", clients};
    sources.playbooks = {"playbooks.toml", playbooks};
    sources.facility = {"facility.toml", std::string(facility_text)};
    Diagnostics diagnostics;
    Book out = winback::load_book(sources, winback::Lang::en, diagnostics);
    for (const auto& d : diagnostics.items()) FAIL_CHECK(winback::format_diagnostic(d));
    return out;
}

// "DUE NOMINAL CLIENT STEP" per action of the plan for the window.
std::vector<std::string> planned(const Book& b, const char* today, const char* until) {
    winback::PlanOptions options;
    options.today = day(today);
    options.until = day(until);
    std::vector<std::string> out;
    for (const auto& a : winback::make_plan(b, options).actions) {
        out.push_back(winback::format_date(a.due) + " " + winback::format_date(a.nominal) + " " + std::string(a.client_id) + " " + std::string(a.step));
    }
    return out;
}

std::string row(const ClosedDay& d) {
    return winback::format_date(d.date) + " " + std::string(winback::to_string(d.calendar)) + " " +
           std::string(winback::to_string(d.kind)) + " " + d.name + " / " + d.name_en;
}

}  // namespace

TEST_CASE("shifting over Sundays, national holidays and the year-end closure") {
    const Facility f = facility(dayservice);
    const Calendars alone = winback::calendars_for(f, Recipient::family);
    SUBCASE("a Sunday followed by a holiday: 2026-11-22 (Sun) and 11-23 (勤労感謝の日) move to 11-24") {
        CHECK(shifted("2026-11-22", Shift::next, alone) == "2026-11-24");
        CHECK(shifted("2026-11-23", Shift::next, alone) == "2026-11-24");
        CHECK(shifted("2026-11-24", Shift::next, alone) == "2026-11-24");
    }
    SUBCASE("Golden Week 2026: Sun 05-03 and the holidays to the 振替休日 on Wed 05-06") {
        CHECK(shifted("2026-05-03", Shift::next, alone) == "2026-05-07");
        CHECK(shifted("2026-05-06", Shift::next, alone) == "2026-05-07");
        CHECK(shifted("2026-05-06", Shift::previous, alone) == "2026-05-02");  // Saturday is open
    }
    SUBCASE("previous over a holiday and the Sunday before it") {
        CHECK(shifted("2026-11-23", Shift::previous, alone) == "2026-11-21");
        CHECK(shifted("2026-09-22", Shift::previous, alone) == "2026-09-19");  // 国民の休日, 敬老の日, Sunday
        CHECK(shifted("2026-09-23", Shift::next, alone) == "2026-09-24");      // 秋分の日
    }
    SUBCASE("the year-end closure 12-29 to 01-03, with 元日 inside it") {
        CHECK(shifted("2026-12-29", Shift::next, alone) == "2027-01-04");
        CHECK(shifted("2027-01-01", Shift::next, alone) == "2027-01-04");
        CHECK(shifted("2027-01-03", Shift::previous, alone) == "2026-12-28");
        CHECK(shifted("2026-12-28", Shift::previous, alone) == "2026-12-28");
        CHECK(shifted("2027-01-01", Shift::none, alone) == "2027-01-01");
    }
    SUBCASE("steps to a care manager: open for the facility and the offices") {
        const Calendars both = winback::calendars_for(f, Recipient::care_manager);
        CHECK(shifted("2026-11-21", Shift::next, alone) == "2026-11-21");  // Saturday: the facility is open
        CHECK(shifted("2026-11-21", Shift::next, both) == "2026-11-24");   // the offices are not, then Sun, holiday
        CHECK(shifted("2026-11-21", Shift::previous, both) == "2026-11-20");
        CHECK(shifted("2026-12-26", Shift::next, both) == "2026-12-28");   // Sat, Sun
        CHECK(shifted("2026-12-29", Shift::next, both) == "2027-01-04");
        CHECK(shifted("2027-01-02", Shift::previous, both) == "2026-12-28");
    }
}

TEST_CASE("the care managers' offices move care-manager steps only") {
    // Lapsed on Saturday 2026-11-21: the facility is open, the offices are not.
    const std::string ask_cm = step("ask-cm", "at = \"0d\"", "care_manager");
    const Book b = book(ask_cm + step("call-family", "at = \"0d\"", "family"), {"2026-11-21"});
    CHECK(lines(planned(b, "2026-11-21", "2026-11-30")) ==
          lines({"2026-11-21 2026-11-21 C-1 call-family", "2026-11-24 2026-11-21 C-1 ask-cm"}));
    SUBCASE("without [care_manager_office] care managers follow the facility") {
        const Book same = book(ask_cm, {"2026-11-21"}, "[facility]\nclosed_weekdays = [\"sun\"]\nholidays = \"jp\"\n");
        CHECK(lines(planned(same, "2026-11-21", "2026-11-30")) == lines({"2026-11-21 2026-11-21 C-1 ask-cm"}));
    }
}

TEST_CASE("a month-end cadence that lands on closed days") {
    const std::string monthly = step("family-monthly", "every = \"1m\"", "family");
    SUBCASE("anchored on Jan 31: clamped to month ends, shifted off Sundays and the closure") {
        const Book b = book(monthly, {"2026-01-31"});
        CHECK(lines(planned(b, "2026-02-01", "2027-03-01")) == lines({
            "2026-02-28 2026-02-28 C-1 family-monthly",  // Sat: open
            "2026-03-31 2026-03-31 C-1 family-monthly",
            "2026-04-30 2026-04-30 C-1 family-monthly",
            "2026-06-01 2026-05-31 C-1 family-monthly",  // Sun
            "2026-06-30 2026-06-30 C-1 family-monthly",
            "2026-07-31 2026-07-31 C-1 family-monthly",
            "2026-08-31 2026-08-31 C-1 family-monthly",
            "2026-09-30 2026-09-30 C-1 family-monthly",
            "2026-10-31 2026-10-31 C-1 family-monthly",
            "2026-11-30 2026-11-30 C-1 family-monthly",
            "2027-01-04 2026-12-31 C-1 family-monthly",  // closure
            "2027-02-01 2027-01-31 C-1 family-monthly",  // Sun
            "2027-03-01 2027-02-28 C-1 family-monthly",  // Sun; never drifts
        }));
    }
    SUBCASE("anchored on Jan 29: 04-29 is 昭和の日, and the cadence keeps the 29th") {
        const Book b = book(monthly, {"2026-01-29"});
        CHECK(lines(planned(b, "2026-02-01", "2026-06-30")) == lines({
            "2026-02-28 2026-02-28 C-1 family-monthly",
            "2026-03-30 2026-03-29 C-1 family-monthly",  // Sun
            "2026-04-30 2026-04-29 C-1 family-monthly",  // 昭和の日
            "2026-05-29 2026-05-29 C-1 family-monthly",
            "2026-06-29 2026-06-29 C-1 family-monthly",
        }));
    }
    SUBCASE("shift = \"previous\" moves a month end back") {
        std::string text(dayservice);
        text.replace(text.find("shift = \"next\""), 14, "shift = \"previous\"");
        const Book b = book(monthly, {"2026-01-31"}, text);
        const auto rows = planned(b, "2026-02-01", "2027-01-31");
        REQUIRE(rows.size() == 12);
        CHECK(rows[0] == "2026-02-28 2026-02-28 C-1 family-monthly");
        CHECK(rows[3] == "2026-05-30 2026-05-31 C-1 family-monthly");
        CHECK(rows[10] == "2026-12-28 2026-12-31 C-1 family-monthly");
        CHECK(rows[11] == "2027-01-30 2027-01-31 C-1 family-monthly");
    }
}

// Overdue counting itself (done, missed, the latest occurrence only) is issue 3's; this pins only
// what the calendar adds: days late are calendar days from the shifted due date, not the nominal.
TEST_CASE("overdue days count from the shifted due date") {
    const Book b = book(step("call-family", "at = \"0d\"", "family"), {"2026-05-31"});
    winback::PlanOptions options;
    options.today = day("2026-06-03");
    options.until = options.today;
    const auto plan = winback::make_plan(b, options);
    REQUIRE(plan.actions.size() == 1);
    CHECK(plan.actions[0].due == day("2026-06-01"));
    CHECK(plan.actions[0].overdue_days == 2);
}

TEST_CASE("validate_calendar: no open day within 31 days") {
    SUBCASE("a closed range of 40 days") {
        Diagnostics d;
        facility("[facility]\nclosed = [2026-01-05, { from = 2026-06-01, to = 2026-07-10 }]\n", d);
        CHECK(messages(d) == "facility.toml:2:23: error: [facility]: the facility is closed 40 days in a row, "
                             "2026-06-01 to 2026-07-10, with this closure: a due date there finds no open day "
                             "within 31 days to move to\n");
    }
    SUBCASE("31 days is still fine, 32 is not") {
        Diagnostics fine;
        facility("[facility]\nclosed = [{ from = 2026-06-02, to = 2026-07-02 }]\n", fine);
        CHECK(messages(fine).empty());
        Diagnostics d;
        facility("[facility]\nclosed = [{ from = 2026-06-02, to = 2026-07-03 }]\n", d);
        CHECK(d.error_count() == 1);
    }
    SUBCASE("a shorter closure that Sundays and Golden Week make longer") {
        // 04-06..05-02 is 27 days; with Sunday 04-05 and the holidays to 05-06 it is 32.
        const std::string head = "[facility]\nclosed_weekdays = [\"sun\"]\nholidays = \"jp\"\n";
        Diagnostics d;
        facility(head + "closed = [{ from = 2026-04-06, to = 2026-05-02 }]\n", d);
        CHECK(messages(d) == "facility.toml:4:11: error: [facility]: the facility is closed 32 days in a row, "
                             "2026-04-05 to 2026-05-06, with this closure: a due date there finds no open day "
                             "within 31 days to move to\n");
        Diagnostics fine;
        facility(head + "closed = [{ from = 2026-04-07, to = 2026-05-02 }]\n", fine);
        CHECK(messages(fine).empty());
    }
    SUBCASE("ranges that touch count as one run, reported once at the first") {
        Diagnostics d;
        facility("[facility]\nclosed = [{ from = 2026-06-21, to = 2026-07-10 }, { from = 2026-06-01, to = 2026-06-20 }]",
                 d);
        REQUIRE(d.error_count() == 1);
        CHECK(d.items()[0].where.column == 51);  // the second { from, to }
        CHECK(d.items()[0].message.find("40 days in a row, 2026-06-01 to 2026-07-10") != std::string::npos);
    }
    SUBCASE("the facility and the offices together, for steps to a care manager") {
        // The facility is open on Saturdays; the offices are closed then and for a week after
        // the facility's closure: 05-30 (Sat) to 07-05 (Sun) has no day open for both.
        Diagnostics d;
        facility("[facility]\nclosed_weekdays = [\"sun\"]\nclosed = [{ from = 2026-06-01, to = 2026-06-26 }]\n"
                 "[care_manager_office]\nclosed_weekdays = [\"sat\", \"sun\"]\n"
                 "closed = [{ from = 2026-06-29, to = 2026-07-03 }]\n",
                 d);
        CHECK(messages(d) == "facility.toml:3:11: error: [facility]: the facility and the care managers' offices "
                             "are not both open for 37 days in a row, 2026-05-30 to 2026-07-05, with this closure: "
                             "a step to a care manager due there finds no open day within 31 days to move to\n");
    }
    SUBCASE("a run too long for the facility alone is not reported again for the offices") {
        Diagnostics d;
        facility("[facility]\nclosed = [{ from = 2026-06-01, to = 2026-07-10 }]\n"
                 "[care_manager_office]\nclosed = [{ from = 2026-07-11, to = 2026-07-12 }]\n",
                 d);
        CHECK(d.error_count() == 1);
    }
    SUBCASE("shift = \"none\" moves nothing, so nothing is too long") {
        Diagnostics d;
        facility("[facility]\nshift = \"none\"\nclosed = [{ from = 2026-06-01, to = 2026-07-10 }]\n", d);
        CHECK(messages(d).empty());
    }
    SUBCASE("no weekday open for both calendars is an error of its own") {
        Diagnostics d;
        facility("[facility]\nclosed_weekdays = [\"mon\", \"tue\", \"wed\"]\n"
                 "[care_manager_office]\nclosed_weekdays = [\"thu\", \"fri\", \"sat\", \"sun\"]\n",
                 d);
        CHECK(messages(d) == "facility.toml:4:19: error: [care_manager_office]: no weekday is open for both the "
                             "facility and the care managers' offices: no day is left for a step to a care manager\n");
    }
    SUBCASE("load_book reports it, so check fails and plan refuses the book") {
        winback::BookSources sources;
        sources.clients = {"clients.toml", std::string("[[client]]\nid = \"C-1\"\nname = \"A\"\nstatus = \"active\"\n")};
        sources.facility = {"book/facility.toml",
                            std::string("[facility]\nclosed = [{ from = 2026-06-01, to = 2026-07-10 }]\n")};
        Diagnostics d;
        winback::load_book(sources, winback::Lang::en, d);
        CHECK(messages(d).starts_with("book/facility.toml:2:11: error: [facility]: the facility is closed 40 days"));
        CHECK(d.error_count() == 1);
    }
}

TEST_CASE("closed_days") {
    const Facility f = facility(dayservice);
    const auto days = winback::closed_days(f, day("2026-01-01"), day("2026-12-31"));
    SUBCASE("2026 by calendar and reason: the Cabinet Office's 18 holidays for both calendars") {
        std::map<std::string, int> count;
        for (const ClosedDay& d : days) {
            ++count[std::string(winback::to_string(d.calendar)) + " " + std::string(winback::to_string(d.kind))];
        }
        CHECK(count == std::map<std::string, int>{{"facility holiday", 18},
                                                  {"facility closed", 4},  // 08-15, 12-29 to 12-31
                                                  {"facility closed_weekday", 51},
                                                  {"care_manager_office holiday", 18},
                                                  {"care_manager_office closed", 2},
                                                  {"care_manager_office closed_weekday", 103}});
    }
    SUBCASE("in date order, the facility first, one reason each") {
        for (std::size_t i = 1; i < days.size(); ++i) {
            CHECK((days[i - 1].date < days[i].date ||
                   (days[i - 1].date == days[i].date && days[i - 1].calendar == CalendarId::facility &&
                    days[i].calendar == CalendarId::care_manager_office)));
        }
        std::vector<std::string> rows;
        for (const ClosedDay& d : winback::closed_days(f, day("2026-01-01"), day("2026-01-04"))) rows.push_back(row(d));
        CHECK(lines(rows) == lines({"2026-01-01 facility holiday 元日 / New Year's Day",
                                    "2026-01-01 care_manager_office holiday 元日 / New Year's Day",
                                    "2026-01-03 care_manager_office closed_weekday 土曜日 / Saturday",
                                    "2026-01-04 facility closed_weekday 日曜日 / Sunday",
                                    "2026-01-04 care_manager_office closed_weekday 日曜日 / Sunday"}));
    }
    SUBCASE("holiday before closure before weekday, across the year end") {
        const auto end = winback::closed_days(f, day("2026-12-27"), day("2027-01-04"));
        std::vector<std::string> rows;
        for (const ClosedDay& d : end) {
            rows.push_back(winback::format_date(d.date) + (d.calendar == CalendarId::facility ? " facility " : " office ") +
                           std::string(winback::to_string(d.kind)));
        }
        CHECK(lines(rows) == lines({"2026-12-27 facility closed_weekday", "2026-12-27 office closed_weekday",
                                    "2026-12-29 facility closed", "2026-12-30 facility closed", "2026-12-30 office closed",
                                    "2026-12-31 facility closed", "2026-12-31 office closed",
                                    "2027-01-01 facility holiday", "2027-01-01 office holiday",
                                    "2027-01-02 facility closed", "2027-01-02 office closed",
                                    "2027-01-03 facility closed", "2027-01-03 office closed"}));
        CHECK(row(end[2]) == "2026-12-29 facility closed 休業期間 2026-12-29〜2027-01-03 / Closure 2026-12-29 to 2027-01-03");
    }
    SUBCASE("a single date, and a range with a name") {
        const Facility named =
            facility("[facility]\nclosed = [2026-08-15, { from = 2026-08-13, to = 2026-08-14, name = \"夏季休業\" }]\n");
        std::vector<std::string> rows;
        for (const ClosedDay& d : winback::closed_days(named, day("2026-08-01"), day("2026-08-31"))) rows.push_back(row(d));
        CHECK(lines(rows) == lines({"2026-08-13 facility closed 夏季休業 / 夏季休業",
                                    "2026-08-14 facility closed 夏季休業 / 夏季休業",
                                    "2026-08-15 facility closed 休業日 / Closed date"}));
    }
    SUBCASE("2027: the 17 national holidays, 振替休日 on 03-22") {
        std::vector<std::string> holidays;
        for (const ClosedDay& d : winback::closed_days(f, day("2027-01-01"), day("2027-12-31"))) {
            if (d.calendar == CalendarId::facility && d.kind == ClosedKind::holiday) {
                holidays.push_back(winback::format_date(d.date) + " " + d.name);
            }
        }
        CHECK(lines(holidays) == lines({"2027-01-01 元日",       "2027-01-11 成人の日",   "2027-02-11 建国記念の日",
                                        "2027-02-23 天皇誕生日", "2027-03-21 春分の日",   "2027-03-22 振替休日",
                                        "2027-04-29 昭和の日",   "2027-05-03 憲法記念日", "2027-05-04 みどりの日",
                                        "2027-05-05 こどもの日", "2027-07-19 海の日",     "2027-08-11 山の日",
                                        "2027-09-20 敬老の日",   "2027-09-23 秋分の日",   "2027-10-11 スポーツの日",
                                        "2027-11-03 文化の日",   "2027-11-23 勤労感謝の日"}));
    }
    SUBCASE("no office rows without [care_manager_office]; an empty span is empty") {
        const Facility only = facility("[facility]\nclosed_weekdays = [\"sun\"]\n");
        const auto week = winback::closed_days(only, day("2026-11-16"), day("2026-11-29"));
        REQUIRE(week.size() == 2);
        CHECK(week[0].calendar == CalendarId::facility);
        CHECK(week[1].calendar == CalendarId::facility);
        CHECK(winback::closed_days(only, day("2026-11-29"), day("2026-11-28")).empty());
    }
}

TEST_CASE("render_calendar") {
    const Facility f = facility(dayservice);
    const Date from = day("2026-11-21");
    const Date to = day("2026-11-23");
    using winback::Format;
    using winback::Lang;
    SUBCASE("json and ndjson: the keys of the issue, in date order") {
        const Date sunday = day("2026-11-22");
        CHECK(winback::render_calendar(f, sunday, sunday, Format::json, Lang::en) ==
              "[\n"
              "  {\"date\":\"2026-11-22\",\"calendar\":\"facility\",\"kind\":\"closed_weekday\",\"name\":\"日曜日\","
              "\"name_en\":\"Sunday\"},\n"
              "  {\"date\":\"2026-11-22\",\"calendar\":\"care_manager_office\",\"kind\":\"closed_weekday\","
              "\"name\":\"日曜日\",\"name_en\":\"Sunday\"}\n"
              "]\n");
        CHECK(winback::render_calendar(f, day("2026-11-23"), to, Format::ndjson, Lang::en) ==
              "{\"date\":\"2026-11-23\",\"calendar\":\"facility\",\"kind\":\"holiday\",\"name\":\"勤労感謝の日\","
              "\"name_en\":\"Labor Thanksgiving Day\"}\n"
              "{\"date\":\"2026-11-23\",\"calendar\":\"care_manager_office\",\"kind\":\"holiday\","
              "\"name\":\"勤労感謝の日\",\"name_en\":\"Labor Thanksgiving Day\"}\n");
        CHECK(winback::render_calendar(f, to, from, Format::json, Lang::en) == "[]\n");
    }
    SUBCASE("csv: RFC 4180 with a header; a name that looks like a formula is neutralised") {
        const Facility odd =
            facility("[facility]\nclosed = [{ from = 2026-11-21, to = 2026-11-21, name = \"=1+1, \\\"x\\\"\" }]\n");
        CHECK(winback::render_calendar(odd, from, to, Format::csv, Lang::en) ==
              "date,calendar,kind,name,name_en\r\n"
              "2026-11-21,facility,closed,\"'=1+1, \"\"x\"\"\",\"'=1+1, \"\"x\"\"\"\r\n");
    }
    SUBCASE("table in Japanese, aligned by display width") {
        CHECK(winback::render_calendar(f, from, to, Format::table, Lang::ja) ==
              "はつねデイサービスの休業日（2026-11-21〜2026-11-23）\n"
              "ケアマネ宛ての連絡は、施設とケアマネ事業所の両方が開いている日に予定します。\n"
              "\n"
              "日付        曜日  カレンダー      理由    名称\n"
              "2026-11-21  土    ケアマネ事業所  定休日  土曜日\n"
              "2026-11-22  日    施設            定休日  日曜日\n"
              "2026-11-22  日    ケアマネ事業所  定休日  日曜日\n"
              "2026-11-23  月    施設            祝日    勤労感謝の日\n"
              "2026-11-23  月    ケアマネ事業所  祝日    勤労感謝の日\n");
    }
    SUBCASE("table without [care_manager_office] says that the offices follow the facility") {
        const Facility only = facility("[facility]\nclosed_weekdays = [\"sun\"]\n");
        CHECK(winback::render_calendar(only, from, to, Format::table, Lang::en) ==
              "Closed days of the facility, 2026-11-21 to 2026-11-23\n"
              "Care managers' offices follow the facility's calendar (facility.toml has no [care_manager_office]).\n"
              "\n"
              "DATE        DAY  CALENDAR  REASON          NAME\n"
              "2026-11-22  Sun  facility  closed weekday  Sunday\n");
        CHECK(winback::render_calendar(only, day("2026-11-23"), to, Format::table, Lang::en).ends_with(
            "\nNo closed days.\n"));
    }
}
