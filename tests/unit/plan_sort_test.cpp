// plan --sort, and the built-in prevention steps (phase = "at_risk") of the plan.
#include "winback/plan.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "test_book.hpp"

using winback::Book;
using winback::Date;
using winback::Plan;
using winback::PlanSort;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Plan plan(const Book& book, const char* today, const char* until, PlanSort sort = PlanSort::due) {
    winback::PlanOptions options;
    options.today = date(today);
    options.until = date(until);
    options.sort = sort;
    return winback::make_plan(book, options);
}
Plan plan(const Book&& book, const char* today, const char* until, PlanSort sort = PlanSort::due) = delete;

// "DUE CLIENT STEP VALUE" per action, in plan order.
std::string rows(const Plan& p) {
    std::string out;
    for (const auto& a : p.actions) {
        out += fmt::format("{}{} {} {} {}", out.empty() ? "" : " | ", winback::format_date(a.due), a.client_id, a.step,
                           a.value);
    }
    return out;
}

}  // namespace

TEST_CASE("plan --sort") {
    const Book book = winback::test::load_book({R"(
[[client]]
id = "C-A"
name = "あ"
status = "lapsed"
lapse_date = 2026-11-05
reason = "p"
monthly_revenue = 100000

[[client]]
id = "C-B"
name = "い"
status = "lapsed"
lapse_date = 2026-11-03
reason = "p"
monthly_revenue = 2000

[[client]]
id = "C-C"
name = "う"
status = "lapsed"
lapse_date = 2026-11-04
reason = "p"
monthly_revenue = 20000
)",
                                                R"(
[[playbook]]
reason = "p"
return_rate = 0.5

  [[playbook.step]]
  id = "s1"
  at = "0d"
  to = "family"
  via = "call"
  task = "one"

  [[playbook.step]]
  id = "s2"
  at = "1d"
  to = "family"
  via = "call"
  task = "two"
)",
                                                {},
                                                {}});
    // Values: 100000 x 0.5 = 50000, 2000 x 0.5 = 1000, 20000 x 0.5 = 10000.
    SUBCASE("due (the default): due date, then value highest first") {
        CHECK(rows(plan(book, "2026-11-01", "2026-11-30")) ==
              "2026-11-03 C-B s1 1000 | 2026-11-04 C-C s1 10000 | 2026-11-04 C-B s2 1000 | "
              "2026-11-05 C-A s1 50000 | 2026-11-05 C-C s2 10000 | 2026-11-06 C-A s2 50000");
    }
    SUBCASE("value: the most valuable first across the window, then by due date") {
        CHECK(rows(plan(book, "2026-11-01", "2026-11-30", PlanSort::value)) ==
              "2026-11-05 C-A s1 50000 | 2026-11-06 C-A s2 50000 | 2026-11-04 C-C s1 10000 | "
              "2026-11-05 C-C s2 10000 | 2026-11-03 C-B s1 1000 | 2026-11-04 C-B s2 1000");
    }
    SUBCASE("client: by kana or name, then due date") {
        const Plan p = plan(book, "2026-11-01", "2026-11-30", PlanSort::client);
        CHECK(rows(p) == "2026-11-05 C-A s1 50000 | 2026-11-06 C-A s2 50000 | 2026-11-03 C-B s1 1000 | "
                         "2026-11-04 C-B s2 1000 | 2026-11-04 C-C s1 10000 | 2026-11-05 C-C s2 10000");
        CHECK(p.sort == PlanSort::client);
    }
}

TEST_CASE("make_plan: the built-in prevention steps for clients at risk") {
    // No playbooks.toml and no facility.toml: the built-in playbooks, every day open.
    // 2026-11-02 is a Monday.
    const Book book = winback::test::load_book({R"(
[[care_manager]]
id = "CM-1"
name = "Sato"

[[client]]
id = "R-CONFLICT"
name = "Quarrel"
status = "active"
care_manager = "CM-1"
days = ["mon"]
monthly_revenue = 60000
avoid = ["R-OTHER"]
at_risk = { reason = "conflict", since = 2026-11-02 }

[[client]]
id = "R-OTHER"
name = "Other"
status = "active"
days = ["tue"]

[[client]]
id = "R-RULE"
name = "Rule"
status = "active"
care_manager = "CM-1"
monthly_revenue = 50000
rule = "pickup"
at_risk = { reason = "rule_change", since = 2026-11-02 }

[[client]]
id = "R-UNKNOWN"
name = "Unknown"
status = "active"
care_manager = "CM-1"
monthly_revenue = 40000
at_risk = { reason = "unknown", since = 2026-11-02 }
)",
                                                {},
                                                R"(
[[rule]]
id = "pickup"
title = "Pick-up at 8:50"
changed = 2026-10-01
)",
                                                {}});
    const Plan p = plan(book, "2026-11-01", "2026-11-30");
    // conflict (0.15): 9000; rule_change (0.1): 5000; unknown (0.1): 4000.
    // conflict: review-seating 0d, share-with-care-manager 3d, check-in 2w;
    // rule_change: explore-exception 0d, explain-in-person 3d, share-with-care-manager 1w;
    // unknown: ask-how-they-feel 0d, share-with-care-manager 1w.
    CHECK(rows(p) == "2026-11-02 R-CONFLICT review-seating 9000 | 2026-11-02 R-RULE explore-exception 5000 | "
                     "2026-11-02 R-UNKNOWN ask-how-they-feel 4000 | "
                     "2026-11-05 R-CONFLICT share-with-care-manager 9000 | 2026-11-05 R-RULE explain-in-person 5000 | "
                     "2026-11-09 R-RULE share-with-care-manager 5000 | "
                     "2026-11-09 R-UNKNOWN share-with-care-manager 4000 | 2026-11-16 R-CONFLICT check-in 9000");
    // The conflict client's free days: every day but Tuesday (R-OTHER) and, without a
    // facility.toml, no day closed.
    REQUIRE(p.actions.size() == 8);
    CHECK(p.actions[3].suggestion == "Monday, Wednesday, Thursday, Friday, Saturday and Sunday");
    CHECK(p.actions[3].task.find("(Monday, Wednesday, Thursday, Friday, Saturday and Sunday)") != std::string::npos);
}

TEST_CASE("sort_actions: names and ids that share their first eight bytes or end within them") {
    // The sort compares the first eight bytes of names and ids as one number before the texts:
    // every order must still be that of the texts themselves.
    using winback::Action;
    using namespace std::string_view_literals;  // "…"sv keeps a NUL byte
    const std::string_view names[] = {"",  "a",       "ab",       "ab\0"sv,  "abcdefg", "abcdefgh", "abcdefghi",
                                      "abcdefgh\0"sv, "abcdefgha", "あいう", "あいうえ", "あいえ"};
    const std::string_view ids[] = {"C-1", "C-10", "C-100000000", "C-100000001", "C-1000000000"};
    std::vector<Action> actions;
    std::uint32_t seed = 12345;
    const auto next = [&seed](std::uint32_t n) {
        seed = seed * 1664525u + 1013904223u;
        return (seed >> 8) % n;
    };
    for (int i = 0; i < 3000; ++i) {
        Action a;
        a.due = winback::add_days(date("2026-11-01"), static_cast<long>(next(3)));
        a.nominal = winback::add_days(a.due, -static_cast<long>(next(2)));
        a.value = next(2) * 100;
        const std::string_view name = next(4) == 0 ? std::string_view("abcdefgh\0x", 10) : names[next(std::size(names))];
        (next(2) == 0 ? a.kana : a.client) = name;
        a.client_id = ids[next(std::size(ids))];
        a.step_index = next(2);
        actions.push_back(a);
    }
    const auto name_of = [](const Action& a) { return a.kana.empty() ? std::string_view(a.client) : std::string_view(a.kana); };
    const auto due_order = [&](const Action& a, const Action& b) {
        if (a.due != b.due) return a.due < b.due;
        if (a.value != b.value) return a.value > b.value;
        if (const int c = name_of(a).compare(name_of(b)); c != 0) return c < 0;
        if (const int c = std::string_view(a.client_id).compare(b.client_id); c != 0) return c < 0;
        if (a.step_index != b.step_index) return a.step_index < b.step_index;
        return a.nominal < b.nominal;
    };
    const auto value_order = [&](const Action& a, const Action& b) {
        return a.value != b.value ? a.value > b.value : due_order(a, b);
    };
    const auto client_order = [&](const Action& a, const Action& b) {
        if (const int c = name_of(a).compare(name_of(b)); c != 0) return c < 0;
        if (const int c = std::string_view(a.client_id).compare(b.client_id); c != 0) return c < 0;
        return due_order(a, b);
    };
    for (PlanSort sort : {PlanSort::due, PlanSort::value, PlanSort::client}) {
        CAPTURE(static_cast<int>(sort));
        std::vector<Action> sorted = actions;
        winback::sort_actions(sorted, sort);
        REQUIRE(sorted.size() == actions.size());
        if (sort == PlanSort::due) CHECK(std::is_sorted(sorted.begin(), sorted.end(), due_order));
        if (sort == PlanSort::value) CHECK(std::is_sorted(sorted.begin(), sorted.end(), value_order));
        if (sort == PlanSort::client) CHECK(std::is_sorted(sorted.begin(), sorted.end(), client_order));
        // The same actions: each one's (due, name, id, step, nominal, value) as often as before.
        const auto fingerprint = [&](std::vector<Action> list) {
            std::vector<std::string> out;
            for (const Action& a : list) {
                out.push_back(fmt::format("{}|{}|{}|{}|{}|{}|{}", winback::format_date(a.due), name_of(a).size(), name_of(a),
                                          a.client_id, a.step_index, winback::format_date(a.nominal), a.value));
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        CHECK(fingerprint(sorted) == fingerprint(actions));
    }
}
