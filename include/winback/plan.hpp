#pragma once
// The plan for a window of days: every occurrence due in it, ordered as PRODUCT.md says.

#include <optional>
#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/i18n.hpp"
#include "winback/model.hpp"

namespace winback {

// Empty lists do not filter.
struct PlanFilter {
    std::vector<std::string> reasons;
    std::vector<std::string> owners;
    std::vector<std::string> clients;
    std::vector<Recipient> to;
    std::vector<Channel> via;
};

// --sort: the order of PRODUCT.md (due), the most valuable first across the window (value),
// or one client after the other (client: kana or name, then due).
enum class PlanSort { due, value, client };

struct PlanOptions {
    Date today;
    Date until;  // last day of the window, inclusive (today for a one-day plan)
    Lang lang = Lang::en;
    PlanFilter filter;
    bool overdue_only = false;
    PlanSort sort = PlanSort::due;
};

// One thing to do. Its texts are views: the names, reason, step, owner, contact and phone of
// the book's text, so that a plan lives no longer than the book it came from; the id, task,
// suggestion and person of the text the plan keeps for them (Plan::text). See docs/text-pool.md.
struct Action {
    Text action_id;  // client/step/nominal date: stable across runs
    Date due;        // after the closed-day shift
    Date nominal;    // before it
    long overdue_days = 0;
    Text client_id;
    Text client;
    Text kana;
    Text reason;
    Text step;
    std::size_t step_index = 0;
    Recipient to = Recipient::client;
    Channel via = Channel::call;
    Text contact;
    Text phone;
    Text task;
    Text owner;
    long long value = 0;  // yen: monthly revenue x return rate
    Text suggestion;
    std::optional<Date> deferred_from;  // moved by a load limit from this due date
    // The last day a load limit may move it to: the course's last day (stop_after, a stop
    // outcome) and, for a recurring step, the day before a log entry would count for the next
    // occurrence instead. None: no bound but the window.
    std::optional<Date> latest;
    Text person;  // whom it reaches, for min_gap (load_limits.hpp); empty for staff steps
};

struct Plan {
    Date today;
    Date until;
    std::vector<Action> actions;
    PlanSort sort = PlanSort::due;
    TextPool text;  // the bytes of the actions' own texts: ids, tasks, suggestions, persons
};

Plan make_plan(const Book& book, const PlanOptions& options);
// A plan views the text of its book: it cannot be made from a book that is about to go away.
Plan make_plan(const Book&& book, const PlanOptions& options) = delete;

// The order of PRODUCT.md: due date, value (highest first), kana or name, step order.
bool action_before(const Action& a, const Action& b);
// The order of --sort.
void sort_actions(std::vector<Action>& actions, PlanSort sort);

}  // namespace winback
