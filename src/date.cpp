#include "winback/date.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include <fmt/format.h>

namespace winback {

namespace {

constexpr std::array<std::string_view, 7> weekday_keys = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

bool parse_digits(std::string_view text, int& out) {
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int y = 0, m = 0, d = 0;
    if (!parse_digits(text.substr(0, 4), y) || !parse_digits(text.substr(5, 2), m) ||
        !parse_digits(text.substr(8, 2), d))
        return std::nullopt;
    Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
              std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) return std::nullopt;
    return date;
}

std::string format_date(Date date) {
    // Written by hand for the usual years: a plan formats a few dates for each of its actions.
    const int year = static_cast<int>(date.year());
    const unsigned month = static_cast<unsigned>(date.month());
    const unsigned day = static_cast<unsigned>(date.day());
    if (year >= 0 && year <= 9999 && month <= 99 && day <= 99) {
        const auto digit = [](unsigned n) { return static_cast<char>('0' + n % 10); };
        const auto y = static_cast<unsigned>(year);
        const char text[] = {digit(y / 1000), digit(y / 100), digit(y / 10), digit(y), '-',
                             digit(month / 10), digit(month), '-', digit(day / 10), digit(day)};
        return std::string(text, sizeof text);
    }
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                       static_cast<unsigned>(date.day()));
}

Date add_days(Date date, long days) {
    return Date{std::chrono::sys_days{date} + std::chrono::days{days}};
}

Date add_months(Date date, long months) {
    using namespace std::chrono;
    const year_month shifted = year_month{date.year(), date.month()} + std::chrono::months{months};
    const day last = year_month_day_last{shifted.year(), month_day_last{shifted.month()}}.day();
    return Date{shifted.year(), shifted.month(), date.day() > last ? last : date.day()};
}

long days_between(Date a, Date b) {
    return static_cast<long>((std::chrono::sys_days{b} - std::chrono::sys_days{a}).count());
}

long months_between(Date a, Date b) {
    if (b < a) return -months_between(b, a);
    long months = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12L +
                  (static_cast<long>(static_cast<unsigned>(b.month())) - static_cast<long>(static_cast<unsigned>(a.month())));
    if (add_months(a, months) > b) --months;
    return months;
}

unsigned weekday_index(std::chrono::weekday day) {
    return day.iso_encoding() - 1;
}

unsigned weekday_index(Date date) {
    return weekday_index(std::chrono::weekday{std::chrono::sys_days{date}});
}

std::string_view weekday_key(unsigned index) {
    return weekday_keys.at(index);
}

std::optional<unsigned> parse_weekday(std::string_view key) {
    // Every key is three letters, compared at once: a big book has a client's days per client.
    static_assert(std::all_of(weekday_keys.begin(), weekday_keys.end(), [](std::string_view k) { return k.size() == 3; }));
    if (key.size() != 3) return std::nullopt;
    const auto letters = [](std::string_view word) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(word[0])) |
               static_cast<std::uint32_t>(static_cast<unsigned char>(word[1])) << 8 |
               static_cast<std::uint32_t>(static_cast<unsigned char>(word[2])) << 16;
    };
    const std::uint32_t wanted = letters(key);
    for (unsigned i = 0; i < weekday_keys.size(); ++i) {
        if (letters(weekday_keys[i]) == wanted) return i;
    }
    return std::nullopt;
}

}  // namespace winback
