#include "winback/load_limits.hpp"

#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "test_book.hpp"
#include "winback/plan.hpp"

using winback::Book;
using winback::Date;
using winback::Plan;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Plan plan(const Book& book, const char* today, const char* until, winback::PlanFilter filter = {}) {
    winback::PlanOptions options;
    options.today = date(today);
    options.until = date(until);
    options.filter = std::move(filter);
    return winback::make_plan(book, options);
}
// A plan views its book's text: a book given as a temporary is kept for the rest of the run.
Plan plan(Book&& book, const char* today, const char* until, winback::PlanFilter filter = {}) {
    static std::deque<Book> kept;
    return plan(kept.emplace_back(std::move(book)), today, until, std::move(filter));
}

// "DUE CLIENT STEP" per action, with "<FROM" when a load limit moved it.
std::string rows(const Plan& p) {
    std::string out;
    for (const auto& a : p.actions) {
        out += fmt::format("{}{} {} {}", out.empty() ? "" : " | ", winback::format_date(a.due), a.client_id, a.step);
        if (a.deferred_from) out += fmt::format(" <{}", winback::format_date(*a.deferred_from));
    }
    return out;
}

// 2026-11-02 is a Monday. The facility is closed on Sundays, the care managers' offices on
// Saturdays and Sundays.
constexpr std::string_view facility = R"(
[facility]
closed_weekdays = ["sun"]
max_actions_per_day = 2
min_gap = "7d"

[care_manager_office]
closed_weekdays = ["sat", "sun"]
)";

constexpr std::string_view playbooks = R"(
[[playbook]]
reason = "family"
return_rate = 0.5

  [[playbook.step]]
  id = "call"
  at = "0d"
  to = "family"
  via = "call"
  task = "call"

[[playbook]]
reason = "cm"
return_rate = 0.5

  [[playbook.step]]
  id = "ask"
  at = "0d"
  to = "care_manager"
  via = "call"
  task = "ask"

[[playbook]]
reason = "two-steps"
return_rate = 0.5

  [[playbook.step]]
  id = "first"
  at = "0d"
  to = "family"
  via = "call"
  task = "first"

  [[playbook.step]]
  id = "second"
  at = "3d"
  to = "family"
  via = "call"
  task = "second"

[[playbook]]
reason = "short"
return_rate = 0.5
stop_after = "10d"

  [[playbook.step]]
  id = "last-call"
  at = "10d"
  to = "family"
  via = "call"
  task = "last call"

[[playbook]]
reason = "weekly"
return_rate = 0.5

  [[playbook.step]]
  id = "weekly"
  every = "1w"
  to = "family"
  via = "call"
  task = "weekly call"

[[playbook]]
reason = "cm-later"
return_rate = 0.5

  [[playbook.step]]
  id = "ask-later"
  at = "2d"
  to = "care_manager"
  via = "call"
  task = "ask later"
)";

std::string client(std::string_view id, std::string_view reason, std::string_view lapse, long long revenue,
                   std::string_view owner, std::string_view care_manager = "") {
    std::string out = fmt::format(
        "[[client]]\nid = \"{}\"\nname = \"{}\"\nstatus = \"lapsed\"\nlapse_date = {}\nreason = \"{}\"\n"
        "monthly_revenue = {}\n",
        id, id, lapse, reason, revenue);
    if (!owner.empty()) out += fmt::format("owner = \"{}\"\n", owner);
    if (!care_manager.empty()) out += fmt::format("care_manager = \"{}\"\n", care_manager);
    return out + "\n";
}

constexpr std::string_view care_managers = R"(
[[care_manager]]
id = "CM-1"
name = "One"

[[care_manager]]
id = "CM-2"
name = "Two"

[[care_manager]]
id = "CM-3"
name = "Three"
)";

Book load(const std::string& clients, std::string_view log = {}, std::string_view facility_toml = facility) {
    const std::string text = std::string(care_managers) + clients;
    return winback::test::load_book({text, playbooks, facility_toml, log});
}

}  // namespace

TEST_CASE("load limits: max_actions_per_day") {
    // Values: monthly revenue x 0.5.
    const std::string crowded = client("C-1", "family", "2026-11-03", 40000, "A") +  // 20000
                                client("C-2", "family", "2026-11-03", 30000, "A") +  // 15000
                                client("C-3", "family", "2026-11-03", 20000, "A") +  // 10000
                                client("C-4", "family", "2026-11-03", 10000, "A") +  //  5000
                                client("C-5", "family", "2026-11-03", 0, "A") +      //     0
                                client("C-B", "family", "2026-11-03", 0, "B") +      // other owner
                                client("C-N1", "family", "2026-11-03", 0, "") +      // unowned
                                client("C-N2", "family", "2026-11-03", 0, "") + client("C-N3", "family", "2026-11-03", 0, "");
    SUBCASE("a crowded day: the lowest values move to the owner's next open days, two a day") {
        const Plan p = plan(load(crowded), "2026-11-03", "2026-11-10");
        // Tue 11-03: C-1, C-2 (the two most valuable of A), B's one, the three unowned ones.
        // Wed 11-04: C-3, C-4. Thu 11-05: C-5.
        CHECK(rows(p) == "2026-11-03 C-1 call | 2026-11-03 C-2 call | 2026-11-03 C-B call | 2026-11-03 C-N1 call | "
                         "2026-11-03 C-N2 call | 2026-11-03 C-N3 call | 2026-11-04 C-3 call <2026-11-03 | "
                         "2026-11-04 C-4 call <2026-11-03 | 2026-11-05 C-5 call <2026-11-03");
        REQUIRE(p.actions.size() == 9);
        CHECK(p.actions[6].suggestion == "deferred from 2026-11-03: at most 2 actions a day for A");
        CHECK(p.actions[6].action_id == "C-3/call/2026-11-03");  // the id keeps the nominal date
        CHECK(p.actions[6].overdue_days == 0);
    }
    SUBCASE("what is pushed past the window leaves this plan") {
        const Plan p = plan(load(crowded), "2026-11-03", "2026-11-04");
        CHECK(rows(p).find("C-5") == std::string::npos);
        CHECK(p.actions.size() == 8);
    }
    SUBCASE("a filter shows the days of the full plan") {
        winback::PlanFilter only;
        only.clients = {"C-4"};
        CHECK(rows(plan(load(crowded), "2026-11-03", "2026-11-10", only)) == "2026-11-04 C-4 call <2026-11-03");
    }
    SUBCASE("overdue actions are never deferred past today, and fill today first") {
        // Today Thu 11-05: C-1..C-5 are overdue (due 11-03) and stay; C-HIGH is due today and,
        // although worth the most, moves to Fri 11-06.
        const Plan p = plan(load(crowded + client("C-HIGH", "family", "2026-11-05", 900000, "A")), "2026-11-05",
                            "2026-11-10", {{}, {"A"}, {}, {}, {}});
        CHECK(rows(p) == "2026-11-03 C-1 call | 2026-11-03 C-2 call | 2026-11-03 C-3 call | 2026-11-03 C-4 call | "
                         "2026-11-03 C-5 call | 2026-11-06 C-HIGH call <2026-11-05");
        CHECK(p.actions[0].overdue_days == 2);
        CHECK_FALSE(p.actions[0].deferred_from);
    }
    SUBCASE("an action is never moved past stop_after: on its last day it stays, over the limit") {
        // Lapse Mon 11-02, stop_after 10d: the one call is due on the last day, Thu 11-12.
        const std::string last_day = client("L-1", "short", "2026-11-02", 3000, "A") +
                                     client("L-2", "short", "2026-11-02", 2000, "A") +
                                     client("L-3", "short", "2026-11-02", 1000, "A");
        const Plan p = plan(load(last_day), "2026-11-12", "2026-11-20");
        CHECK(rows(p) == "2026-11-12 L-1 last-call | 2026-11-12 L-2 last-call | 2026-11-12 L-3 last-call");
    }
    SUBCASE("a weekly occurrence moves no later than the day before the next one's done window") {
        // Lapse Mon 11-02, weekly from 11-09; the next is due 11-16 and its window opens 3 days
        // before (lead = min(7, 7 / 2)), on 11-13: a call on 11-13 would count for 11-16, so
        // 11-12 is the last day for 11-09's. Two a day: W-7, W-8 on 11-12, and W-9 with them.
        std::string weekly;
        for (int k = 1; k <= 9; ++k) weekly += client(fmt::format("W-{}", k), "weekly", "2026-11-02", 10000 - k, "A");
        const Plan p = plan(load(weekly), "2026-11-09", "2026-11-13");
        CHECK(rows(p) == "2026-11-09 W-1 weekly | 2026-11-09 W-2 weekly | 2026-11-10 W-3 weekly <2026-11-09 | "
                         "2026-11-10 W-4 weekly <2026-11-09 | 2026-11-11 W-5 weekly <2026-11-09 | "
                         "2026-11-11 W-6 weekly <2026-11-09 | 2026-11-12 W-7 weekly <2026-11-09 | "
                         "2026-11-12 W-8 weekly <2026-11-09 | 2026-11-12 W-9 weekly <2026-11-09");
    }
    SUBCASE("a deferral skips closed days: the facility's Sunday, the offices' weekend") {
        // Sat 11-07, open: two of three family calls; Sun 11-08 closed: the third on Mon 11-09.
        const std::string saturday = client("S-1", "family", "2026-11-07", 3000, "A") +
                                     client("S-2", "family", "2026-11-07", 2000, "A") +
                                     client("S-3", "family", "2026-11-07", 1000, "A");
        CHECK(rows(plan(load(saturday), "2026-11-07", "2026-11-10")) ==
              "2026-11-07 S-1 call | 2026-11-07 S-2 call | 2026-11-09 S-3 call <2026-11-07");
        // Fri 11-06: three care manager calls (three care managers); the third skips Saturday,
        // open for the facility but not for the offices, and Sunday.
        const std::string friday = client("F-1", "cm", "2026-11-06", 3000, "A", "CM-1") +
                                   client("F-2", "cm", "2026-11-06", 2000, "A", "CM-2") +
                                   client("F-3", "cm", "2026-11-06", 1000, "A", "CM-3");
        CHECK(rows(plan(load(friday), "2026-11-06", "2026-11-10")) ==
              "2026-11-06 F-1 ask | 2026-11-06 F-2 ask | 2026-11-09 F-3 ask <2026-11-06");
        // A family call of the same owner still fits the open Saturday.
        CHECK(rows(plan(load(friday + client("F-4", "family", "2026-11-06", 500, "A")), "2026-11-06", "2026-11-10")) ==
              "2026-11-06 F-1 ask | 2026-11-06 F-2 ask | 2026-11-07 F-4 call <2026-11-06 | "
              "2026-11-09 F-3 ask <2026-11-06");
    }
}

TEST_CASE("load limits: min_gap") {
    SUBCASE("two steps of one playbook to the family: the later one moves to the first day after the gap") {
        // first: Mon 11-02; second: Thu 11-05, 3 days later; 11-02 + 7d = Mon 11-09.
        const Plan p = plan(load(client("C-1", "two-steps", "2026-11-02", 10000, "A")), "2026-11-02", "2026-11-20");
        CHECK(rows(p) == "2026-11-02 C-1 first | 2026-11-09 C-1 second <2026-11-05");
        CHECK(p.actions[1].suggestion ==
              "deferred from 2026-11-05: last contact of the family on 2026-11-02 (min_gap 7d)");
    }
    SUBCASE("two playbooks, two clients, one care manager") {
        // X asks CM-1 on Mon 11-02 (owner A); Y's step to CM-1 falls on Wed 11-04 (owner B) and
        // moves to Mon 11-09.
        const Plan p = plan(load(client("X", "cm", "2026-11-02", 1000, "A", "CM-1") +
                                 client("Y", "cm-later", "2026-11-02", 99000, "B", "CM-1")),
                            "2026-11-02", "2026-11-20");
        CHECK(rows(p) == "2026-11-02 X ask | 2026-11-09 Y ask-later <2026-11-04");
    }
    SUBCASE("the same person twice on one day is one contact") {
        const Plan p = plan(load(client("X", "cm", "2026-11-02", 1000, "A", "CM-1") +
                                 client("Y", "cm", "2026-11-02", 2000, "B", "CM-1")),
                            "2026-11-02", "2026-11-20");
        CHECK(rows(p) == "2026-11-02 Y ask | 2026-11-02 X ask");
    }
    SUBCASE("a contact in the log counts; a no_answer call does not") {
        const std::string book = client("C-1", "two-steps", "2026-11-02", 10000, "A");
        // first was reached on Tue 11-03; second (11-05) moves to 11-03 + 7d = Tue 11-10.
        constexpr std::string_view reached = R"(
[[entry]]
date = 2026-11-03
client = "C-1"
step = "first"
outcome = "reached"
)";
        CHECK(rows(plan(load(book, reached), "2026-11-05", "2026-11-20")) == "2026-11-10 C-1 second <2026-11-05");
        constexpr std::string_view no_answer = R"(
[[entry]]
date = 2026-11-03
client = "C-1"
step = "first"
outcome = "no_answer"
)";
        CHECK(rows(plan(load(book, no_answer), "2026-11-05", "2026-11-20")) == "2026-11-05 C-1 second");
    }
    SUBCASE("an overdue action holds its person on today") {
        // Today Wed 11-04: first (due 11-02) is overdue and stays; second (Thu 11-05) waits
        // until 11-04 + 7d = Wed 11-11.
        CHECK(rows(plan(load(client("C-1", "two-steps", "2026-11-02", 10000, "A")), "2026-11-04", "2026-11-20")) ==
              "2026-11-02 C-1 first | 2026-11-11 C-1 second <2026-11-05");
    }
    SUBCASE("without limits nothing moves") {
        const Plan p = plan(load(client("C-1", "two-steps", "2026-11-02", 10000, "A"), {}, "[facility]\n"),
                            "2026-11-02", "2026-11-20");
        CHECK(rows(p) == "2026-11-02 C-1 first | 2026-11-05 C-1 second");
    }
}

TEST_CASE("load limits: person_of") {
    winback::Client c;
    c.id = "C-1";
    c.care_manager = "CM-9";
    CHECK(winback::person_of(c, winback::Recipient::care_manager) == "care_manager/CM-9");
    CHECK(winback::person_of(c, winback::Recipient::family) == "C-1/family");
    CHECK(winback::person_of(c, winback::Recipient::client) == "C-1/client");
    CHECK(winback::person_of(c, winback::Recipient::staff).empty());
    c.care_manager.clear();
    CHECK(winback::person_of(c, winback::Recipient::care_manager) == "C-1/care_manager");
}
