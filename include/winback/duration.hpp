#pragma once
// Durations of the form "<n>d", "<n>w", "<n>m", "<n>y" and the date arithmetic on them.

#include <optional>
#include <string>
#include <string_view>

#include "winback/date.hpp"

namespace winback {

struct Duration {
    enum class Unit { day, week, month, year };
    long n = 0;
    Unit unit = Unit::day;

    // Months and years count in calendar months; days and weeks in days.
    bool calendar() const { return unit == Unit::month || unit == Unit::year; }
    long months() const { return unit == Unit::year ? n * 12 : n; }
    long days() const { return unit == Unit::week ? n * 7 : n; }
    friend bool operator==(const Duration&, const Duration&) = default;
};

// At most 100 years, which keeps every computed date far inside the calendar's range.
inline constexpr long max_duration_days = 36525;
inline constexpr long max_duration_months = 1200;

std::optional<Duration> parse_duration(std::string_view text);
std::string format_duration(Duration d);

// anchor + k x d, computed from the anchor (never step by step), clamping month ends.
Date add(Date anchor, Duration d, long k = 1);
// anchor + first + k x every: in one unit when both count the same way, so that a cadence
// anchored on Jan 31 gives Feb 28, Mar 31, Apr 30; else first is applied, then k x every.
Date add(Date anchor, Duration first, Duration every, long k);

}  // namespace winback
