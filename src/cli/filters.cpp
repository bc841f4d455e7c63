#include "cli/filters.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "winback/diagnostic.hpp"
#include "winback/holidays.hpp"

namespace winback::cli {

namespace {

void check_known(const std::vector<std::string>& values, const std::vector<std::string_view>& known,
                 const std::string& option, std::string_view what) {
    for (const std::string& value : values) {
        if (std::find(known.begin(), known.end(), value) == known.end()) {
            throw UsageError{
                fmt::format("{}: no {} \"{}\" in the book{}", option, what, value, did_you_mean(value, known))};
        }
    }
}

}  // namespace

bool uses_jp_holidays(const Facility& facility) {
    return facility.calendar.jp_holidays ||
           (facility.care_manager_office && facility.care_manager_office->jp_holidays);
}

void check_holiday_year(const Facility& facility, Date day) {
    if (uses_jp_holidays(facility) && !jp_holidays_cover(static_cast<int>(day.year()))) {
        throw UsageError{fmt::format("the national holidays (holidays = \"jp\") are known for {} to {}; {} is outside",
                                     jp_holidays_first_year, jp_holidays_last_year(), format_date(day))};
    }
}

void check_reasons_and_clients(const Book& book, const std::vector<std::string>& reasons,
                               const std::vector<std::string>& clients) {
    std::vector<std::string_view> known_reasons, known_clients;
    for (const Playbook& p : book.playbooks) known_reasons.push_back(p.reason);
    for (const Client& c : book.clients) known_clients.push_back(c.id);
    check_known(reasons, known_reasons, "--reason", "playbook for reason");
    check_known(clients, known_clients, "--client", "client");
}

}  // namespace winback::cli
