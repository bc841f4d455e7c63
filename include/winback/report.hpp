#pragma once
// `winback report`: what the follow-up achieved over a period. Every figure is defined in
// docs/report.md; the core takes the period, the CLI decides its default.

#include <optional>
#include <string>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"
#include "winback/render.hpp"
#include "winback/slots.hpp"

namespace winback {

// The rule of thumb from the field: about 1 in 10 lapsed clients comes back when followed up.
inline constexpr double rule_of_thumb_return_rate = 0.10;

// The lapses of the period of one reason (after reclassification), and the follow-up actions
// of that reason's playbook due in the period.
struct ReasonFigures {
    std::string reason;
    long lapsed = 0;    // lapse date in the period
    long returned = 0;  // of those, back by the end of the period
    std::optional<double> median_days_to_return;  // over the returns with a logged date
    long due = 0;     // occurrences due in the period (one due on the last day once it is done)
    long done = 0;
    long missed = 0;  // due - done

    std::optional<double> return_rate() const;      // returned / lapsed
    std::optional<double> completion_rate() const;  // done / due
};

struct OverallFigures {
    long active_at_start = 0;  // clients who came on the day before the period
    long active_at_end = 0;    // clients who came on its last day
    long lapsed = 0;
    long returned = 0;
    long long revenue_regained = 0;  // monthly revenue of the returned clients of the period's lapses
    long long revenue_at_stake = 0;  // monthly revenue of the lapsed clients still followed up
    long long expected_value = 0;    // sum of their monthly revenue x their playbook's return_rate

    double active() const;  // the average of active_at_start and active_at_end
    std::optional<double> churn_rate() const;   // lapsed / active()
    std::optional<double> return_rate() const;  // returned / lapsed
};

// A rule of facility.toml and the clients who left over it and were still away at the end.
struct RuleFigures {
    std::string rule;
    std::string title;
    std::optional<Date> reverted;
    long clients = 0;
    long long monthly_revenue = 0;
};

struct Report {
    Date from;
    Date to;
    std::vector<ReasonFigures> reasons;  // one per playbook, in the book's order
    OverallFigures overall;
    std::vector<WeekdaySlots> weekdays;  // as `slots` on the last day
    std::vector<RuleFigures> rules;      // in facility.toml order
};

// The report of [from, to] as it stood at the end of `to`: the log up to `to`. from <= to.
Report make_report(const Book& book, Date from, Date to);

// table (in the options' language, with text bars), csv or tsv (section,item,figure,value
// rows) or json (one object).
std::string render_report(const Report& report, const RenderOptions& options);

// "0.1667": a fraction to four decimals, without trailing zeros ("0.1", "1", "0").
std::string decimal_text(double value, int places = 4);

}  // namespace winback
