#include "winback/holidays.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono;
using winback::jp_holiday;
using winback::jp_holidays;

namespace {

// The Japanese name of the holiday on that day, or "" when it is none.
std::string name_on(int y, unsigned m, unsigned d) {
    const auto holiday = jp_holiday(year{y} / month{m} / day{d});
    return holiday ? holiday->name_ja : "";
}

}  // namespace

TEST_CASE("jp_holidays_cover") {
    SUBCASE("the covered range") {
        CHECK(winback::jp_holidays_first_year == 1955);
        CHECK(winback::jp_holidays_last_year() == 2099);
        CHECK(winback::jp_holidays_cover(1955));
        CHECK(winback::jp_holidays_cover(2026));
        CHECK(winback::jp_holidays_cover(2099));
        CHECK_FALSE(winback::jp_holidays_cover(1954));
        CHECK_FALSE(winback::jp_holidays_cover(2100));
    }
    SUBCASE("uncovered years have no holidays") {
        CHECK(jp_holidays(1954).empty());
        CHECK(jp_holidays(2100).empty());
        CHECK_FALSE(jp_holiday(1954y / January / 1));
        CHECK_FALSE(jp_holiday(2100y / January / 1));
    }
    SUBCASE("an invalid date is no holiday") {
        CHECK_FALSE(jp_holiday(2026y / February / 30));
    }
}

TEST_CASE("jp_holidays") {
    SUBCASE("count per year, as in the Cabinet Office list") {
        CHECK(jp_holidays(1955).size() == 9);
        CHECK(jp_holidays(1989).size() == 17);
        CHECK(jp_holidays(2019).size() == 22);
        CHECK(jp_holidays(2020).size() == 18);
        CHECK(jp_holidays(2024).size() == 21);
        CHECK(jp_holidays(2026).size() == 18);
    }
    SUBCASE("in date order and the same as jp_holiday, every covered year") {
        for (int y = winback::jp_holidays_first_year; y <= winback::jp_holidays_last_year(); ++y) {
            const auto list = jp_holidays(y);
            int found = 0;
            for (sys_days d = sys_days{year{y} / January / 1}; d <= sys_days{year{y} / December / 31};
                 d += days{1}) {
                if (jp_holiday(year_month_day{d})) ++found;
            }
            REQUIRE(found == static_cast<int>(list.size()));
            for (std::size_t i = 0; i < list.size(); ++i) {
                if (i > 0) CHECK(sys_days{list[i - 1].date} < sys_days{list[i].date});
                const auto same = jp_holiday(list[i].date);
                REQUIRE(same);
                CHECK(same->name_ja == list[i].name_ja);
            }
        }
    }
    SUBCASE("is_jp_holiday says the same as jp_holiday, every covered day and the years around them") {
        for (int y = winback::jp_holidays_first_year - 1; y <= winback::jp_holidays_last_year() + 1; ++y) {
            for (sys_days d = sys_days{year{y} / January / 1}; d <= sys_days{year{y} / December / 31};
                 d += days{1}) {
                REQUIRE(winback::is_jp_holiday(year_month_day{d}) == jp_holiday(year_month_day{d}).has_value());
            }
        }
        CHECK(winback::is_jp_holiday(2026y / January / 1));
        CHECK_FALSE(winback::is_jp_holiday(2026y / January / 2));
        CHECK_FALSE(winback::is_jp_holiday(2026y / February / 30));
    }
    SUBCASE("English names") {
        CHECK(jp_holiday(2026y / January / 1)->name_en == "New Year's Day");
        CHECK(jp_holiday(2026y / May / 6)->name_en == "Substitute Holiday");
        CHECK(jp_holiday(2026y / September / 22)->name_en == "Citizens' Holiday");
        CHECK(jp_holiday(2026y / October / 12)->name_en == "Sports Day");
    }
}

TEST_CASE("fixed and Happy Monday holidays") {
    SUBCASE("holidays start in the year the law made them") {
        CHECK(name_on(1966, 2, 11).empty());
        CHECK(name_on(1967, 2, 11) == "建国記念の日");
        CHECK(name_on(1965, 9, 15).empty());
        CHECK(name_on(1966, 9, 15) == "敬老の日");
        CHECK(name_on(1966, 10, 10) == "体育の日");
        CHECK(name_on(1995, 7, 20).empty());
        CHECK(name_on(1996, 7, 20) == "海の日");
        CHECK(name_on(2015, 8, 11).empty());
        CHECK(name_on(2016, 8, 11) == "山の日");
    }
    SUBCASE("the Emperor's birthday and April 29") {
        CHECK(name_on(1988, 4, 29) == "天皇誕生日");
        CHECK(name_on(1989, 4, 29) == "みどりの日");
        CHECK(name_on(1989, 12, 23) == "天皇誕生日");
        CHECK(name_on(2007, 4, 29) == "昭和の日");
        CHECK(name_on(2007, 5, 4) == "みどりの日");
        CHECK(name_on(2018, 12, 24) == "振替休日");
        CHECK(name_on(2019, 2, 23).empty());
        CHECK(name_on(2019, 12, 23).empty());
        CHECK(name_on(2020, 2, 23) == "天皇誕生日");
        CHECK(name_on(2020, 2, 24) == "振替休日");
    }
    SUBCASE("Happy Monday moves") {
        CHECK(name_on(1999, 1, 15) == "成人の日");
        CHECK(name_on(2000, 1, 10) == "成人の日");
        CHECK(name_on(2000, 1, 15).empty());
        CHECK(name_on(1999, 10, 10) == "体育の日");
        CHECK(name_on(2000, 10, 9) == "体育の日");
        CHECK(name_on(2002, 7, 20) == "海の日");
        CHECK(name_on(2003, 7, 21) == "海の日");
        CHECK(name_on(2003, 9, 15) == "敬老の日");
        CHECK(name_on(2004, 9, 20) == "敬老の日");
        CHECK(name_on(2019, 10, 14) == "体育の日");
        CHECK(name_on(2022, 10, 10) == "スポーツの日");
    }
}

TEST_CASE("equinox days") {
    SUBCASE("vernal") {
        CHECK(name_on(1960, 3, 20) == "春分の日");
        CHECK(name_on(1979, 3, 21) == "春分の日");
        CHECK(name_on(2024, 3, 20) == "春分の日");
        CHECK(name_on(2025, 3, 20) == "春分の日");
        CHECK(name_on(2027, 3, 21) == "春分の日");
        CHECK(name_on(2092, 3, 19) == "春分の日");
    }
    SUBCASE("autumnal") {
        CHECK(name_on(1979, 9, 24) == "秋分の日");
        CHECK(name_on(2012, 9, 22) == "秋分の日");
        CHECK(name_on(2024, 9, 22) == "秋分の日");
        CHECK(name_on(2025, 9, 23) == "秋分の日");
        CHECK(name_on(2026, 9, 23) == "秋分の日");
    }
}

TEST_CASE("substitute holidays") {
    SUBCASE("none before 1973-04-12") {
        CHECK(name_on(1973, 2, 11) == "建国記念の日");  // a Sunday
        CHECK(name_on(1973, 2, 12).empty());
        CHECK(name_on(1973, 4, 30) == "振替休日");
    }
    SUBCASE("the Monday after a Sunday holiday") {
        CHECK(name_on(1998, 5, 4) == "振替休日");  // May 3 was a Sunday
        CHECK(name_on(2023, 1, 2) == "振替休日");
        CHECK(name_on(2021, 8, 9) == "振替休日");
    }
    SUBCASE("from 2007 the next day that is not a holiday") {
        CHECK(name_on(2008, 5, 6) == "振替休日");  // May 4 was a Sunday
        CHECK(name_on(2009, 5, 6) == "振替休日");  // May 3 was a Sunday
        CHECK(name_on(2026, 5, 3) == "憲法記念日");
        CHECK(name_on(2026, 5, 4) == "みどりの日");
        CHECK(name_on(2026, 5, 5) == "こどもの日");
        CHECK(name_on(2026, 5, 6) == "振替休日");
    }
}

TEST_CASE("citizens' holidays") {
    SUBCASE("May 4 between 1986 and 2006") {
        CHECK(name_on(1985, 5, 4).empty());  // before the 1985-12-27 amendment
        CHECK(name_on(1986, 5, 4).empty());  // a Sunday: excluded before 2007
        CHECK(name_on(1987, 5, 4) == "振替休日");
        CHECK(name_on(1988, 5, 4) == "国民の休日");
        CHECK(name_on(2006, 5, 4) == "国民の休日");
    }
    SUBCASE("between Respect for the Aged Day and the autumnal equinox") {
        CHECK(name_on(2009, 9, 22) == "国民の休日");
        CHECK(name_on(2015, 9, 22) == "国民の休日");
        CHECK(name_on(2026, 9, 21) == "敬老の日");
        CHECK(name_on(2026, 9, 22) == "国民の休日");
        CHECK(name_on(2026, 9, 23) == "秋分の日");
    }
}

TEST_CASE("one-off holidays") {
    SUBCASE("imperial ceremonies") {
        CHECK(name_on(1959, 4, 10) == "皇太子明仁親王の結婚の儀");
        CHECK(name_on(1989, 2, 24) == "昭和天皇の大喪の礼");
        CHECK(name_on(1990, 11, 12) == "即位礼正殿の儀");
        CHECK(name_on(1993, 6, 9) == "皇太子徳仁親王の結婚の儀");
        CHECK(name_on(2019, 10, 22) == "即位礼正殿の儀");
    }
    SUBCASE("2019's ten-day Golden Week") {
        CHECK(name_on(2019, 4, 26).empty());
        CHECK(name_on(2019, 4, 27).empty());  // Saturday
        CHECK(name_on(2019, 4, 28).empty());  // Sunday
        CHECK(name_on(2019, 4, 29) == "昭和の日");
        CHECK(name_on(2019, 4, 30) == "国民の休日");
        CHECK(name_on(2019, 5, 1) == "天皇の即位の日");
        CHECK(name_on(2019, 5, 2) == "国民の休日");
        CHECK(name_on(2019, 5, 3) == "憲法記念日");
        CHECK(name_on(2019, 5, 4) == "みどりの日");
        CHECK(name_on(2019, 5, 5) == "こどもの日");
        CHECK(name_on(2019, 5, 6) == "振替休日");
        CHECK(name_on(2019, 5, 7).empty());
    }
}

TEST_CASE("Olympic moves") {
    SUBCASE("2020") {
        CHECK(name_on(2020, 7, 23) == "海の日");
        CHECK(name_on(2020, 7, 24) == "スポーツの日");
        CHECK(name_on(2020, 8, 10) == "山の日");
        CHECK(name_on(2020, 7, 20).empty());
        CHECK(name_on(2020, 8, 11).empty());
        CHECK(name_on(2020, 10, 12).empty());
    }
    SUBCASE("2021") {
        CHECK(name_on(2021, 7, 22) == "海の日");
        CHECK(name_on(2021, 7, 23) == "スポーツの日");
        CHECK(name_on(2021, 8, 8) == "山の日");
        CHECK(name_on(2021, 8, 9) == "振替休日");
        CHECK(name_on(2021, 7, 19).empty());
        CHECK(name_on(2021, 8, 11).empty());
        CHECK(name_on(2021, 10, 11).empty());
    }
    SUBCASE("back to the rules in 2022") {
        CHECK(name_on(2022, 7, 18) == "海の日");
        CHECK(name_on(2022, 8, 11) == "山の日");
        CHECK(name_on(2022, 10, 10) == "スポーツの日");
    }
}

TEST_CASE("years are computed on first use, also from several threads at once") {
    // Each thread asks for the years in its own order: every first use races with another.
    std::vector<std::vector<std::size_t>> counts(4);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < counts.size(); ++t) {
        threads.emplace_back([t, &counts] {
            for (int i = 0; i <= 2099 - 1955; ++i) {
                const int y = t % 2 == 0 ? 1955 + i : 2099 - i;
                counts[t].push_back(jp_holidays(y).size() + (winback::is_jp_holiday(year{y} / January / 1) ? 1000 : 0));
            }
        });
    }
    for (std::thread& thread : threads) thread.join();
    for (std::size_t t = 1; t < counts.size(); ++t) {
        std::vector<std::size_t> same = counts[t];
        if (t % 2 == 1) std::reverse(same.begin(), same.end());
        CHECK(same == counts[0]);
    }
    CHECK(counts[0].front() == 1000 + 9);  // 1955: 元日 and eight more
}
