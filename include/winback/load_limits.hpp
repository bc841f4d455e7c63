#pragma once
// The load limits of facility.toml: at most max_actions_per_day per owner, and min_gap between
// two contacts of one person. They move actions to later open days. See docs/load-limits.md.

#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"
#include "winback/plan.hpp"

namespace winback {

class LogIndex;

// The person an action to `to` reaches, as a key: a care manager is one person across all of
// their clients; a client's own contacts (the client, the family, the hospital, the facility)
// are one person per client and role. Staff steps reach nobody outside: empty.
std::string person_of(const Client& client, Recipient to);

// Does a log entry with this outcome mean the person was reached (a no_answer call was not)?
bool is_contact_outcome(std::string_view outcome);

struct LoadLimitsInput {
    const Book& book;
    const LogIndex& log;  // as of today
    Date today;
    Date until;  // last day of the window: actions pushed past it leave this plan
    Lang lang;
};

// Applies the facility's limits to the actions of a whole plan (before any filter), in
// O(n log n): overdue actions stay on today and count there; others move to the first later
// day open for their calendar on which their owner has room and their person is past the gap;
// the lowest-valued move first. A moved action gets deferred_from and a note in suggestion;
// those pushed past the window are removed. The notes are kept in `text`, the plan's pool.
void apply_load_limits(std::vector<Action>& actions, const LoadLimitsInput& input, TextPool& text);

}  // namespace winback
