#include "cli/filters.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "winback/diagnostic.hpp"
#include "winback/holidays.hpp"

namespace winback::cli {

namespace {

[[noreturn]] void unknown(const std::string& value, const std::vector<std::string_view>& known,
                          const std::string& option, std::string_view what) {
    throw UsageError{fmt::format("{}: no {} \"{}\" in the book{}", option, what, value, did_you_mean(value, known))};
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
    std::vector<std::string_view> known_reasons;
    for (const Playbook& p : book.playbooks) known_reasons.push_back(p.reason);
    for (const std::string& reason : reasons) {
        if (!book.find_playbook(reason)) unknown(reason, known_reasons, "--reason", "playbook for reason");
    }
    // The ids are gathered only for the suggestion: a plan of a million clients without --client
    // reads no client here.
    for (const std::string& id : clients) {
        if (book.find_client(id)) continue;
        std::vector<std::string_view> known_clients;
        for (const Client& c : book.clients) known_clients.push_back(c.id);
        unknown(id, known_clients, "--client", "client");
    }
}

}  // namespace winback::cli
