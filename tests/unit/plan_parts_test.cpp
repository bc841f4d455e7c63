// make_plan plans a large book in parts of its clients, one thread each: the plan must be the one
// of the clients planned one after the other.

#include "winback/plan.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "test_book.hpp"
#include "test_text.hpp"

using winback::Action;
using winback::Book;
using winback::Client;
using winback::Plan;
using winback::PlanOptions;

namespace {

winback::Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

// Four kinds of client: two lapsed for other reasons and at other dates, one active, one in
// hospital with a logged discharge.
constexpr std::string_view clients_toml = R"(
[[client]]
id = "A"
name = "佐藤 花子"
status = "lapsed"
lapse_date = 2026-10-20
reason = "hospitalized"
monthly_revenue = 80000

[[client]]
id = "B"
name = "鈴木 一郎"
status = "lapsed"
lapse_date = 2026-09-01
reason = "conflict"
monthly_revenue = 60000

[[client]]
id = "C"
name = "高橋 次郎"
status = "active"

[[client]]
id = "D"
name = "田中 三郎"
status = "lapsed"
lapse_date = 2026-08-15
reason = "hospitalized"
monthly_revenue = 90000
)";

constexpr std::string_view log_toml = R"(
[[entry]]
date = 2026-11-01
client = "D"
outcome = "discharged"
)";

// "client step due" of an action, its client id left out.
std::string row(const Action& a, std::string_view id) {
    std::string step_id(a.action_id.substr(id.size()));
    return fmt::format("{} {} {} {}", step_id, winback::format_date(a.due), a.value, a.task.size());
}

// `copies` copies of each client of `small`, with their entries: ids "A-00000", "A-00001"...
Book copied_book(const Book& small, int copies) {
    Book book = small;
    book.clients.clear();
    book.log.clear();
    for (int k = 0; k < copies; ++k) {
        for (const Client& c : small.clients) {
            Client copy = c;
            copy.id = winback::test::kept(fmt::format("{}-{:05}", c.id, k));
            book.clients.push_back(std::move(copy));
        }
        for (winback::Entry e : small.log) {
            e.client = winback::test::kept(fmt::format("{}-{:05}", e.client, k));
            book.log.push_back(std::move(e));
        }
    }
    return book;
}

std::vector<std::string> action_ids(const std::vector<Action>& actions) {
    std::vector<std::string> ids;
    for (const Action& a : actions) ids.emplace_back(a.action_id);
    return ids;
}

}  // namespace

TEST_CASE("make_plan: a large book, planned in parts") {
    const Book small = winback::test::load_book({clients_toml, {}, {}, log_toml});
    // 6,000 copies of each kind: 24,000 clients, more than one thread takes.
    constexpr int copies = 6000;
    const Book book = copied_book(small, copies);
    PlanOptions options;
    options.today = date("2026-11-24");
    options.until = date("2026-12-23");
    const Plan one = winback::make_plan(small, options);
    REQUIRE(!one.actions.empty());
    const Plan all = winback::make_plan(book, options);
    REQUIRE(all.actions.size() == one.actions.size() * copies);

    // Each copy has the actions of its original, and the plan is in its order.
    std::map<std::string, std::vector<std::string>> expected;  // per original client id
    for (const Action& a : one.actions) expected[std::string(a.client_id)].push_back(row(a, a.client_id));
    std::map<std::string, std::vector<std::string>> got;  // per copy's id
    for (std::size_t i = 0; i < all.actions.size(); ++i) {
        const Action& a = all.actions[i];
        got[std::string(a.client_id)].push_back(row(a, a.client_id));
        if (i > 0) CHECK(winback::action_before(all.actions[i - 1], a));
    }
    CHECK(got.size() == expected.size() * copies);
    for (const auto& [id, rows] : got) {
        const std::string original = id.substr(0, id.find('-'));
        CHECK(rows == expected[original]);
    }
}

TEST_CASE("make_plan: a large book's blocks, sorted as they are made and merged, in every order") {
    const Book small = winback::test::load_book({clients_toml, {}, {}, log_toml});
    // Twelve blocks of clients; the copies' values differ, so that the orders differ too.
    Book book = copied_book(small, 6000);
    for (std::size_t i = 0; i < book.clients.size(); ++i) {
        if (book.clients[i].monthly_revenue) book.clients[i].monthly_revenue = 10000 + static_cast<long long>(i % 977) * 100;
    }
    for (const auto sort : {winback::PlanSort::due, winback::PlanSort::value, winback::PlanSort::client}) {
        CAPTURE(static_cast<int>(sort));
        PlanOptions options;
        options.today = date("2026-11-24");
        options.until = date("2026-12-23");
        options.sort = sort;
        const Plan plan = winback::make_plan(book, options);
        REQUIRE(plan.actions.size() > 10000);
        // The same actions, reversed and sorted as a whole.
        std::vector<Action> expected(plan.actions.rbegin(), plan.actions.rend());
        winback::sort_actions(expected, sort);
        CHECK(action_ids(plan.actions) == action_ids(expected));
    }
    SUBCASE("with a load limit the plan is sorted after the limits moved it") {
        book.facility.max_actions_per_day = 500;
        PlanOptions options;
        options.today = date("2026-11-24");
        options.until = date("2026-12-23");
        const Plan plan = winback::make_plan(book, options);
        REQUIRE(plan.actions.size() > 1000);
        for (std::size_t i = 1; i < plan.actions.size(); ++i) CHECK(winback::action_before(plan.actions[i - 1], plan.actions[i]));
    }
}
