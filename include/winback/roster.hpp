#pragma once
// `winback clients`: one line per client with status, reason, months since the lapse, last
// contact and next action. See docs/show-and-clients.md.

#include <optional>
#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"
#include "winback/render.hpp"

namespace winback {

// Empty lists do not filter. reasons match the current reason (after reclassification).
struct RosterFilter {
    std::vector<std::string> reasons;
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    std::vector<Status> statuses;
};

struct RosterOptions {
    Date today;
    Date until;  // the next action is the first one due up to this day (the CLI uses 400 days)
    Lang lang = Lang::en;
    RosterFilter filter;
};

// One client. Plain values, so that a roster outlives the book it came from.
struct RosterLine {
    std::string client_id;
    std::string client;
    Status status = Status::active;
    bool at_risk = false;
    std::string reason;  // current: after reclassification, or the at-risk reason
    std::optional<Date> lapse_date;
    std::optional<long> months_since_lapse;  // lapsed clients only
    std::optional<Date> last_contact;        // the latest log entry up to today
    std::string last_outcome;
    std::string next_step;  // the first action of the client's plan; empty when none
    std::optional<Date> next_due;
    long overdue_days = 0;
    std::string owner;
    long long value = 0;  // monthly revenue x return rate while the follow-up runs, else 0
};

// In the order of clients.toml.
std::vector<RosterLine> make_roster(const Book& book, const RosterOptions& options);

// table, csv, tsv, json or ndjson; csv/tsv cells are quoted and neutralised as in `plan`.
std::string render_roster(const std::vector<RosterLine>& lines, const RenderOptions& options);

}  // namespace winback
