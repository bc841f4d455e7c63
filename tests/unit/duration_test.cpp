#include "winback/duration.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <string>

using namespace std::chrono;
using winback::Date;
using winback::Duration;
using winback::parse_duration;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}

std::string iso(Date date) {
    return winback::format_date(date);
}

Duration dur(const char* text) {
    const auto d = parse_duration(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

}  // namespace

TEST_CASE("parse_duration") {
    SUBCASE("each unit") {
        CHECK(dur("0d") == Duration{0, Duration::Unit::day});
        CHECK(dur("3d") == Duration{3, Duration::Unit::day});
        CHECK(dur("2w") == Duration{2, Duration::Unit::week});
        CHECK(dur("1m") == Duration{1, Duration::Unit::month});
        CHECK(dur("1y") == Duration{1, Duration::Unit::year});
        CHECK(dur("12m") == Duration{12, Duration::Unit::month});
    }
    SUBCASE("days, weeks, months and years") {
        CHECK(dur("2w").days() == 14);
        CHECK_FALSE(dur("2w").calendar());
        CHECK(dur("2y").months() == 24);
        CHECK(dur("2y").calendar());
        CHECK(dur("5m").months() == 5);
    }
    SUBCASE("malformed") {
        for (const char* bad : {"", "d", "1", "-1d", "1.5m", "1M", " 1d", "1d ", "+1d", "1 d", "1dd", "d1", "1h",
                                "１d", "0x1d", "1e2d", "m"}) {
            CHECK_MESSAGE(!parse_duration(bad), "\"", bad, "\"");
        }
    }
    SUBCASE("at most 100 years") {
        CHECK(parse_duration("100y"));
        CHECK(parse_duration("1200m"));
        CHECK(parse_duration("36525d"));
        CHECK(parse_duration("5217w"));
        CHECK_FALSE(parse_duration("101y"));
        CHECK_FALSE(parse_duration("1201m"));
        CHECK_FALSE(parse_duration("36526d"));
        CHECK_FALSE(parse_duration("5218w"));
        CHECK_FALSE(parse_duration("100000y"));
        CHECK_FALSE(parse_duration("99999999999999999999999d"));
    }
    SUBCASE("numbers so large that n x 12 or n x 7 overflows are refused too") {
        // 768614336404564651 x 12 and 1317624576693539402 x 7 wrap past LONG_MAX to negative
        // values, which then pass the "at most 100 years" test.
        CHECK_FALSE(parse_duration("768614336404564651y"));
        CHECK_FALSE(parse_duration("1317624576693539402w"));
        CHECK_FALSE(parse_duration("9223372036854775807y"));
        CHECK_FALSE(parse_duration("9223372036854775807w"));
    }
}

TEST_CASE("format_duration") {
    SUBCASE("round trip") {
        for (const char* text : {"0d", "3d", "2w", "1m", "1y", "12m", "100y", "36525d"}) {
            CHECK(winback::format_duration(dur(text)) == text);
        }
    }
    SUBCASE("from values") {
        CHECK(winback::format_duration(Duration{6, Duration::Unit::week}) == "6w");
        CHECK(winback::format_duration(Duration{0, Duration::Unit::year}) == "0y");
    }
}

TEST_CASE("add") {
    using winback::add;
    SUBCASE("one duration, k times, from the anchor") {
        CHECK(iso(add(ymd(2026, 9, 14), dur("3d"))) == "2026-09-17");
        CHECK(iso(add(ymd(2026, 9, 14), dur("2w"))) == "2026-09-28");
        CHECK(iso(add(ymd(2026, 9, 14), dur("1y"))) == "2027-09-14");
        CHECK(iso(add(ymd(2026, 9, 14), dur("2w"), 3)) == "2026-10-26");
        CHECK(iso(add(ymd(2026, 1, 31), dur("1m"), 3)) == "2026-04-30");
        CHECK(iso(add(ymd(2028, 2, 29), dur("1y"))) == "2029-02-28");
        CHECK(iso(add(ymd(2028, 2, 29), dur("1y"), 4)) == "2032-02-29");
        CHECK(iso(add(ymd(2026, 9, 14), dur("0d"), 5)) == "2026-09-14");
    }
    SUBCASE("the Jan 31 cadence never drifts to the 28th") {
        const Date anchor = ymd(2026, 1, 31);
        CHECK(iso(add(anchor, dur("1m"), dur("1m"), 0)) == "2026-02-28");
        CHECK(iso(add(anchor, dur("1m"), dur("1m"), 1)) == "2026-03-31");
        CHECK(iso(add(anchor, dur("1m"), dur("1m"), 2)) == "2026-04-30");
        CHECK(iso(add(anchor, dur("1m"), dur("1m"), 3)) == "2026-05-31");
        const Date leap = ymd(2028, 1, 31);
        CHECK(iso(add(leap, dur("1m"), dur("1m"), 0)) == "2028-02-29");
        CHECK(iso(add(leap, dur("1m"), dur("1m"), 1)) == "2028-03-31");
        CHECK(iso(add(leap, dur("1m"), dur("1m"), 2)) == "2028-04-30");
        CHECK(iso(add(leap, dur("1m"), dur("1m"), 3)) == "2028-05-31");
    }
    SUBCASE("years and months count in one unit") {
        // 1y + k x 1m from Jan 31 2027: Jan 31 2028, Feb 29 2028, Mar 31 2028.
        CHECK(iso(add(ymd(2027, 1, 31), dur("1y"), dur("1m"), 0)) == "2028-01-31");
        CHECK(iso(add(ymd(2027, 1, 31), dur("1y"), dur("1m"), 1)) == "2028-02-29");
        CHECK(iso(add(ymd(2027, 1, 31), dur("1y"), dur("1m"), 2)) == "2028-03-31");
    }
    SUBCASE("days and weeks count in one unit") {
        CHECK(iso(add(ymd(2026, 9, 14), dur("3d"), dur("1w"), 0)) == "2026-09-17");
        CHECK(iso(add(ymd(2026, 9, 14), dur("3d"), dur("1w"), 2)) == "2026-10-01");
        CHECK(iso(add(ymd(2026, 9, 14), dur("6w"), dur("2w"), 1)) == "2026-11-09");
    }
    SUBCASE("mixed units: first is applied, then k x every") {
        // from = 3d, every = 1m from Jan 28: Jan 31, then Feb 28, Mar 31, Apr 30 (from Jan 31).
        const Date anchor = ymd(2026, 1, 28);
        CHECK(iso(add(anchor, dur("3d"), dur("1m"), 0)) == "2026-01-31");
        CHECK(iso(add(anchor, dur("3d"), dur("1m"), 1)) == "2026-02-28");
        CHECK(iso(add(anchor, dur("3d"), dur("1m"), 2)) == "2026-03-31");
        CHECK(iso(add(anchor, dur("3d"), dur("1m"), 3)) == "2026-04-30");
        // from = 1m, every = 2w from Jan 31: Feb 28, then every 14 days.
        CHECK(iso(add(ymd(2026, 1, 31), dur("1m"), dur("2w"), 0)) == "2026-02-28");
        CHECK(iso(add(ymd(2026, 1, 31), dur("1m"), dur("2w"), 2)) == "2026-03-28");
    }
}
