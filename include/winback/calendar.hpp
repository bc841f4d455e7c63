#pragma once
// Open and closed days, and moving a due date off a closed day. See docs/calendar.md.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"
#include "winback/render.hpp"

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

// `check`: a run of closed days longer than max_shift_days (for the facility, and for the
// facility and the offices together) is an error at the closed range that makes it, since a
// due date in it could not be shifted. Nothing to check when shift = "none".
void validate_calendar(const Facility& facility, std::string_view path, Diagnostics& diagnostics);

// Which calendar a closed day belongs to; the words are those of `winback calendar`'s output.
enum class CalendarId { facility, care_manager_office };
// Why a day is closed. When several reasons apply, the first in this order is given.
enum class ClosedKind { holiday, closed, closed_weekday };

std::string_view to_string(CalendarId calendar);
std::string_view to_string(ClosedKind kind);

struct ClosedDay {
    Date date;
    CalendarId calendar = CalendarId::facility;
    ClosedKind kind = ClosedKind::closed;
    std::string name;     // Japanese: 元日, 日曜日, the range's name or 休業日
    std::string name_en;  // English: New Year's Day, Sunday, the range's name or Closed date
};

// Every closed day from `from` to `to` (inclusive), one per calendar and day with one reason,
// in date order, the facility before the offices on the same day. The offices appear only
// when facility.toml has a [care_manager_office] section. Holidays are those of the covered
// years (the CLI refuses others).
std::vector<ClosedDay> closed_days(const Facility& facility, Date from, Date to);

// `winback calendar`: the closed days as a table for people (with a title and a note on the
// offices' calendar), or csv, tsv, json, ndjson with the keys date, calendar, kind, name, name_en.
std::string render_calendar(const Facility& facility, Date from, Date to, Format format, Lang lang);

}  // namespace winback
