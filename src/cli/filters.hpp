#pragma once
// Checks of the options that plan and clients share, against the book; they throw UsageError.

#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"

namespace winback::cli {

// Whether the facility's calendar or the care managers' offices' follows the national holidays.
bool uses_jp_holidays(const Facility& facility);

// `day` is in a year whose national holidays are known, when the book uses them.
void check_holiday_year(const Facility& facility, Date day);

// --reason names a playbook of the book and --client a client, else "did you mean".
void check_reasons_and_clients(const Book& book, const std::vector<std::string>& reasons,
                               const std::vector<std::string>& clients);

}  // namespace winback::cli
