#include "winback/calendar.hpp"

#include <algorithm>

#include "winback/holidays.hpp"

namespace winback {

bool is_closed(const Calendar& calendar, Date date) {
    if (calendar.closed_weekday[weekday_index(date)]) return true;
    if (calendar.jp_holidays && jp_holiday(date)) return true;
    for (const DateRange& range : calendar.closed) {
        if (range.from <= date && date <= range.to) return true;
    }
    return false;
}

bool Calendars::closed(Date date) const {
    return (facility && is_closed(*facility, date)) || (office && is_closed(*office, date));
}

Calendars calendars_for(const Facility& facility, Recipient to) {
    Calendars out{&facility.calendar, nullptr};
    if (to == Recipient::care_manager && facility.care_manager_office) out.office = &*facility.care_manager_office;
    return out;
}

std::optional<Date> shift_date(Date date, Shift shift, const Calendars& calendars) {
    if (shift == Shift::none || !calendars.closed(date)) return date;
    const long direction = shift == Shift::next ? 1 : -1;
    for (long i = 1; i <= max_shift_days; ++i) {
        const Date candidate = add_days(date, direction * i);
        if (!calendars.closed(candidate)) return candidate;
    }
    return std::nullopt;
}

}  // namespace winback
