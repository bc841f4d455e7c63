#include "winback/holidays.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string_view>
#include <utility>

namespace winback {

using namespace std::chrono;

namespace {

constexpr int last_year = 2099;
constexpr int forever = 9999;

enum class Kind { fixed, nth_monday, vernal_equinox, autumnal_equinox };

// A 国民の祝日 as the law defined it during [first_year, last_year].
struct Rule {
    const char* ja;
    const char* en;
    int first_year;
    int last_year;
    unsigned month;
    unsigned day;  // day of month (fixed) or which Monday (nth_monday); unused for equinoxes
    Kind kind;
};

// One table row per wording of the law; a change of date or name is a new row.
constexpr Rule rules[] = {
    {"元日", "New Year's Day", 1949, forever, 1, 1, Kind::fixed},
    {"成人の日", "Coming of Age Day", 1949, 1999, 1, 15, Kind::fixed},
    {"成人の日", "Coming of Age Day", 2000, forever, 1, 2, Kind::nth_monday},
    {"建国記念の日", "National Foundation Day", 1967, forever, 2, 11, Kind::fixed},
    {"天皇誕生日", "Emperor's Birthday", 2020, forever, 2, 23, Kind::fixed},
    {"春分の日", "Vernal Equinox Day", 1949, forever, 3, 0, Kind::vernal_equinox},
    {"天皇誕生日", "Emperor's Birthday", 1949, 1988, 4, 29, Kind::fixed},
    {"みどりの日", "Greenery Day", 1989, 2006, 4, 29, Kind::fixed},
    {"昭和の日", "Showa Day", 2007, forever, 4, 29, Kind::fixed},
    {"憲法記念日", "Constitution Memorial Day", 1949, forever, 5, 3, Kind::fixed},
    {"みどりの日", "Greenery Day", 2007, forever, 5, 4, Kind::fixed},
    {"こどもの日", "Children's Day", 1949, forever, 5, 5, Kind::fixed},
    {"海の日", "Marine Day", 1996, 2002, 7, 20, Kind::fixed},
    {"海の日", "Marine Day", 2003, forever, 7, 3, Kind::nth_monday},
    {"山の日", "Mountain Day", 2016, forever, 8, 11, Kind::fixed},
    {"敬老の日", "Respect for the Aged Day", 1966, 2002, 9, 15, Kind::fixed},
    {"敬老の日", "Respect for the Aged Day", 2003, forever, 9, 3, Kind::nth_monday},
    {"秋分の日", "Autumnal Equinox Day", 1949, forever, 9, 0, Kind::autumnal_equinox},
    {"体育の日", "Health and Sports Day", 1966, 1999, 10, 10, Kind::fixed},
    {"体育の日", "Health and Sports Day", 2000, 2019, 10, 2, Kind::nth_monday},
    {"スポーツの日", "Sports Day", 2020, forever, 10, 2, Kind::nth_monday},
    {"文化の日", "Culture Day", 1949, forever, 11, 3, Kind::fixed},
    {"勤労感謝の日", "Labor Thanksgiving Day", 1949, forever, 11, 23, Kind::fixed},
    {"天皇誕生日", "Emperor's Birthday", 1989, 2018, 12, 23, Kind::fixed},
};

// The Tokyo Olympics special measures law moved these three holidays in 2020 and 2021.
struct Move {
    int year;
    std::string_view ja;
    unsigned month;
    unsigned day;
};

constexpr Move moves[] = {
    {2020, "海の日", 7, 23}, {2020, "スポーツの日", 7, 24}, {2020, "山の日", 8, 10},
    {2021, "海の日", 7, 22}, {2021, "スポーツの日", 7, 23}, {2021, "山の日", 8, 8},
};

// Days made holidays by their own special laws; they count as 国民の祝日 for the
// substitute and citizens' holiday rules (that is what makes 2019-04-30 and 05-02).
struct OneOff {
    int year;
    unsigned month;
    unsigned day;
    const char* ja;
    const char* en;
};

constexpr OneOff one_offs[] = {
    {1959, 4, 10, "皇太子明仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Akihito"},
    {1989, 2, 24, "昭和天皇の大喪の礼", "Funeral Ceremony of Emperor Showa"},
    {1990, 11, 12, "即位礼正殿の儀", "Enthronement Ceremony Day"},
    {1993, 6, 9, "皇太子徳仁親王の結婚の儀", "Wedding Ceremony of Crown Prince Naruhito"},
    {2019, 5, 1, "天皇の即位の日", "Enthronement Day"},
    {2019, 10, 22, "即位礼正殿の儀", "Enthronement Ceremony Day"},
};

constexpr const char* substitute_ja = "振替休日";
constexpr const char* substitute_en = "Substitute Holiday";
constexpr const char* citizens_ja = "国民の休日";
constexpr const char* citizens_en = "Citizens' Holiday";

// 振替休日 since the 1973-04-12 amendment; 国民の休日 since the 1985-12-27 amendment;
// both reworded by the 2005 amendment in force from 2007-01-01.
constexpr sys_days substitute_start = sys_days{1973y / April / 12};
constexpr sys_days citizens_start = sys_days{1985y / December / 27};
constexpr int rules_2007 = 2007;

// The usual approximation of the equinox day in JST (1900-2099), in millionths of a
// day so no rounding can flip a date. Checked against an ephemeris for 1955-2099.
unsigned equinox_day(int y, bool vernal) {
    const std::int64_t n = y - 1980;
    std::int64_t base = 0;
    std::int64_t leaps = 0;
    if (y <= 1979) {
        base = vernal ? 20'835'700 : 23'258'800;
        leaps = (y - 1983) / 4;  // truncates toward zero, as the formula means
    } else {
        base = vernal ? 20'843'100 : 23'248'800;
        leaps = n / 4;
    }
    return static_cast<unsigned>((base + 242'194 * n - 1'000'000 * leaps) / 1'000'000);
}

sys_days rule_date(const Rule& rule, int y) {
    const year yy{y};
    const month m{rule.month};
    for (const Move& move : moves) {
        if (move.year == y && move.ja == rule.ja) {
            return sys_days{yy / month{move.month} / day{move.day}};
        }
    }
    switch (rule.kind) {
        case Kind::fixed:
            break;
        case Kind::nth_monday:
            return sys_days{yy / m / Monday[rule.day]};
        case Kind::vernal_equinox:
            return sys_days{yy / m / day{equinox_day(y, true)}};
        case Kind::autumnal_equinox:
            return sys_days{yy / m / day{equinox_day(y, false)}};
    }
    return sys_days{yy / m / day{rule.day}};
}

struct Entry {
    sys_days date;
    const char* ja;
    const char* en;
};

bool operator<(const Entry& a, const Entry& b) { return a.date < b.date; }

bool contains(const std::vector<Entry>& sorted, sys_days date) {
    return std::binary_search(sorted.begin(), sorted.end(), Entry{date, nullptr, nullptr});
}

std::vector<Holiday> compute_year(int y) {
    // The 国民の祝日 proper: rules (with the Olympic moves) and one-off days.
    std::vector<Entry> national;
    for (const Rule& rule : rules) {
        if (rule.first_year <= y && y <= rule.last_year) {
            national.push_back({rule_date(rule, y), rule.ja, rule.en});
        }
    }
    for (const OneOff& one : one_offs) {
        if (one.year == y) {
            national.push_back({sys_days{year{y} / month{one.month} / day{one.day}}, one.ja, one.en});
        }
    }
    std::sort(national.begin(), national.end());

    // 振替休日: before 2007 the Monday after a Sunday holiday; from 2007 the first
    // following day that is not itself a 国民の祝日.
    std::vector<Entry> substitutes;
    for (const Entry& holiday : national) {
        if (holiday.date < substitute_start || weekday{holiday.date} != Sunday) continue;
        sys_days next = holiday.date + days{1};
        if (y >= rules_2007) {
            while (contains(national, next)) next += days{1};
        } else if (contains(national, next)) {
            continue;
        }
        substitutes.push_back({next, substitute_ja, substitute_en});
    }

    // 国民の休日: a day whose day before and day after are both 国民の祝日. Before 2007 the
    // law excluded Sundays and substitute days; from 2007 only days that are 祝日 already.
    std::vector<Entry> citizens;
    for (std::size_t i = 0; i + 1 < national.size(); ++i) {
        const sys_days between = national[i].date + days{1};
        if (national[i + 1].date != between + days{1} || between < citizens_start) continue;
        if (std::any_of(substitutes.begin(), substitutes.end(),
                        [&](const Entry& s) { return s.date == between; })) {
            continue;
        }
        if (y < rules_2007 && weekday{between} == Sunday) continue;
        citizens.push_back({between, citizens_ja, citizens_en});
    }

    std::vector<Entry> all = national;
    all.insert(all.end(), substitutes.begin(), substitutes.end());
    all.insert(all.end(), citizens.begin(), citizens.end());
    std::sort(all.begin(), all.end());

    std::vector<Holiday> out;
    out.reserve(all.size());
    for (const Entry& e : all) out.push_back({year_month_day{e.date}, e.ja, e.en});
    return out;
}

// A computed year with a day-of-year index, so a lookup is two array reads.
struct YearTable {
    std::vector<Holiday> holidays;
    std::array<std::int8_t, 12 * 31> slot{};  // index into holidays, or -1
};

std::size_t slot_of(const year_month_day& date) {
    return (static_cast<unsigned>(date.month()) - 1) * 31 + (static_cast<unsigned>(date.day()) - 1);
}

constexpr std::size_t covered_years = last_year - jp_holidays_first_year + 1;

// A covered year's table, built on its first use (std::call_once: thread-safe). A plan needs a
// year or two of the 145: building them all took a quarter of the start of a small book.
const YearTable& table_of(int y) {
    static std::array<std::once_flag, covered_years> once;
    static std::array<std::unique_ptr<const YearTable>, covered_years> tables;
    const auto i = static_cast<std::size_t>(y - jp_holidays_first_year);
    std::call_once(once[i], [&] {
        auto table = std::make_unique<YearTable>();
        table->holidays = compute_year(y);
        table->slot.fill(-1);
        for (std::size_t k = 0; k < table->holidays.size(); ++k) {
            table->slot[slot_of(table->holidays[k].date)] = static_cast<std::int8_t>(k);
        }
        tables[i] = std::move(table);
    });
    return *tables[i];
}

// The index of date's holiday in its year's table, or -1 (also for uncovered years).
int holiday_slot(year_month_day date) {
    if (!date.ok() || !jp_holidays_cover(static_cast<int>(date.year()))) return -1;
    return table_of(static_cast<int>(date.year())).slot[slot_of(date)];
}

}  // namespace

int jp_holidays_last_year() { return last_year; }

bool jp_holidays_cover(int y) { return jp_holidays_first_year <= y && y <= last_year; }

std::vector<Holiday> jp_holidays(int y) {
    if (!jp_holidays_cover(y)) return {};
    return table_of(y).holidays;
}

std::optional<Holiday> jp_holiday(year_month_day date) {
    const int i = holiday_slot(date);
    if (i < 0) return std::nullopt;
    return table_of(static_cast<int>(date.year())).holidays[static_cast<std::size_t>(i)];
}

bool is_jp_holiday(year_month_day date) { return holiday_slot(date) >= 0; }

}  // namespace winback
