#pragma once

// Japanese national holidays (国民の祝日に関する法律 as amended, and the one-off special
// laws), computed from rules. Pure: no I/O, no clock. See docs/holidays.md.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace winback {

struct Holiday {
    std::chrono::year_month_day date;
    std::string name_ja;  // e.g. "元日", "振替休日", "国民の休日"
    std::string name_en;  // e.g. "New Year's Day", "Substitute Holiday", "Citizens' Holiday"
};

// The Cabinet Office list, which the reference test checks every date against, starts here.
inline constexpr int jp_holidays_first_year = 1955;

// The equinox formula is checked against an ephemeris up to this year (2099).
int jp_holidays_last_year();

bool jp_holidays_cover(int year);

// All holidays of a year in date order. Precondition: jp_holidays_cover(year);
// an uncovered year gives an empty list.
std::vector<Holiday> jp_holidays(int year);

// The holiday on that date, if any. Returns nullopt also for uncovered years
// (callers check coverage). O(1) after the first call for its year: each year is computed
// once, when first asked for.
std::optional<Holiday> jp_holiday(std::chrono::year_month_day date);

// Whether that date is a holiday (jp_holiday without copying its names): for closed days.
bool is_jp_holiday(std::chrono::year_month_day date);

}  // namespace winback
