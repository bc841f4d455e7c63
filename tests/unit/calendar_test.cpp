#include "winback/calendar.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "winback/load.hpp"

using winback::Calendar;
using winback::Calendars;
using winback::Date;
using winback::Facility;
using winback::Recipient;
using winback::Shift;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Facility facility(std::string_view text) {
    winback::Diagnostics diagnostics;
    auto file = winback::load_facility(text, "facility.toml", diagnostics);
    for (const auto& d : diagnostics.items()) FAIL_CHECK(winback::format_diagnostic(d));
    REQUIRE(file.parsed);
    return file.facility;
}

std::string shifted(const char* nominal, Shift shift, const Calendars& calendars) {
    const auto d = winback::shift_date(date(nominal), shift, calendars);
    return d ? winback::format_date(*d) : "none";
}

// Closed on Sundays and over the year end, 2025-12-29 (a Monday, after a Sunday) to 2026-01-03.
constexpr std::string_view year_end = R"(
[facility]
name = "はつねデイサービス"
closed_weekdays = ["sun"]
holidays = "none"
closed = [2025-08-15, "2025-08-16", { from = 2025-12-29, to = 2026-01-03 }]
)";

}  // namespace

TEST_CASE("is_closed") {
    const Facility f = facility(year_end);
    const Calendar& c = f.calendar;
    SUBCASE("closed weekdays") {
        CHECK(winback::is_closed(c, date("2026-11-22")));        // Sunday
        CHECK_FALSE(winback::is_closed(c, date("2026-11-21")));  // Saturday
        CHECK_FALSE(winback::is_closed(c, date("2026-11-24")));  // Tuesday
    }
    SUBCASE("single dates, as TOML dates or ISO strings") {
        CHECK(winback::is_closed(c, date("2025-08-15")));
        CHECK(winback::is_closed(c, date("2025-08-16")));
        CHECK_FALSE(winback::is_closed(c, date("2025-08-14")));
        CHECK_FALSE(winback::is_closed(c, date("2026-08-15")));  // only that year
    }
    SUBCASE("ranges, both ends inclusive") {
        CHECK_FALSE(winback::is_closed(c, date("2025-12-27")));  // Saturday
        CHECK(winback::is_closed(c, date("2025-12-29")));
        CHECK(winback::is_closed(c, date("2026-01-01")));
        CHECK(winback::is_closed(c, date("2026-01-03")));
        CHECK_FALSE(winback::is_closed(c, date("2026-01-05")));
    }
    SUBCASE("an empty calendar closes nothing") {
        const Calendar open;
        for (const char* d : {"2026-11-22", "2026-01-01", "2026-11-23"}) CHECK_FALSE(winback::is_closed(open, date(d)));
    }
}

TEST_CASE("is_closed with Japanese national holidays") {
    Calendar c;
    SUBCASE("2026-11-23 (勤労感謝の日) is closed with holidays = jp") {
        c.jp_holidays = true;
        CHECK(winback::is_closed(c, date("2026-11-23")));
        CHECK(winback::is_closed(c, date("2026-01-01")));
        CHECK(winback::is_closed(c, date("2026-05-06")));        // substitute holiday
        CHECK_FALSE(winback::is_closed(c, date("2026-11-24")));
    }
    SUBCASE("and open without") {
        c.jp_holidays = false;
        CHECK_FALSE(winback::is_closed(c, date("2026-11-23")));
    }
    SUBCASE("from facility.toml") {
        const Facility jp = facility("[facility]\nholidays = \"jp\"\n");
        CHECK(jp.calendar.jp_holidays);
        CHECK(winback::is_closed(jp.calendar, date("2026-11-23")));
        const Facility none = facility("[facility]\nholidays = \"none\"\n");
        CHECK_FALSE(winback::is_closed(none.calendar, date("2026-11-23")));
    }
}

TEST_CASE("shift_date") {
    const Facility f = facility(year_end);
    const Calendars calendars{&f.calendar, nullptr};
    SUBCASE("an open day stays, whatever the shift") {
        CHECK(shifted("2025-12-27", Shift::next, calendars) == "2025-12-27");
        CHECK(shifted("2025-12-27", Shift::previous, calendars) == "2025-12-27");
        CHECK(shifted("2025-12-27", Shift::none, calendars) == "2025-12-27");
    }
    SUBCASE("next: across a closed Sunday, the year-end closure and the next Sunday") {
        CHECK(shifted("2025-12-28", Shift::next, calendars) == "2026-01-05");
        CHECK(shifted("2025-12-31", Shift::next, calendars) == "2026-01-05");
        CHECK(shifted("2026-01-04", Shift::next, calendars) == "2026-01-05");
    }
    SUBCASE("previous: back over the closure and the Sunday before it") {
        CHECK(shifted("2026-01-03", Shift::previous, calendars) == "2025-12-27");
        CHECK(shifted("2026-01-04", Shift::previous, calendars) == "2025-12-27");
        CHECK(shifted("2025-12-28", Shift::previous, calendars) == "2025-12-27");
    }
    SUBCASE("none keeps the closed day") {
        CHECK(shifted("2025-12-28", Shift::none, calendars) == "2025-12-28");
        CHECK(shifted("2026-01-01", Shift::none, calendars) == "2026-01-01");
    }
    SUBCASE("no open day within 31 days: nothing") {
        const Facility closed = facility("[facility]\nclosed = [{ from = 2026-03-01, to = 2026-04-30 }]\n");
        const Calendars c{&closed.calendar, nullptr};
        CHECK(shifted("2026-03-15", Shift::next, c) == "none");
        CHECK(shifted("2026-04-15", Shift::previous, c) == "none");
        CHECK(shifted("2026-03-15", Shift::none, c) == "2026-03-15");
        CHECK(shifted("2026-04-01", Shift::next, c) == "2026-05-01");    // 30 days on
        CHECK(shifted("2026-03-31", Shift::next, c) == "2026-05-01");    // 31 days on: still found
        CHECK(shifted("2026-03-30", Shift::next, c) == "none");          // 32 days on
        CHECK(shifted("2026-03-31", Shift::previous, c) == "2026-02-28");  // 31 days back
        CHECK(shifted("2026-04-01", Shift::previous, c) == "none");
    }
}

TEST_CASE("calendars_for") {
    const Facility f = facility(R"(
[facility]
closed_weekdays = ["sun"]
closed = [{ from = 2025-12-29, to = 2026-01-03 }]

[care_manager_office]
closed_weekdays = ["sat", "sun"]
holidays = "jp"
closed = [{ from = 2025-12-30, to = 2026-01-04 }, 2026-02-02]
)");
    REQUIRE(f.care_manager_office);
    SUBCASE("only steps to a care manager follow the office calendar") {
        for (const Recipient to : {Recipient::client, Recipient::family, Recipient::hospital, Recipient::facility,
                                   Recipient::staff}) {
            const Calendars c = winback::calendars_for(f, to);
            CHECK(c.facility == &f.calendar);
            CHECK(c.office == nullptr);
        }
        const Calendars cm = winback::calendars_for(f, Recipient::care_manager);
        CHECK(cm.facility == &f.calendar);
        CHECK(cm.office == &*f.care_manager_office);
    }
    SUBCASE("the day must be open for both") {
        const Calendars client = winback::calendars_for(f, Recipient::client);
        const Calendars cm = winback::calendars_for(f, Recipient::care_manager);
        CHECK_FALSE(client.closed(date("2026-11-21")));  // Saturday: the facility is open
        CHECK(cm.closed(date("2026-11-21")));            // the office is not
        CHECK(cm.closed(date("2026-11-22")));
        CHECK(cm.closed(date("2026-11-23")));            // holiday at the office
        CHECK_FALSE(client.closed(date("2026-11-23")));
        CHECK(cm.closed(date("2026-02-02")));
        CHECK_FALSE(client.closed(date("2026-02-02")));
        CHECK(shifted("2026-11-21", Shift::next, client) == "2026-11-21");
        CHECK(shifted("2026-11-21", Shift::next, cm) == "2026-11-24");
        CHECK(shifted("2026-11-23", Shift::previous, cm) == "2026-11-20");
        // Facility closed to 2026-01-03, office to 01-04 (a Sunday), 01-05 is a Monday but the
        // office's first day back; the facility's Saturday 01-03 stays closed.
        CHECK(shifted("2025-12-29", Shift::next, client) == "2026-01-05");
        CHECK(shifted("2025-12-29", Shift::next, cm) == "2026-01-05");
        CHECK(shifted("2026-01-02", Shift::previous, cm) == "2025-12-26");  // 12-27 Sat, 12-28 Sun, 12-29 facility
    }
    SUBCASE("without [care_manager_office] care managers follow the facility") {
        const Facility only = facility("[facility]\nclosed_weekdays = [\"sun\"]\n");
        const Calendars cm = winback::calendars_for(only, Recipient::care_manager);
        CHECK(cm.facility == &only.calendar);
        CHECK(cm.office == nullptr);
        CHECK_FALSE(cm.closed(date("2026-11-21")));
        CHECK(cm.closed(date("2026-11-22")));
    }
}
