#include "winback/duration.hpp"

#include <charconv>

#include <fmt/format.h>

namespace winback {

std::optional<Duration> parse_duration(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    Duration d;
    switch (text.back()) {
        case 'd': d.unit = Duration::Unit::day; break;
        case 'w': d.unit = Duration::Unit::week; break;
        case 'm': d.unit = Duration::Unit::month; break;
        case 'y': d.unit = Duration::Unit::year; break;
        default: return std::nullopt;
    }
    const std::string_view digits = text.substr(0, text.size() - 1);
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
    }
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), d.n);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) return std::nullopt;
    // Bound n before multiplying it, so that no unit conversion can overflow.
    if (d.n > max_duration_days) return std::nullopt;
    if (d.calendar() ? d.months() > max_duration_months : d.days() > max_duration_days) return std::nullopt;
    return d;
}

std::string format_duration(Duration d) {
    constexpr char units[] = {'d', 'w', 'm', 'y'};
    return fmt::format("{}{}", d.n, units[static_cast<int>(d.unit)]);
}

Date add(Date anchor, Duration d, long k) {
    return d.calendar() ? add_months(anchor, d.months() * k) : add_days(anchor, d.days() * k);
}

Date add(Date anchor, Duration first, Duration every, long k) {
    if (first.calendar() == every.calendar()) {
        return every.calendar() ? add_months(anchor, first.months() + every.months() * k)
                                : add_days(anchor, first.days() + every.days() * k);
    }
    return add(add(anchor, first), every, k);
}

}  // namespace winback
