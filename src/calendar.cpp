#include "winback/calendar.hpp"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/holidays.hpp"

namespace winback {

bool is_closed(const Calendar& calendar, Date date) {
    if (calendar.closed_weekday[weekday_index(date)]) return true;
    if (calendar.jp_holidays && is_jp_holiday(date)) return true;
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

// ---- check: runs of closed days too long to shift out of -------------------------------------

namespace {

// A closed range with the section it was written in.
struct Closure {
    const DateRange* range;
    std::string_view section;
};

std::vector<Closure> closures_of(const Calendars& calendars) {
    std::vector<Closure> out;
    for (const DateRange& r : calendars.facility->closed) out.push_back({&r, "[facility]"});
    if (calendars.office) {
        for (const DateRange& r : calendars.office->closed) out.push_back({&r, "[care_manager_office]"});
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Closure& a, const Closure& b) { return a.range->from < b.range->from; });
    return out;
}

// The far end (in the walk's direction) of the closed ranges that hold `day`, if any: the walk
// jumps over a range at once, so a closure of years costs no more than one of a day.
std::optional<Date> range_end(const std::vector<Closure>& closures, Date day, long direction) {
    std::optional<Date> end;
    for (const Closure& c : closures) {
        if (c.range->from <= day && day <= c.range->to) {
            const Date far = direction > 0 ? c.range->to : c.range->from;
            if (!end || (direction > 0 ? *end < far : far < *end)) end = far;
        }
    }
    return end;
}

// The last closed day of the run that holds the closed day `day`, walking in `direction`.
// Ends because some weekday is open (see validate_calendar) and holidays are a few days long.
Date run_edge(const Calendars& calendars, const std::vector<Closure>& closures, Date day, long direction) {
    while (true) {
        const Date next = add_days(day, direction);
        if (auto end = range_end(closures, next, direction)) {
            day = *end;
        } else if (calendars.closed(next)) {
            day = next;
        } else {
            return day;
        }
    }
}

struct Run {
    Date first;
    Date last;
};

// Reports each run longer than max_shift_days once, at its first closure; returns the runs.
std::vector<Run> check_runs(const Calendars& calendars, std::string_view what, const std::vector<Run>& known,
                            std::string_view path, Diagnostics& diagnostics) {
    const std::vector<Closure> closures = closures_of(calendars);
    std::vector<Run> runs;
    std::optional<Date> checked_until;
    for (const Closure& c : closures) {
        if (checked_until && c.range->from <= *checked_until) continue;  // part of the run before
        const Run run{run_edge(calendars, closures, c.range->from, -1), run_edge(calendars, closures, c.range->to, 1)};
        checked_until = run.last;
        const long length = days_between(run.first, run.last) + 1;
        if (length <= max_shift_days) continue;
        runs.push_back(run);
        const bool reported = std::any_of(known.begin(), known.end(), [&](const Run& k) {
            return !(k.last < run.first) && !(run.last < k.first);
        });
        if (reported) continue;
        diagnostics.error(path, c.range->where,
                          fmt::format("{}: {} {} days in a row, {} to {}, with this closure: {} finds no open day "
                                      "within {} days to move to",
                                      c.section, what, length, format_date(run.first), format_date(run.last),
                                      calendars.office ? "a step to a care manager due there" : "a due date there",
                                      max_shift_days));
    }
    return runs;
}

}  // namespace

void validate_calendar(const Facility& facility, std::string_view path, Diagnostics& diagnostics) {
    if (facility.shift == Shift::none) return;  // nothing moves, so nothing can fail to move
    const Calendars alone{&facility.calendar, nullptr};
    const Calendars both = calendars_for(facility, Recipient::care_manager);
    // Every weekday closed is reported by load_facility; the runs would then never end.
    for (const Calendars* c : {&alone, &both}) {
        bool open_weekday = false;
        for (unsigned day = 0; day < 7; ++day) {
            const bool office_closed = c->office && c->office->closed_weekday[day];
            open_weekday = open_weekday || (!c->facility->closed_weekday[day] && !office_closed);
        }
        if (!open_weekday) return;
    }
    const std::vector<Run> runs = check_runs(alone, "the facility is closed", {}, path, diagnostics);
    if (both.office) {
        check_runs(both, "the facility and the care managers' offices are not both open for", runs, path, diagnostics);
    }
}

// ---- winback calendar: the closed days and why ---------------------------------------------

std::string_view to_string(CalendarId calendar) {
    return calendar == CalendarId::facility ? "facility" : "care_manager_office";
}

std::string_view to_string(ClosedKind kind) {
    constexpr std::array<std::string_view, 3> words = {"holiday", "closed", "closed_weekday"};
    return words.at(static_cast<std::size_t>(kind));
}

namespace {

// The one reason a calendar is closed on a day, in the order of ClosedKind.
std::optional<ClosedDay> closed_day(const Calendar& calendar, CalendarId id, Date date) {
    if (calendar.jp_holidays) {
        if (auto holiday = jp_holiday(date)) {
            return ClosedDay{date, id, ClosedKind::holiday, holiday->name_ja, holiday->name_en};
        }
    }
    for (const DateRange& r : calendar.closed) {
        if (date < r.from || r.to < date) continue;
        if (!r.label.empty()) return ClosedDay{date, id, ClosedKind::closed, r.label, r.label};
        if (r.from == r.to) return ClosedDay{date, id, ClosedKind::closed, "休業日", "Closed date"};
        return ClosedDay{date, id, ClosedKind::closed,
                         fmt::format("休業期間 {}〜{}", format_date(r.from), format_date(r.to)),
                         fmt::format("Closure {} to {}", format_date(r.from), format_date(r.to))};
    }
    const unsigned weekday = weekday_index(date);
    if (calendar.closed_weekday[weekday]) {
        return ClosedDay{date, id, ClosedKind::closed_weekday, std::string(weekday_name(weekday, Lang::ja)),
                         std::string(weekday_name(weekday, Lang::en))};
    }
    return std::nullopt;
}

}  // namespace

std::vector<ClosedDay> closed_days(const Facility& facility, Date from, Date to) {
    std::vector<ClosedDay> out;
    for (Date day = from; day <= to; day = add_days(day, 1)) {
        if (auto c = closed_day(facility.calendar, CalendarId::facility, day)) out.push_back(std::move(*c));
        if (facility.care_manager_office) {
            if (auto c = closed_day(*facility.care_manager_office, CalendarId::care_manager_office, day)) {
                out.push_back(std::move(*c));
            }
        }
    }
    return out;
}

namespace {

// The keys of csv, tsv, json and ndjson, in order; the table shows the same days for people.
constexpr std::array<Field, 5> calendar_fields = {{{"date"}, {"calendar"}, {"kind"}, {"name"}, {"name_en"}}};

std::vector<Cells> machine_cells(const std::vector<ClosedDay>& days) {
    std::vector<Cells> rows;
    for (const ClosedDay& d : days) {
        rows.push_back({format_date(d.date), std::string(to_string(d.calendar)), std::string(to_string(d.kind)), d.name,
                        d.name_en});
    }
    return rows;
}

std::string_view people_label(CalendarId calendar, Lang lang) {
    if (calendar == CalendarId::facility) return lang == Lang::ja ? "施設" : "facility";
    return lang == Lang::ja ? "ケアマネ事業所" : "care manager office";
}

std::string_view people_label(ClosedKind kind, Lang lang) {
    constexpr std::array<std::string_view, 3> en = {"holiday", "closed", "closed weekday"};
    constexpr std::array<std::string_view, 3> ja = {"祝日", "休業日", "定休日"};
    return (lang == Lang::ja ? ja : en).at(static_cast<std::size_t>(kind));
}

std::string calendar_table(const Facility& facility, Date from, Date to, const std::vector<ClosedDay>& days,
                           Lang lang) {
    const bool ja = lang == Lang::ja;
    std::string out;
    const std::string span = fmt::format(fmt::runtime(ja ? "{}〜{}" : "{} to {}"), format_date(from), format_date(to));
    if (ja) {
        out += fmt::format("{}の休業日（{}）\n", facility.name.empty() ? "施設" : facility.name, span);
        out += facility.care_manager_office ? "ケアマネ宛ての連絡は、施設とケアマネ事業所の両方が開いている日に"
                                              "予定します。\n"
                                            : "ケアマネ事業所の休業日は施設と同じです（facility.toml に "
                                              "[care_manager_office] がありません）。\n";
    } else {
        out += fmt::format("Closed days of {}, {}\n", facility.name.empty() ? "the facility" : facility.name, span);
        out += facility.care_manager_office
                   ? "Steps to a care manager are planned on days open for both the facility and the offices.\n"
                   : "Care managers' offices follow the facility's calendar (facility.toml has no "
                     "[care_manager_office]).\n";
    }
    if (days.empty()) return out + (ja ? "\n休業日はありません。\n" : "\nNo closed days.\n");

    std::vector<Cells> rows;
    rows.push_back(ja ? Cells{"日付", "曜日", "カレンダー", "理由", "名称"}
                      : Cells{"DATE", "DAY", "CALENDAR", "REASON", "NAME"});
    for (const ClosedDay& d : days) {
        rows.push_back({format_date(d.date), std::string(weekday_short(weekday_index(d.date), lang)),
                        std::string(people_label(d.calendar, lang)), std::string(people_label(d.kind, lang)),
                        ja ? d.name : d.name_en});
    }
    const std::vector<std::string> lines = aligned_lines(rows, column_widths(rows));
    out += "\n";
    for (std::size_t r = 0; r < lines.size(); ++r) {
        // A blank line between months, so that a year reads month by month.
        if (r > 1 && days[r - 2].date.month() != days[r - 1].date.month()) out += "\n";
        out += lines[r] + "\n";
    }
    return out;
}

}  // namespace

std::string render_calendar(const Facility& facility, Date from, Date to, Format format, Lang lang) {
    const std::vector<ClosedDay> days = closed_days(facility, from, to);
    if (format == Format::table) return calendar_table(facility, from, to, days, lang);
    return machine_text(calendar_fields, machine_cells(days), format, false);
}

}  // namespace winback
