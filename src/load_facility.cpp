// facility.toml: [facility], [care_manager_office] and [[rule]].

#include <algorithm>

#include <fmt/format.h>

#include "fields.hpp"
#include "winback/load.hpp"

namespace winback {

using detail::Fields;
using detail::Need;
using detail::where_of;

namespace {

constexpr std::string_view top_keys[] = {"facility", "care_manager_office", "rule"};
constexpr std::string_view facility_keys[] = {"name",  "closed_weekdays", "holidays",           "closed",
                                              "shift", "capacity",        "max_actions_per_day", "min_gap"};
constexpr std::string_view office_keys[] = {"closed_weekdays", "holidays", "closed"};
constexpr std::string_view range_keys[] = {"from", "to", "name"};
constexpr std::string_view rule_keys[] = {"id", "title", "changed", "reverted"};
constexpr std::string_view holiday_words[] = {"none", "jp"};

constexpr long long max_capacity = 100'000;

void load_closed(Fields& f, const toml::table& table, std::string_view path, Diagnostics& diagnostics,
                 Calendar& calendar) {
    const toml::node* node = table.get("closed");
    if (!node) return;
    const auto* array = node->as_array();
    if (!array) {
        f.wrong_type("closed", *node, "an array of dates and { from = ..., to = ... } ranges");
        return;
    }
    for (const toml::node& item : *array) {
        if (const auto* range = item.as_table()) {
            Fields r(*range, path, diagnostics, fmt::format("{}, closed range", f.context()), range_keys);
            auto from = r.date("from", Need::required);
            auto to = r.date("to", Need::required);
            if (!from || !to) continue;
            if (*to < *from) {
                r.error(r.where("to"), fmt::format("the range ends ({}) before it starts ({})", format_date(*to),
                                                   format_date(*from)));
                continue;
            }
            calendar.closed.push_back({*from, *to, r.string("name").value_or(""), where_of(item)});
        } else if (auto date = detail::date_value(f, item, "closed")) {
            calendar.closed.push_back({*date, *date, "", where_of(item)});
        }
    }
}

void load_calendar(Fields& f, const toml::table& table, std::string_view path, Diagnostics& diagnostics,
                   Calendar& calendar) {
    if (const toml::node* node = table.get("closed_weekdays")) {
        if (const auto* array = node->as_array()) {
            for (const toml::node& item : *array) {
                if (auto day = f.weekday(item, "closed_weekdays")) calendar.closed_weekday[*day] = true;
            }
        } else {
            f.wrong_type("closed_weekdays", *node, "an array of weekdays such as [\"sun\"]");
        }
    }
    if (auto holidays = f.string("holidays")) {
        if (*holidays == "jp") {
            calendar.jp_holidays = true;
        } else if (*holidays != "none") {
            const std::string hint = did_you_mean(*holidays, holiday_words);
            f.error(f.where("holidays"), fmt::format("unknown holidays \"{}\"{}", holidays->substr(0, 40),
                                                     hint.empty() ? "; expected \"jp\" or \"none\"" : hint));
        }
    }
    load_closed(f, table, path, diagnostics, calendar);
    if (std::all_of(calendar.closed_weekday.begin(), calendar.closed_weekday.end(), [](bool b) { return b; })) {
        f.error(f.where("closed_weekdays"), "every weekday is closed: no day is left to plan anything on");
    }
}

const toml::table* section(const toml::table& root, std::string_view key, std::string_view path,
                           Diagnostics& diagnostics) {
    const toml::node* node = root.get(key);
    if (!node) return nullptr;
    if (const auto* table = node->as_table()) return table;
    diagnostics.error(path, where_of(*node), fmt::format("\"{}\" must be a table ([{}]), not {}", key, key,
                                                          detail::type_name(*node)));
    return nullptr;
}

Rule load_rule(const toml::table& table, std::size_t index, std::string_view path, Diagnostics& diagnostics) {
    Fields f(table, path, diagnostics, detail::name_of(table, "id", "rule", index), rule_keys);
    Rule rule;
    rule.where = f.where();
    rule.id = f.string("id", Need::required).value_or("");
    if (!rule.id.empty()) f.set_context(fmt::format("rule \"{}\"", rule.id));
    rule.title = f.string("title").value_or("");
    rule.changed = f.date("changed");
    rule.reverted = f.date("reverted");
    if (rule.changed && rule.reverted && *rule.reverted < *rule.changed) {
        f.error(f.where("reverted"), fmt::format("reverted ({}) is before changed ({})", format_date(*rule.reverted),
                                                 format_date(*rule.changed)));
    }
    return rule;
}

}  // namespace

FacilityFile load_facility(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    FacilityFile file;
    auto root = detail::parse_toml(text, path, diagnostics, top_keys);
    if (!root) return file;
    file.parsed = true;
    Facility& out = file.facility;

    if (const toml::table* t = section(*root, "facility", path, diagnostics)) {
        Fields f(*t, path, diagnostics, "[facility]", facility_keys);
        out.name = f.string("name").value_or("");
        load_calendar(f, *t, path, diagnostics, out.calendar);
        if (auto shift = f.word<Shift>("shift")) out.shift = *shift;
        out.capacity = f.integer("capacity", 0, max_capacity);
        out.max_actions_per_day = f.integer("max_actions_per_day", 1, max_capacity);
        out.min_gap = f.duration("min_gap");
    }
    if (const toml::table* t = section(*root, "care_manager_office", path, diagnostics)) {
        Fields f(*t, path, diagnostics, "[care_manager_office]", office_keys);
        Calendar calendar;
        load_calendar(f, *t, path, diagnostics, calendar);
        // Steps to a care manager need a day open for both calendars.
        bool open_for_both = false;
        for (std::size_t day = 0; day < 7; ++day) {
            open_for_both = open_for_both || (!calendar.closed_weekday[day] && !out.calendar.closed_weekday[day]);
        }
        const auto all = [](const Calendar& c) {
            return std::all_of(c.closed_weekday.begin(), c.closed_weekday.end(), [](bool b) { return b; });
        };
        if (!open_for_both && !all(calendar) && !all(out.calendar)) {
            f.error(f.where("closed_weekdays"), "no weekday is open for both the facility and the care managers' "
                                                "offices: no day is left for a step to a care manager");
        }
        out.care_manager_office = calendar;
    }
    out.rules = detail::load_table_array<Rule>(
        *root, "rule", "id", "rule id", path, diagnostics,
        [&](const toml::table& t, std::size_t i) { return load_rule(t, i, path, diagnostics); },
        [](const Rule& rule) -> const std::string& { return rule.id; });
    return file;
}

}  // namespace winback
