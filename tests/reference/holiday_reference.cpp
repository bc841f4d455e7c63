// Compares jp_holidays() with the Cabinet Office list (syukujitsu.csv) for every year the
// list covers: each list entry must be produced with the same name, and nothing more.
// The list comes from fetch_syukujitsu.sh as "YYYY-MM-DD,name" lines (UTF-8).
//
// usage: winback_holiday_reference [CSV]   (default: $WINBACK_SYUKUJITSU_CSV)

#include "winback/holidays.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace {

using namespace std::chrono;
using Day = std::pair<year_month_day, std::string>;  // date, name as the list spells it

std::string iso(year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

// Where the list names a day differently from the law we name it after.
std::string list_name(const winback::Holiday& h) {
    // The list calls every 振替休日 and 国民の休日 just "休日".
    if (h.name_ja == "振替休日" || h.name_ja == "国民の休日") return "休日";
    struct Alias {
        const char* date;
        const char* ours;
        const char* list;
    };
    static constexpr Alias aliases[] = {
        {"1959-04-10", "皇太子明仁親王の結婚の儀", "結婚の儀"},
        {"1989-02-24", "昭和天皇の大喪の礼", "大喪の礼"},
        {"1993-06-09", "皇太子徳仁親王の結婚の儀", "結婚の儀"},
        {"2019-05-01", "天皇の即位の日", "休日（祝日扱い）"},
        {"2019-10-14", "体育の日", "体育の日（スポーツの日）"},
        {"2019-10-22", "即位礼正殿の儀", "休日（祝日扱い）"},
    };
    const std::string date = iso(h.date);
    for (const Alias& a : aliases) {
        if (date == a.date && h.name_ja == a.ours) return a.list;
    }
    return h.name_ja;
}

bool parse_line(std::string_view line, Day& out) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    int used = 0;
    const std::string text{line};
    if (std::sscanf(text.c_str(), "%4d-%2u-%2u,%n", &y, &m, &d, &used) != 3 || used != 11) return false;
    out.first = year{y} / month{m} / day{d};
    out.second = text.substr(11);
    return out.first.ok() && !out.second.empty();
}

}  // namespace

int main(int argc, char** argv) {
    const char* env = std::getenv("WINBACK_SYUKUJITSU_CSV");
    const std::string path = argc > 1 ? argv[1] : env ? env : "";
    if (path.empty()) {
        std::cerr << "usage: winback_holiday_reference CSV (or set WINBACK_SYUKUJITSU_CSV)\n";
        return 2;
    }
    std::ifstream in(path);
    if (!in) {
        std::cerr << path << ": cannot open (run fetch_syukujitsu.sh first)\n";
        return 1;
    }

    std::map<int, std::set<Day>> list;  // year -> entries
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue;
        Day entry;
        if (!parse_line(line, entry)) {
            std::cerr << path << ":" << line_no << ": expected YYYY-MM-DD,name, got '" << line << "'\n";
            return 1;
        }
        list[static_cast<int>(entry.first.year())].insert(std::move(entry));
    }
    if (list.empty()) {
        std::cerr << path << ": no entries\n";
        return 1;
    }

    int failures = 0;
    std::size_t entries = 0;
    int expected_year = list.begin()->first;
    for (const auto& [y, days] : list) {
        if (y != expected_year) {
            std::cerr << path << ": the list skips year " << expected_year << "\n";
            ++failures;
        }
        expected_year = y + 1;
        entries += days.size();
        if (!winback::jp_holidays_cover(y)) {
            std::cerr << y << ": in the list but not covered by jp_holidays\n";
            ++failures;
            continue;
        }
        std::set<Day> ours;
        for (const winback::Holiday& h : winback::jp_holidays(y)) ours.insert({h.date, list_name(h)});
        for (const Day& d : days) {
            if (!ours.count(d)) {
                std::cerr << "missing: " << iso(d.first) << " " << d.second << "\n";
                ++failures;
            }
        }
        for (const Day& d : ours) {
            if (!days.count(d)) {
                std::cerr << "extra:   " << iso(d.first) << " " << d.second << "\n";
                ++failures;
            }
        }
    }

    const int first = list.begin()->first;
    const int last = list.rbegin()->first;
    std::cout << "compared " << entries << " list entries over " << list.size() << " years ("
              << first << "-" << last << ") with jp_holidays()\n";
    if (first != winback::jp_holidays_first_year) {
        std::cerr << path << ": the list starts in " << first << ", expected "
                  << winback::jp_holidays_first_year << "\n";
        ++failures;
    }
    if (failures > 0) {
        std::cout << "mismatches: " << failures << "\n";
        return 1;
    }
    std::cout << "all match\n";
    return 0;
}
