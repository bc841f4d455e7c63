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

}  // namespace

TEST_CASE("make_plan: a large book, planned in parts") {
    const Book small = winback::test::load_book({clients_toml, {}, {}, log_toml});
    // 6,000 copies of each kind: 24,000 clients, more than one thread takes.
    Book book = small;
    book.clients.clear();
    book.log.clear();
    constexpr int copies = 6000;
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
