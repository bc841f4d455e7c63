#pragma once
// The small book of report_test.cpp and slots_test.cpp, whose figures those tests work out by
// hand. tests/cli/report_book_json/book holds the same files.

#include <string_view>

#include "test_book.hpp"

namespace winback::test::report_book {

// Simple playbooks for the reasons the book uses, so that every occurrence is easy to count.
constexpr std::string_view report_playbooks = R"(
[[playbook]]
reason = "hospitalized"
return_rate = 0.5
stop_after = "12m"
hold_slot = true
  [[playbook.step]]
  id = "ask"
  at = "0d"
  to = "family"
  via = "call"
  task = "t"
  [[playbook.step]]
  id = "family-monthly"
  every = "1m"
  to = "family"
  via = "call"
  task = "t"
[[playbook]]
reason = "switched"
return_rate = 0.2
stop_after = "24m"
  [[playbook.step]]
  id = "ask-cm"
  every = "3m"
  to = "family"
  via = "call"
  task = "t"
[[playbook]]
reason = "rule_change"
return_rate = 0.1
stop_after = "36m"
  [[playbook.step]]
  id = "letter"
  after = "rule_reverted"
  at = "7d"
  to = "family"
  via = "letter"
  task = "t"
[[playbook]]
reason = "conflict"
return_rate = 0.15
stop_after = "6m"
  [[playbook.step]]
  id = "talk"
  phase = "at_risk"
  at = "3d"
  to = "client"
  via = "call"
  task = "t"
)";

// Open Monday to Saturday, no national holidays, 3 places a day; a rule that is not reverted.
constexpr std::string_view report_facility = R"(
[facility]
closed_weekdays = ["sun"]
capacity = 3
[[rule]]
id = "smoking"
title = "No smoking"
changed = 2025-09-01
[[rule]]
id = "pickup"
title = "Earlier pick-up"
changed = 2026-01-01
)";

// A1, A2 come (A2 at risk since 06-01); H1 hospitalized in the period, H2 hospitalized before it
// and back on 02-10; S1 switched and back on 05-06, S2 switched; R1 left over the smoking rule
// in the period (closed since), R2 before it; D1 died in the period; C1 closed long ago.
constexpr std::string_view report_clients = R"(
[[client]]
id = "A1"
name = "A one"
status = "active"
days = ["mon", "wed"]
monthly_revenue = 40000
[[client]]
id = "A2"
name = "A two"
status = "active"
days = ["mon"]
monthly_revenue = 30000
at_risk = { reason = "conflict", since = 2026-06-01 }
[[client]]
id = "H1"
name = "H one"
status = "lapsed"
lapse_date = 2026-03-02
reason = "hospitalized"
days = ["mon", "fri"]
monthly_revenue = 60000
[[client]]
id = "H2"
name = "H two"
status = "returned"
lapse_date = 2025-12-01
reason = "hospitalized"
days = ["tue"]
monthly_revenue = 50000
[[client]]
id = "S1"
name = "S one"
status = "returned"
lapse_date = 2026-02-02
reason = "switched"
days = ["thu"]
monthly_revenue = 20000
[[client]]
id = "S2"
name = "S two"
status = "lapsed"
lapse_date = 2026-04-15
reason = "switched"
days = ["wed"]
monthly_revenue = 30000
[[client]]
id = "R1"
name = "R one"
status = "closed"
lapse_date = 2026-01-20
reason = "rule_change"
rule = "smoking"
days = ["sat"]
monthly_revenue = 45000
[[client]]
id = "R2"
name = "R two"
status = "lapsed"
lapse_date = 2025-10-01
reason = "rule_change"
rule = "smoking"
days = ["tue"]
monthly_revenue = 35000
[[client]]
id = "D1"
name = "D one"
status = "lapsed"
lapse_date = 2026-05-10
reason = "deceased"
days = ["fri"]
monthly_revenue = 25000
[[client]]
id = "C1"
name = "C one"
status = "closed"
days = ["mon"]
monthly_revenue = 10000
)";

constexpr std::string_view report_log = R"(
[[entry]]
date = 2026-01-02
client = "H2"
step = "family-monthly"
outcome = "reached"
[[entry]]
date = 2026-02-10
client = "H2"
outcome = "returned"
[[entry]]
date = 2026-03-02
client = "H1"
step = "ask"
outcome = "reached"
[[entry]]
date = 2026-04-02
client = "H1"
step = "family-monthly"
outcome = "reached"
[[entry]]
date = 2026-06-03
client = "H1"
step = "family-monthly"
outcome = "reached"
[[entry]]
date = 2026-05-04
client = "S1"
step = "ask-cm"
outcome = "reached"
[[entry]]
date = 2026-05-06
client = "S1"
outcome = "returned"
[[entry]]
date = 2026-07-01
client = "S2"
outcome = "returned"
)";

inline Book small_book() {
    return load_book({report_clients, report_playbooks, report_facility, report_log}, Accept::warnings);
}

}  // namespace winback::test::report_book
