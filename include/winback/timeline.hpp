#pragma once
// `winback show`: one client's story in date order (lapse, log entries, missed occurrences,
// stops) and the next actions. See docs/show-and-clients.md.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/columns.hpp"
#include "winback/date.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"
#include "winback/plan.hpp"
#include "winback/render.hpp"

namespace winback {

// In the order events of one day are told; log entries keep their file order among themselves.
enum class EventKind {
    lapse,          // the lapse date, with the reason from clients.toml
    at_risk,        // at_risk.since of an active client
    rule_reverted,  // the client's rule was changed back (facility.toml)
    contact,        // a log entry
    reclassified,   // a log entry with reason = "…": the client follows that playbook from then
    stop,           // a log entry with outcome returned, declined or deceased
    missed,         // an occurrence of the current playbook, due before today and not done
    expired,        // the same, and older than the step's expire: dropped by the plan
    stop_after,     // the playbook's stop_after passed: nothing is planned any more
};

std::string_view to_string(EventKind kind);            // the json word: "lapse", "missed", …
std::string_view label(EventKind kind, Lang lang);     // for people: "missed" / "未実施"

struct Event {
    Date date;
    EventKind kind = EventKind::contact;
    // Views of the book's text: an Event lives no longer than the book it tells of.
    std::string_view step;
    std::string_view outcome;
    std::string_view by;
    std::string_view note;
    std::string_view reason;  // lapse, at_risk, reclassified (the new reason), stop_after
};

struct TimelineOptions {
    Date today;
    Date until;  // last day of the window of next actions, inclusive
    Lang lang = Lang::en;
};

// A client's story. Its client, events and plan view the book's text: a timeline lives no
// longer than the book it came from (docs/text-pool.md).
struct Timeline {
    Client client;
    std::string reason;        // current: after reclassification, or the at-risk reason
    std::string care_manager;  // name, when the client has one
    std::optional<long> months_since_lapse;
    std::vector<Event> events;  // up to today, in date order
    Plan next;                  // the client's plan from today to until, overdue first
};

Timeline make_timeline(const Book& book, const Client& client, const TimelineOptions& options);
Timeline make_timeline(const Book&& book, const Client& client, const TimelineOptions& options) = delete;  // see make_plan

// table (in the options' language) or json; other formats render as a table.
std::string render_timeline(const Timeline& timeline, const RenderOptions& options);

// The reason a client is followed up under now: at_risk.reason for an active client at risk,
// else the lapse reason as changed by the latest reclassification since the lapse. `entries`
// are the client's log entries in date order (LogIndex).
std::string current_reason(const Book& book, const Client& client, std::span<const Entry* const> entries);

// Whole months since the lapse (the {months} rule), for a lapsed client whose lapse is not after today.
std::optional<long> months_since_lapse(const Client& client, Date today);

// The status for people: "lapsed" / "休止", "active (at risk)" / "利用中（要注意）".
std::string status_label(Status status, bool at_risk, Lang lang);

}  // namespace winback
