#include "winback/date.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <optional>
#include <string>

using namespace std::chrono;
using winback::Date;

namespace {

Date ymd(int y, unsigned m, unsigned d) {
    return Date{year{y}, month{m}, day{d}};
}

std::string iso(Date date) {
    return winback::format_date(date);
}

}  // namespace

TEST_CASE("parse_date") {
    using winback::parse_date;
    SUBCASE("a real calendar day") {
        REQUIRE(parse_date("2026-09-14"));
        CHECK(*parse_date("2026-09-14") == ymd(2026, 9, 14));
        CHECK(*parse_date("2026-12-31") == ymd(2026, 12, 31));
        CHECK(*parse_date("2026-01-01") == ymd(2026, 1, 1));
    }
    SUBCASE("February 29 only in leap years") {
        REQUIRE(parse_date("2028-02-29"));
        CHECK(*parse_date("2028-02-29") == ymd(2028, 2, 29));
        REQUIRE(parse_date("2024-02-29"));
        CHECK_FALSE(parse_date("2026-02-29"));
        CHECK_FALSE(parse_date("2100-02-29"));  // century, not divisible by 400
        CHECK(parse_date("2000-02-29"));
    }
    SUBCASE("days that do not exist") {
        CHECK_FALSE(parse_date("2026-02-30"));
        CHECK_FALSE(parse_date("2026-04-31"));
        CHECK_FALSE(parse_date("2026-13-01"));
        CHECK_FALSE(parse_date("2026-00-10"));
        CHECK_FALSE(parse_date("2026-01-00"));
        CHECK_FALSE(parse_date("2026-01-32"));
    }
    SUBCASE("only the strict YYYY-MM-DD form") {
        CHECK_FALSE(parse_date("2026-2-3"));
        CHECK_FALSE(parse_date("2026-02-3"));
        CHECK_FALSE(parse_date("2026-2-03"));
        CHECK_FALSE(parse_date("26-02-03"));
        CHECK_FALSE(parse_date("2026/02/03"));
        CHECK_FALSE(parse_date("20260203"));
        CHECK_FALSE(parse_date(" 2026-02-03"));
        CHECK_FALSE(parse_date("2026-02-03 "));
        CHECK_FALSE(parse_date("2026-02-03T00:00"));
        CHECK_FALSE(parse_date("+026-02-03"));
        CHECK_FALSE(parse_date("2026-+2-03"));
        CHECK_FALSE(parse_date("2026-02-+3"));
        CHECK_FALSE(parse_date("2026- 2-03"));
        CHECK_FALSE(parse_date(""));
        CHECK_FALSE(parse_date("yyyy-mm-dd"));
    }
}

TEST_CASE("format_date") {
    SUBCASE("zero padded") {
        CHECK(iso(ymd(2026, 2, 3)) == "2026-02-03");
        CHECK(iso(ymd(2026, 12, 31)) == "2026-12-31");
        CHECK(iso(ymd(987, 1, 1)) == "0987-01-01");
    }
    SUBCASE("round trip with parse_date over every day of two years") {
        for (sys_days d = sys_days{ymd(2027, 1, 1)}; d <= sys_days{ymd(2028, 12, 31)}; d += days{1}) {
            const auto parsed = winback::parse_date(iso(Date{d}));
            REQUIRE(parsed);
            REQUIRE(*parsed == Date{d});
        }
    }
}

TEST_CASE("add_days and days_between") {
    SUBCASE("across month and year ends") {
        CHECK(winback::add_days(ymd(2026, 12, 31), 1) == ymd(2027, 1, 1));
        CHECK(winback::add_days(ymd(2028, 2, 28), 1) == ymd(2028, 2, 29));
        CHECK(winback::add_days(ymd(2026, 2, 28), 1) == ymd(2026, 3, 1));
        CHECK(winback::add_days(ymd(2026, 3, 1), -1) == ymd(2026, 2, 28));
    }
    SUBCASE("days_between is b - a") {
        CHECK(winback::days_between(ymd(2026, 1, 1), ymd(2027, 1, 1)) == 365);
        CHECK(winback::days_between(ymd(2028, 1, 1), ymd(2029, 1, 1)) == 366);
        CHECK(winback::days_between(ymd(2026, 3, 1), ymd(2026, 2, 28)) == -1);
        CHECK(winback::days_between(ymd(2026, 3, 1), ymd(2026, 3, 1)) == 0);
    }
}

TEST_CASE("add_months") {
    using winback::add_months;
    SUBCASE("keeps the day of month") {
        CHECK(add_months(ymd(2026, 9, 14), 1) == ymd(2026, 10, 14));
        CHECK(add_months(ymd(2026, 9, 14), 4) == ymd(2027, 1, 14));
        CHECK(add_months(ymd(2026, 9, 14), 0) == ymd(2026, 9, 14));
        CHECK(add_months(ymd(2026, 9, 14), -9) == ymd(2025, 12, 14));
        CHECK(add_months(ymd(2026, 9, 14), 12 * 100) == ymd(2126, 9, 14));
    }
    SUBCASE("Jan 31 clamps to the end of shorter months, computed from the anchor") {
        const Date anchor = ymd(2026, 1, 31);
        CHECK(iso(add_months(anchor, 1)) == "2026-02-28");
        CHECK(iso(add_months(anchor, 2)) == "2026-03-31");
        CHECK(iso(add_months(anchor, 3)) == "2026-04-30");
        CHECK(iso(add_months(anchor, 4)) == "2026-05-31");
        CHECK(iso(add_months(anchor, 12)) == "2027-01-31");
        CHECK(iso(add_months(anchor, -2)) == "2025-11-30");
    }
    SUBCASE("leap years") {
        const Date anchor = ymd(2028, 1, 31);
        CHECK(iso(add_months(anchor, 1)) == "2028-02-29");
        CHECK(iso(add_months(anchor, 2)) == "2028-03-31");
        CHECK(iso(add_months(anchor, 3)) == "2028-04-30");
        CHECK(iso(add_months(ymd(2024, 2, 29), 12)) == "2025-02-28");
        CHECK(iso(add_months(ymd(2024, 2, 29), 48)) == "2028-02-29");
    }
    SUBCASE("stepping from a clamped date drifts; the anchor does not") {
        // Why the schedule always computes from the anchor: Feb 28 + 1 month is Mar 28.
        CHECK(iso(add_months(add_months(ymd(2026, 1, 31), 1), 1)) == "2026-03-28");
    }
}

TEST_CASE("months_between") {
    using winback::months_between;
    SUBCASE("a month counts once its day is reached") {
        CHECK(months_between(ymd(2026, 9, 14), ymd(2026, 9, 14)) == 0);
        CHECK(months_between(ymd(2026, 9, 14), ymd(2026, 10, 13)) == 0);
        CHECK(months_between(ymd(2026, 9, 14), ymd(2026, 10, 14)) == 1);
        CHECK(months_between(ymd(2026, 9, 14), ymd(2027, 9, 13)) == 11);
        CHECK(months_between(ymd(2026, 9, 14), ymd(2027, 9, 14)) == 12);
        CHECK(months_between(ymd(2025, 12, 15), ymd(2026, 1, 14)) == 0);
        CHECK(months_between(ymd(2025, 12, 15), ymd(2026, 1, 15)) == 1);
    }
    SUBCASE("month ends clamp: Jan 31 -> Feb 28 is one month") {
        CHECK(months_between(ymd(2026, 1, 31), ymd(2026, 2, 27)) == 0);
        CHECK(months_between(ymd(2026, 1, 31), ymd(2026, 2, 28)) == 1);
        CHECK(months_between(ymd(2028, 1, 31), ymd(2028, 2, 28)) == 0);
        CHECK(months_between(ymd(2028, 1, 31), ymd(2028, 2, 29)) == 1);
        CHECK(months_between(ymd(2026, 1, 31), ymd(2026, 3, 30)) == 1);
        CHECK(months_between(ymd(2026, 1, 31), ymd(2026, 3, 31)) == 2);
        CHECK(months_between(ymd(2026, 1, 31), ymd(2026, 4, 30)) == 3);
        CHECK(months_between(ymd(2026, 2, 28), ymd(2026, 3, 28)) == 1);
        CHECK(months_between(ymd(2026, 2, 28), ymd(2026, 3, 27)) == 0);
    }
    SUBCASE("negative when b is before a") {
        CHECK(months_between(ymd(2026, 10, 14), ymd(2026, 9, 14)) == -1);
        CHECK(months_between(ymd(2026, 10, 14), ymd(2026, 9, 15)) == 0);
        CHECK(months_between(ymd(2027, 9, 14), ymd(2026, 9, 14)) == -12);
    }
    SUBCASE("agrees with add_months for many pairs") {
        for (sys_days a = sys_days{ymd(2027, 12, 1)}; a <= sys_days{ymd(2028, 3, 31)}; a += days{1}) {
            for (long n = 0; n <= 14; ++n) {
                const Date at = winback::add_months(Date{a}, n);
                REQUIRE(months_between(Date{a}, at) == n);
                if (n > 0) REQUIRE(months_between(Date{a}, winback::add_days(at, -1)) == n - 1);
            }
        }
    }
}

TEST_CASE("weekday_index and weekday keys") {
    SUBCASE("0 = Monday ... 6 = Sunday") {
        CHECK(winback::weekday_index(ymd(2026, 11, 23)) == 0);  // Monday
        CHECK(winback::weekday_index(ymd(2026, 11, 24)) == 1);
        CHECK(winback::weekday_index(ymd(2026, 1, 31)) == 5);   // Saturday
        CHECK(winback::weekday_index(ymd(2026, 11, 22)) == 6);  // Sunday
        CHECK(winback::weekday_index(ymd(2028, 2, 29)) == 1);   // Tuesday
        CHECK(winback::weekday_index(Sunday) == 6);
        CHECK(winback::weekday_index(Monday) == 0);
    }
    SUBCASE("keys") {
        CHECK(winback::weekday_key(0) == "mon");
        CHECK(winback::weekday_key(6) == "sun");
        for (unsigned i = 0; i < 7; ++i) {
            REQUIRE(winback::parse_weekday(winback::weekday_key(i)));
            CHECK(*winback::parse_weekday(winback::weekday_key(i)) == i);
        }
        CHECK_FALSE(winback::parse_weekday("Mon"));
        CHECK_FALSE(winback::parse_weekday("monday"));
        CHECK_FALSE(winback::parse_weekday(""));
        for (const char* other : {"mo", "mox", "nom", "sunx", "sa", "thu ", "Sun", "wed\t"}) CHECK_FALSE(winback::parse_weekday(other));
        CHECK_FALSE(winback::parse_weekday(std::string_view("mon\0", 4)));
    }
}
