#pragma once
// The text of a step's task with its {placeholders} filled in.

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"

namespace winback {

class LogIndex;

inline constexpr std::string_view placeholders[] = {"name",        "days",         "care_manager",
                                                    "contact",     "months",       "free_days",
                                                    "switched_to", "admitted_to",  "rule"};

// The placeholder names in a task that winback does not know (for `check`).
std::vector<std::string> unknown_placeholders(std::string_view task);

// The person a step addresses, and how to reach them: views of the book's text.
struct Addressee {
    Text name;
    Text phone;
};
Addressee addressee(const Book& book, const Client& client, Recipient to);

// A place held for a lapsed client: who, and since when (the start of the hold_slot playbook).
struct HeldSlot {
    std::string client_id;
    Date since;
};
// Places taken per weekday (0 = Monday): clients who come (active or returned), and the slots
// held for lapsed clients whose playbook has hold_slot = true, while their follow-up runs.
struct Occupancy {
    std::array<long, 7> attending{};
    std::array<long, 7> held{};
    std::array<std::vector<HeldSlot>, 7> holders{};  // the held places, in clients.toml order
};
// With today, a held slot starts with the playbook (a lapse after today holds nothing yet) and
// ends with the playbook's stop_after or a stop outcome logged by then; without, only a stop
// outcome ends it.
// `log` is the book's log as of today (LogIndex in log_index.hpp), built once by the caller.
Occupancy occupancy(const Book& book, const LogIndex& log, std::optional<Date> today);

// Open weekdays on which none of the client's avoided clients comes and, when the facility has
// a capacity, a place is free.
std::vector<unsigned> free_days(const Book& book, const Client& client, const Occupancy& taken);
std::vector<unsigned> free_days(const Book& book, const Client& client);
std::string free_days_text(const Book& book, const Client& client, const Occupancy& taken, Lang lang);
std::string free_days_text(const Book& book, const Client& client, Lang lang);

struct TaskContext {
    const Book& book;
    const Client& client;
    const Step& step;
    Date start;  // the playbook's start: lapse date or at_risk.since
    Date when;   // the day the task is done, for {months}
    Lang lang;
    const Occupancy* taken = nullptr;  // for {free_days}; computed when absent
};

std::string expand_task(const TaskContext& context);

}  // namespace winback
