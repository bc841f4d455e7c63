#pragma once
// ISO calendar dates over std::chrono::year_month_day, and weekday names.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace winback {

using Date = std::chrono::year_month_day;

// Strict YYYY-MM-DD with a real calendar day (2026-02-30 is rejected).
std::optional<Date> parse_date(std::string_view text);
std::string format_date(Date date);

Date add_days(Date date, long days);
// Keeps the day of month and clamps to the month's last day (Jan 31 + 1 month = Feb 28/29).
Date add_months(Date date, long months);
// b - a in days.
long days_between(Date a, Date b);
// Whole months from a to b (negative when b < a), counting a month only once its day is reached,
// with month-end clamping: Jan 31 -> Feb 28 counts as one month.
long months_between(Date a, Date b);

// 0 = Monday ... 6 = Sunday.
unsigned weekday_index(Date date);
unsigned weekday_index(std::chrono::weekday day);
// "mon" .. "sun"
std::string_view weekday_key(unsigned index);
std::optional<unsigned> parse_weekday(std::string_view key);

}  // namespace winback
