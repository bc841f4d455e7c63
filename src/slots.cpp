#include "winback/slots.hpp"

#include <array>

#include <fmt/format.h>

#include "winback/columns.hpp"
#include "winback/course.hpp"
#include "winback/i18n.hpp"
#include "winback/text.hpp"

namespace winback {

std::optional<long long> WeekdaySlots::free() const {
    if (!capacity) return std::nullopt;
    return *capacity - active - static_cast<long long>(held.size());
}

std::optional<double> WeekdaySlots::use() const {
    if (!capacity || *capacity <= 0) return std::nullopt;
    return static_cast<double>(active + static_cast<long long>(held.size())) / static_cast<double>(*capacity);
}

Slots make_slots(const Book& book, Date today) {
    const LogIndex log(book, today);
    const Occupancy taken = occupancy(book, log, today);
    Slots slots{today, {}};
    for (unsigned day = 0; day < 7; ++day) {
        if (book.facility.calendar.closed_weekday[day]) continue;
        WeekdaySlots w;
        w.weekday = day;
        w.capacity = book.facility.capacity;
        w.active = taken.attending[day];
        w.held = taken.holders[day];
        for (const HeldSlot& h : w.held) {
            const Client* c = book.find_client(h.client_id);
            w.held_names.push_back(c ? std::string(c->name) : std::string());
        }
        slots.weekdays.push_back(std::move(w));
    }
    return slots;
}

namespace {

std::string number_or_empty(const std::optional<long long>& n) {
    return n ? fmt::format("{}", *n) : std::string();
}

// "C-0042 工藤 信夫 (since 2026-01-31)" for people; "C-0042 (2026-01-31)" for machines.
std::string held_by(const WeekdaySlots& w, Audience who, Lang lang) {
    std::string out;
    for (std::size_t i = 0; i < w.held.size(); ++i) {
        if (i > 0) out += who == Audience::people && lang == Lang::ja ? "、" : "; ";
        const std::string since = format_date(w.held[i].since);
        if (who == Audience::machines) {
            out += fmt::format("{} ({})", w.held[i].client_id, since);
        } else if (lang == Lang::ja) {
            out += fmt::format("{} {}（{}から）", w.held[i].client_id, w.held_names[i], since);
        } else {
            out += fmt::format("{} {} (since {})", w.held[i].client_id, w.held_names[i], since);
        }
    }
    return out;
}

constexpr std::array<Column<WeekdaySlots>, 6> columns = {{
    {"weekday", "WEEKDAY", "曜日", ValueKind::text,
     [](const WeekdaySlots& w, Audience who, Lang lang) {
         return std::string(who == Audience::machines ? weekday_key(w.weekday) : weekday_name(w.weekday, lang));
     }},
    {"capacity", "CAPACITY", "定員", ValueKind::number,
     [](const WeekdaySlots& w, Audience, Lang) { return number_or_empty(w.capacity); }},
    {"active", "ACTIVE", "利用中", ValueKind::number,
     [](const WeekdaySlots& w, Audience, Lang) { return fmt::format("{}", w.active); }},
    {"held", "HELD", "確保枠", ValueKind::number,
     [](const WeekdaySlots& w, Audience, Lang) { return fmt::format("{}", w.held.size()); }},
    {"free", "FREE", "空き", ValueKind::number,
     [](const WeekdaySlots& w, Audience, Lang) { return number_or_empty(w.free()); }},
    {"held_by", "HELD FOR", "確保している方", ValueKind::text, held_by},
}};

constexpr std::array<Field, 3> holder_fields = {
    {{"client_id", ValueKind::text}, {"client", ValueKind::text}, {"since", ValueKind::date}}};

// The flat columns of a weekday, with held_by as an array of {client_id, client, since}.
std::string json_weekday(const WeekdaySlots& w) {
    std::vector<Field> fields;
    Cells cells;
    for (const Column<WeekdaySlots>& c : columns) {
        if (c.key == "held_by") continue;
        fields.push_back({c.key, c.kind});
        cells.push_back(c.get(w, Audience::machines, Lang::en));
    }
    std::string out = json_object(fields, cells);
    out.pop_back();  // the closing brace
    out += ",\"held_by\":[";
    for (std::size_t i = 0; i < w.held.size(); ++i) {
        if (i > 0) out += ",";
        out += json_object(holder_fields, {w.held[i].client_id, w.held_names[i], format_date(w.held[i].since)});
    }
    return out + "]}";
}

std::string render_json(const Slots& slots, bool ndjson) {
    std::string out = ndjson ? "" : "[";
    for (std::size_t i = 0; i < slots.weekdays.size(); ++i) {
        if (!ndjson) out += i > 0 ? ",\n  " : "\n  ";
        out += json_weekday(slots.weekdays[i]);
        if (ndjson) out += "\n";
    }
    if (!ndjson) out += slots.weekdays.empty() ? "]\n" : "\n]\n";
    return out;
}

std::string title(const Slots& slots, Lang lang) {
    const std::string date = format_date(slots.date);
    const std::optional<long long> capacity = slots.weekdays.empty() ? std::nullopt : slots.weekdays[0].capacity;
    if (lang == Lang::ja) {
        return capacity ? fmt::format("{}時点の曜日別の利用枠（定員 {}人）\n", date, *capacity)
                        : fmt::format("{}時点の曜日別の利用枠（定員の設定なし）\n", date);
    }
    return capacity ? fmt::format("Places per open weekday on {} (capacity {} a day)\n", date, *capacity)
                    : fmt::format("Places per open weekday on {} (no capacity set)\n", date);
}

}  // namespace

std::string render_slots(const Slots& slots, const RenderOptions& options) {
    switch (options.format) {
        case Format::json:
            return render_json(slots, false);
        case Format::ndjson:
            return render_json(slots, true);
        case Format::csv:
        case Format::tsv:
            return render_machine<WeekdaySlots>(columns, slots.weekdays, options.format, options.raw);
        case Format::table:
        case Format::ics:  // not offered by `slots`
        case Format::html:
            break;
    }
    std::string out = title(slots, options.lang);
    for (const std::string& line :
         align_columns(people_cells<WeekdaySlots>(columns, slots.weekdays, options.lang), options.width)) {
        out += line + "\n";
    }
    return out;
}

}  // namespace winback
