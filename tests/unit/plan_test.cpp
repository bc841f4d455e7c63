#include "winback/plan.hpp"

#include <doctest/doctest.h>

#include "test_book.hpp"
#include "winback/course.hpp"

#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "winback/load.hpp"

using winback::Book;
using winback::Channel;
using winback::Date;
using winback::Plan;
using winback::PlanOptions;
using winback::Recipient;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

// A book from the text of its files; every diagnostic (even a warning) fails the test unless allowed.
Book load(std::string_view clients, std::string_view playbooks = {}, std::string_view facility = {},
          bool allow_warnings = false, std::string_view log = {}) {
    using namespace winback::test;
    return load_book({clients, playbooks, facility, log}, allow_warnings ? Accept::warnings : Accept::nothing);
}

Plan plan(const Book& book, const char* today, const char* until, winback::PlanFilter filter = {}) {
    PlanOptions options;
    options.today = date(today);
    options.until = date(until);
    options.filter = std::move(filter);
    return winback::make_plan(book, options);
}
Plan plan(const Book&& book, const char* today, const char* until, winback::PlanFilter filter = {}) = delete;

// Lines joined by " | ", so that a failing comparison shows both sides.
std::string joined(std::initializer_list<std::string_view> lines) {
    std::string out;
    for (std::string_view line : lines) out += fmt::format("{}{}", out.empty() ? "" : " | ", line);
    return out;
}

// "DUE CLIENT STEP" per action, in plan order.
std::string rows(const Plan& p) {
    std::string out;
    for (const auto& a : p.actions) {
        out += fmt::format("{}{} {} {}", out.empty() ? "" : " | ", winback::format_date(a.due), a.client_id, a.step);
    }
    return out;
}

std::string ids(const Plan& p) {
    std::string out;
    for (const auto& a : p.actions) out += fmt::format("{}{}", out.empty() ? "" : " | ", a.action_id);
    return out;
}

std::string str(const std::set<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += fmt::format("{}{}", out.empty() ? "" : " ", item);
    return out;
}

std::set<std::string> clients_of(const Plan& p) {
    std::set<std::string> out;
    for (const auto& a : p.actions) out.insert(std::string(a.client_id));
    return out;
}

constexpr std::string_view test_playbooks = R"(
[[playbook]]
reason = "test"
title = "Test"
return_rate = 0.5
stop_after = "12m"

  [[playbook.step]]
  id = "first-call"
  at = "0d"
  to = "family"
  via = "call"
  task = "Call the family of {name}"

  [[playbook.step]]
  id = "monthly"
  every = "1m"
  to = "care_manager"
  via = "call"
  task = "Ask {care_manager}"

  [[playbook.step]]
  id = "prevent"
  phase = "at_risk"
  at = "3d"
  to = "staff"
  via = "meeting"
  task = "Review for {name}"

[[playbook]]
reason = "deceased"
title = "Passed away, with steps someone added"
return_rate = 1.0

  [[playbook.step]]
  id = "condolences"
  at = "0d"
  to = "family"
  via = "letter"
  task = "Write"

  [[playbook.step]]
  id = "weekly"
  every = "1w"
  from = "0d"
  to = "family"
  via = "call"
  task = "Call"

  [[playbook.step]]
  id = "risk"
  phase = "at_risk"
  at = "0d"
  to = "client"
  via = "call"
  task = "Call"
)";

}  // namespace

TEST_CASE("make_plan: the absolute stops") {
    const Book book = load(R"(
[[care_manager]]
id = "CM-01"
name = "佐藤 恵子"

[[client]]
id = "C-OK"
name = "Control"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"
care_manager = "CM-01"

[[client]]
id = "C-ACTIVE"
name = "Active"
status = "active"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "C-RETURNED"
name = "Returned"
status = "returned"
lapse_date = 2026-11-02
reason = "test"
at_risk = { reason = "test", since = 2026-11-02 }

[[client]]
id = "C-CLOSED"
name = "Closed"
status = "closed"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "C-DNC"
name = "Do not contact"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"
do_not_contact = true

[[client]]
id = "C-DNC-RISK"
name = "Do not contact, at risk"
status = "active"
do_not_contact = true
at_risk = { reason = "test", since = 2026-11-02 }

[[client]]
id = "C-DEAD"
name = "Deceased"
status = "lapsed"
lapse_date = 2026-11-02
reason = "deceased"

[[client]]
id = "L-RETURNED"
name = "Logged as returned"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "L-DECLINED"
name = "Logged as declined"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "L-DECEASED"
name = "Logged as deceased"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "L-RISK-DECLINED"
name = "At risk, declined"
status = "active"
at_risk = { reason = "test", since = 2026-11-02 }
)",
                           test_playbooks, {}, true, R"(
[[entry]]
date = 2026-11-03
client = "L-RETURNED"
outcome = "returned"

[[entry]]
date = 2026-11-03
client = "L-DECLINED"
step = "first-call"
outcome = "declined"

[[entry]]
date = 2026-11-03
client = "L-DECEASED"
outcome = "deceased"

[[entry]]
date = 2026-11-03
client = "L-RISK-DECLINED"
outcome = "declined"
)");
    winback::PlanFilter from_files;  // the clients that the client file alone stops
    from_files.clients = {"C-OK", "C-ACTIVE", "C-RETURNED", "C-CLOSED", "C-DNC", "C-DNC-RISK", "C-DEAD"};
    const Plan p = plan(book, "2026-10-01", "2028-12-31", from_files);
    SUBCASE("only the control client gets actions") {
        CHECK(str(clients_of(p)) == str({"C-OK"}));
        CHECK_FALSE(p.actions.empty());
    }
    SUBCASE("a returned, declined or deceased outcome in the log stops everything from its date") {
        // Today after those entries: no due actions and no overdue ones (first-call of 11-02 was missed).
        const Plan later = plan(book, "2026-11-10", "2028-12-31");
        CHECK(str(clients_of(later)) == str({"C-OK"}));
    }
    SUBCASE("may_contact") {
        CHECK(winback::may_contact(*book.find_client("C-OK")));
        for (const char* id : {"C-ACTIVE", "C-RETURNED", "C-CLOSED", "C-DNC", "C-DNC-RISK", "C-DEAD"}) {
            CHECK_MESSAGE(!winback::may_contact(*book.find_client(id)), id);
        }
    }
    SUBCASE("the deceased playbook's own steps are loaded but never planned") {
        REQUIRE(book.find_playbook("deceased"));
        CHECK(book.find_playbook("deceased")->steps.size() == 3);
        winback::PlanFilter only_dead;
        only_dead.clients = {"C-DEAD"};
        CHECK(plan(book, "2026-10-01", "2028-12-31", only_dead).actions.empty());
    }
    SUBCASE("a deceased client stays stopped even when flagged at risk while active") {
        winback::Book b = book;
        winback::Client dead = *book.find_client("C-DEAD");
        dead.id = "C-DEAD-ACTIVE";
        dead.status = winback::Status::active;
        dead.at_risk = winback::AtRisk{"deceased", date("2026-11-02"), {}, {}, {}};
        b.clients.push_back(dead);
        from_files.clients.push_back("C-DEAD-ACTIVE");
        CHECK(str(clients_of(plan(b, "2026-10-01", "2028-12-31", from_files))) == str({"C-OK"}));
    }
}

TEST_CASE("make_plan: phases and anchors") {
    const Book book = load(R"(
[[client]]
id = "C-LAPSED"
name = "Lapsed"
status = "lapsed"
lapse_date = 2026-11-02
reason = "test"

[[client]]
id = "C-RISK"
name = "At risk"
status = "active"
at_risk = { reason = "test", since = 2026-11-09 }

[[client]]
id = "R-SMOKING"
name = "Smoker"
status = "lapsed"
lapse_date = 2026-04-01
reason = "rule_change"
rule = "smoking"

[[client]]
id = "R-PICKUP"
name = "Early riser"
status = "lapsed"
lapse_date = 2026-04-01
reason = "rule_change"
rule = "pickup"

[[client]]
id = "H-1"
name = "In hospital"
status = "lapsed"
lapse_date = 2026-11-02
reason = "hospital"

[[client]]
id = "H-2"
name = "Discharged"
status = "lapsed"
lapse_date = 2026-11-02
reason = "hospital"

[[client]]
id = "H-3"
name = "Discharged before"
status = "lapsed"
lapse_date = 2026-11-02
reason = "hospital"
)",
                           std::string(test_playbooks) + R"(
[[playbook]]
reason = "rule_change"
return_rate = 0.1

  [[playbook.step]]
  id = "tell-client"
  after = "rule_reverted"
  at = "0d"
  to = "client"
  via = "call"
  task = "Tell {name} about {rule}"

  [[playbook.step]]
  id = "letter"
  after = "rule_reverted"
  at = "1w"
  to = "family"
  via = "letter"
  task = "Write about {rule}"

[[playbook]]
reason = "hospital"
return_rate = 0.5

  [[playbook.step]]
  id = "ask"
  at = "0d"
  to = "family"
  via = "call"
  task = "Ask"

  [[playbook.step]]
  id = "welcome-back"
  after = "discharged"
  at = "1d"
  to = "family"
  via = "call"
  task = "Welcome back"
)",
                           R"(
[[rule]]
id = "smoking"
title = "No smoking anywhere"
changed = 2026-04-01
reverted = "2026-11-10"

[[rule]]
id = "pickup"
title = "Earlier pick-up"
changed = 2026-03-01
)",
                           true, R"(
[[entry]]
date = 2026-12-01
client = "H-2"
outcome = "discharged"

[[entry]]
date = 2026-10-01
client = "H-3"
outcome = "discharged"
)");
    SUBCASE("at_risk steps apply to active clients with at_risk, anchored on since; lapsed steps do not") {
        winback::PlanFilter f;
        f.clients = {"C-RISK"};
        CHECK(rows(plan(book, "2026-10-01", "2027-12-31", f)) == joined({"2026-11-12 C-RISK prevent"}));
    }
    SUBCASE("lapsed clients get the lapsed steps, not the at_risk ones") {
        winback::PlanFilter f;
        f.clients = {"C-LAPSED"};
        CHECK(rows(plan(book, "2026-10-01", "2027-01-31", f)) ==
              joined({"2026-11-02 C-LAPSED first-call", "2026-12-02 C-LAPSED monthly",
                                       "2027-01-02 C-LAPSED monthly"}));
    }
    SUBCASE("rule_reverted: the reverted date of the client's own rule") {
        winback::PlanFilter f;
        f.reasons = {"rule_change"};
        CHECK(rows(plan(book, "2026-01-01", "2029-12-31", f)) ==
              joined({"2026-11-10 R-SMOKING tell-client", "2026-11-17 R-SMOKING letter"}));
    }
    SUBCASE("an event that has not happened schedules nothing") {
        winback::PlanFilter f;
        f.clients = {"H-1"};
        CHECK(rows(plan(book, "2026-01-01", "2029-12-31", f)) == joined({"2026-11-02 H-1 ask"}));
    }
    SUBCASE("an event in the log anchors its steps; one before the lapse does not") {
        winback::PlanFilter f;
        f.clients = {"H-2", "H-3"};
        // Today is the day of the discharge (the asks of 11-02 are overdue by then).
        CHECK(rows(plan(book, "2026-12-01", "2029-12-31", f)) ==
              joined({"2026-11-02 H-2 ask", "2026-11-02 H-3 ask", "2026-12-02 H-2 welcome-back"}));
    }
    SUBCASE("the playbook's stop_after ends a course") {
        winback::PlanFilter f;
        f.clients = {"C-LAPSED"};
        f.via = {Channel::call};
        f.to = {Recipient::care_manager};
        const Plan p = plan(book, "2027-10-01", "2028-12-31", f);
        // stop_after 12m from 2026-11-02: the last monthly call is 2027-11-02. The one of
        // 2027-09-02 was missed and is listed as overdue (only the latest missed one).
        CHECK(rows(p) == joined({"2027-09-02 C-LAPSED monthly", "2027-10-02 C-LAPSED monthly",
                                                  "2027-11-02 C-LAPSED monthly"}));
        REQUIRE(p.actions.size() == 3);
        CHECK(p.actions[0].overdue_days == 29);
        CHECK(p.actions[1].overdue_days == 0);
        CHECK(plan(book, "2027-11-03", "2028-12-31", f).actions.empty());
    }
}

TEST_CASE("make_plan: order") {
    const Book book = load(R"(
[[client]]
id = "C-01"
name = "Aaa"
kana = "さとう"
status = "lapsed"
lapse_date = 2026-11-03
reason = "order"
monthly_revenue = 10000

[[client]]
id = "C-02"
name = "かとう"
status = "lapsed"
lapse_date = 2026-11-03
reason = "order"
monthly_revenue = 10000

[[client]]
id = "C-03"
name = "たなか"
status = "lapsed"
lapse_date = 2026-11-03
reason = "order"
monthly_revenue = 10000

[[client]]
id = "C-04"
name = "Zz top earner"
kana = "んん"
status = "lapsed"
lapse_date = 2026-11-03
reason = "order"
monthly_revenue = 100000

[[client]]
id = "C-05"
name = "A no revenue"
status = "lapsed"
lapse_date = 2026-11-03
reason = "order"

[[client]]
id = "C-06"
name = "Zz earlier"
status = "lapsed"
lapse_date = 2026-11-02
reason = "order"
monthly_revenue = 0

[[client]]
id = "C-07"
name = "Rounding"
kana = "ん"
status = "lapsed"
lapse_date = 2026-11-04
reason = "conflict"
monthly_revenue = 52000
)",
                           R"(
[[playbook]]
reason = "order"
return_rate = 0.5

  [[playbook.step]]
  id = "z-first"
  at = "0d"
  to = "family"
  via = "call"
  task = "one"

  [[playbook.step]]
  id = "a-second"
  at = "0d"
  to = "family"
  via = "call"
  task = "two"

[[playbook]]
reason = "conflict"
return_rate = 0.15

  [[playbook.step]]
  id = "x"
  at = "0d"
  to = "family"
  via = "call"
  task = "x"
)");
    const Plan p = plan(book, "2026-11-01", "2026-11-30");
    SUBCASE("due, then value highest first, then kana (or name), then step order") {
        CHECK(rows(p) == joined({
                             "2026-11-02 C-06 z-first", "2026-11-02 C-06 a-second",  // earlier due date
                             "2026-11-03 C-04 z-first", "2026-11-03 C-04 a-second",  // highest value
                             "2026-11-03 C-02 z-first", "2026-11-03 C-02 a-second",  // かとう (name, no kana)
                             "2026-11-03 C-01 z-first", "2026-11-03 C-01 a-second",  // さとう (kana)
                             "2026-11-03 C-03 z-first", "2026-11-03 C-03 a-second",  // たなか (name)
                             "2026-11-03 C-05 z-first", "2026-11-03 C-05 a-second",  // no revenue: value 0
                             "2026-11-04 C-07 x"}));
    }
    SUBCASE("value = monthly revenue x return rate, in yen") {
        REQUIRE(p.actions.size() == 13);
        CHECK(p.actions[0].value == 0);
        CHECK(p.actions[2].value == 50000);
        CHECK(p.actions[4].value == 5000);
        CHECK(p.actions[10].value == 0);
        CHECK(p.actions[12].value == 7800);
    }
    SUBCASE("action_before is a strict order consistent with the plan") {
        for (std::size_t i = 0; i + 1 < p.actions.size(); ++i) {
            CHECK(winback::action_before(p.actions[i], p.actions[i + 1]));
            CHECK_FALSE(winback::action_before(p.actions[i + 1], p.actions[i]));
            CHECK_FALSE(winback::action_before(p.actions[i], p.actions[i]));
        }
    }
}

TEST_CASE("make_plan: filters") {
    const Book book = load(R"(
[[client]]
id = "F-1"
name = "One"
status = "lapsed"
lapse_date = 2026-11-02
reason = "a"
owner = "田中"

[[client]]
id = "F-2"
name = "Two"
status = "lapsed"
lapse_date = 2026-11-02
reason = "b"
owner = "鈴木"

[[client]]
id = "F-3"
name = "Three"
status = "lapsed"
lapse_date = 2026-11-02
reason = "a"
owner = "鈴木"
)",
                           R"(
[[playbook]]
reason = "a"

  [[playbook.step]]
  id = "call-family"
  at = "0d"
  to = "family"
  via = "call"
  task = "call"

  [[playbook.step]]
  id = "write-client"
  at = "0d"
  to = "client"
  via = "letter"
  task = "write"

[[playbook]]
reason = "b"

  [[playbook.step]]
  id = "visit-cm"
  at = "0d"
  to = "care_manager"
  via = "visit"
  task = "visit"
)");
    auto with = [&](winback::PlanFilter f) {
        std::set<std::string> out;
        for (const auto& a : plan(book, "2026-11-01", "2026-11-30", std::move(f)).actions) {
            out.insert(std::string(a.client_id) + "/" + std::string(a.step));
        }
        return out;
    };
    using Set = std::set<std::string>;
    SUBCASE("no filter") {
        CHECK(str(with({})) == str(Set{"F-1/call-family", "F-1/write-client", "F-2/visit-cm", "F-3/call-family",
                                        "F-3/write-client"}));
    }
    SUBCASE("reason") {
        winback::PlanFilter f;
        f.reasons = {"b"};
        CHECK(str(with(f)) == str(Set{"F-2/visit-cm"}));
    }
    SUBCASE("owner") {
        winback::PlanFilter f;
        f.owners = {"鈴木"};
        CHECK(str(with(f)) == str(Set{"F-2/visit-cm", "F-3/call-family", "F-3/write-client"}));
    }
    SUBCASE("client, several at once") {
        winback::PlanFilter f;
        f.clients = {"F-1", "F-2"};
        CHECK(str(with(f)) == str(Set{"F-1/call-family", "F-1/write-client", "F-2/visit-cm"}));
    }
    SUBCASE("to") {
        winback::PlanFilter f;
        f.to = {Recipient::client, Recipient::care_manager};
        CHECK(str(with(f)) == str(Set{"F-1/write-client", "F-2/visit-cm", "F-3/write-client"}));
    }
    SUBCASE("via") {
        winback::PlanFilter f;
        f.via = {Channel::call};
        CHECK(str(with(f)) == str(Set{"F-1/call-family", "F-3/call-family"}));
    }
    SUBCASE("filters combine") {
        winback::PlanFilter f;
        f.owners = {"鈴木"};
        f.reasons = {"a"};
        f.via = {Channel::letter};
        CHECK(str(with(f)) == str(Set{"F-3/write-client"}));
    }
    SUBCASE("a filter that matches nothing") {
        winback::PlanFilter f;
        f.owners = {"nobody"};
        CHECK(with(f).empty());
    }
}

TEST_CASE("make_plan: action ids, closed days and the window") {
    const Book book = load(R"(
[[care_manager]]
id = "CM-01"
name = "佐藤 恵子"
phone = "03-1234-5678"

[[client]]
id = "C-0001"
name = "山田 花子"
status = "lapsed"
lapse_date = 2026-09-14
reason = "monthly"
care_manager = "CM-01"
owner = "田中"

  [[client.contact]]
  role = "family"
  name = "山田 太郎"
  phone = "090-1234-5678"
)",
                           R"(
[[playbook]]
reason = "monthly"
return_rate = 0.5

  [[playbook.step]]
  id = "family-monthly"
  every = "1m"
  to = "family"
  via = "call"
  task = "Call {contact} about {name}"

  [[playbook.step]]
  id = "on-sunday"
  at = "69d"
  to = "care_manager"
  via = "call"
  task = "Ask {care_manager}"
)",
                           R"(
[facility]
closed_weekdays = ["sun"]
shift = "next"
)");
    winback::PlanFilter to_care_manager;  // leaves out the (overdue) monthly family calls
    to_care_manager.to = {Recipient::care_manager};
    SUBCASE("the form CLIENT/STEP/NOMINAL-DATE, and the fields of an action") {
        const Plan p = plan(book, "2026-10-14", "2026-10-14");
        REQUIRE(p.actions.size() == 1);
        const auto& a = p.actions[0];
        CHECK(a.action_id == "C-0001/family-monthly/2026-10-14");
        CHECK(a.due == date("2026-10-14"));
        CHECK(a.nominal == date("2026-10-14"));
        CHECK(a.overdue_days == 0);
        CHECK(a.client_id == "C-0001");
        CHECK(a.client == "山田 花子");
        CHECK(a.reason == "monthly");
        CHECK(a.step == "family-monthly");
        CHECK(a.to == Recipient::family);
        CHECK(a.via == Channel::call);
        CHECK(a.contact == "山田 太郎");
        CHECK(a.phone == "090-1234-5678");
        CHECK(a.task == "Call 山田 太郎 about 山田 花子");
        CHECK(a.owner == "田中");
        CHECK(a.value == 0);
        CHECK(p.today == date("2026-10-14"));
        CHECK(p.until == date("2026-10-14"));
    }
    SUBCASE("ids are stable across runs and windows, also once overdue") {
        const auto wide = ids(plan(book, "2026-10-01", "2027-01-31"));
        CHECK(wide == joined({"C-0001/family-monthly/2026-10-14", "C-0001/family-monthly/2026-11-14",
                                               "C-0001/on-sunday/2026-11-22", "C-0001/family-monthly/2026-12-14",
                                               "C-0001/family-monthly/2027-01-14"}));
        CHECK(ids(plan(book, "2026-11-14", "2026-11-30")) ==
              joined({"C-0001/family-monthly/2026-10-14", "C-0001/family-monthly/2026-11-14",
                                       "C-0001/on-sunday/2026-11-22"}));
        CHECK(ids(plan(book, "2026-10-01", "2027-01-31")) == wide);
    }
    SUBCASE("a nominal date on a closed day moves, and the id keeps the nominal date") {
        const Plan p = plan(book, "2026-11-23", "2026-11-23", to_care_manager);  // 2026-11-22 is a Sunday
        REQUIRE(p.actions.size() == 1);
        CHECK(p.actions[0].action_id == "C-0001/on-sunday/2026-11-22");
        CHECK(p.actions[0].nominal == date("2026-11-22"));
        CHECK(p.actions[0].due == date("2026-11-23"));
        CHECK(p.actions[0].contact == "佐藤 恵子");
        CHECK(p.actions[0].phone == "03-1234-5678");
        CHECK(p.actions[0].task == "Ask 佐藤 恵子");
    }
    SUBCASE("a nominal date in the window shifted out of it is not listed") {
        CHECK(plan(book, "2026-11-22", "2026-11-22", to_care_manager).actions.empty());
    }
    SUBCASE("the window's last day is included, the next day is not") {
        CHECK(ids(plan(book, "2026-10-14", "2026-11-14")) ==
              joined({"C-0001/family-monthly/2026-10-14", "C-0001/family-monthly/2026-11-14"}));
        CHECK(ids(plan(book, "2026-10-14", "2026-11-13")) ==
              joined({"C-0001/family-monthly/2026-10-14"}));
        // The day after, the occurrence is overdue rather than due.
        const Plan late = plan(book, "2026-10-15", "2026-11-13");
        REQUIRE(late.actions.size() == 1);
        CHECK(late.actions[0].action_id == "C-0001/family-monthly/2026-10-14");
        CHECK(late.actions[0].overdue_days == 1);
    }
    SUBCASE("shift = previous brings a later nominal date back into the window") {
        Book b = book;
        b.facility.shift = winback::Shift::previous;
        const Plan p = plan(b, "2026-11-21", "2026-11-21", to_care_manager);  // Saturday before the Sunday
        REQUIRE(p.actions.size() == 1);
        CHECK(p.actions[0].action_id == "C-0001/on-sunday/2026-11-22");
        CHECK(p.actions[0].due == date("2026-11-21"));
    }
    SUBCASE("shift = none keeps the closed day") {
        Book b = book;
        b.facility.shift = winback::Shift::none;
        CHECK(ids(plan(b, "2026-11-22", "2026-11-22", to_care_manager)) ==
              joined({"C-0001/on-sunday/2026-11-22"}));
    }
    SUBCASE("care manager steps respect the office calendar too") {
        Book b = book;
        winback::Calendar office;
        office.closed_weekday[6] = true;                                  // Sunday
        office.closed.push_back({date("2026-11-23"), date("2026-11-23")});  // and that Monday
        b.facility.care_manager_office = office;
        const Plan p = plan(b, "2026-11-21", "2026-11-30", to_care_manager);
        REQUIRE(p.actions.size() == 1);
        CHECK(p.actions[0].action_id == "C-0001/on-sunday/2026-11-22");
        CHECK(p.actions[0].due == date("2026-11-24"));
    }
}

TEST_CASE("make_plan: a conflict action carries the free weekdays as suggestion") {
    const Book book = load(R"(
[[client]]
id = "C-1"
name = "Avoider"
status = "lapsed"
lapse_date = 2026-11-02
reason = "conflict"
avoid = ["C-2"]

[[client]]
id = "C-2"
name = "Avoided"
status = "active"
days = ["mon", "wed", "fri"]

[[client]]
id = "C-3"
name = "Unrelated"
status = "lapsed"
lapse_date = 2026-11-02
reason = "unknown"
)",
                           {}, R"(
[facility]
closed_weekdays = ["sat", "sun"]
)");
    const Plan p = plan(book, "2026-11-01", "2026-11-30");
    bool conflict_seen = false;
    for (const auto& a : p.actions) {
        if (a.client_id == "C-1") {
            conflict_seen = true;
            CHECK(a.suggestion == "Tuesday and Thursday");
        } else {
            CHECK(a.suggestion.empty());
        }
    }
    CHECK(conflict_seen);
}
