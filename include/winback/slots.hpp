#pragma once
// `winback slots`: per open weekday the capacity, the clients who come, the places held for
// lapsed clients (who, since when) and the free places. See docs/report.md.

#include <optional>
#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"
#include "winback/render.hpp"
#include "winback/task.hpp"

namespace winback {

// One open weekday. Plain values, so that the slots outlive the book they came from.
struct WeekdaySlots {
    unsigned weekday = 0;                // 0 = Monday
    std::optional<long long> capacity;   // the facility's capacity, when it has one
    long active = 0;                     // clients who come: active and returned
    std::vector<HeldSlot> held;          // places held for lapsed clients (hold_slot playbooks)
    std::vector<std::string> held_names; // the names of the clients in `held`, in the same order

    // capacity - active - held; negative when over capacity; nothing without a capacity.
    std::optional<long long> free() const;
    // (active + held) / capacity; nothing without a capacity or with a capacity of 0.
    std::optional<double> use() const;
};

struct Slots {
    Date date;
    std::vector<WeekdaySlots> weekdays;  // the open weekdays, Monday first
};

// As of `today`: the log up to today, held slots that have not stopped by today (occupancy()).
Slots make_slots(const Book& book, Date today);

// table (with a title line, in the options' language), csv, tsv, json or ndjson.
std::string render_slots(const Slots& slots, const RenderOptions& options);

}  // namespace winback
