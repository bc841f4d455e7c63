#pragma once
// Open and closed days, and moving a due date off a closed day.

#include <optional>

#include "winback/date.hpp"
#include "winback/model.hpp"

namespace winback {

// How far a due date may move before winback gives up (and `check` reports the calendar).
inline constexpr int max_shift_days = 31;

bool is_closed(const Calendar& calendar, Date date);

// The calendars a due date must respect: the facility's, and for steps addressed to a care
// manager the care managers' offices' too (the day must be open for both).
struct Calendars {
    const Calendar* facility = nullptr;
    const Calendar* office = nullptr;  // null: only the facility's calendar applies

    bool closed(Date date) const;
};

Calendars calendars_for(const Facility& facility, Recipient to);

// The date itself when open; else the nearest open day in the shift's direction within
// max_shift_days. Nothing when no such day exists. Shift::none keeps the date as it is.
std::optional<Date> shift_date(Date date, Shift shift, const Calendars& calendars);

}  // namespace winback
