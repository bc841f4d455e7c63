// Safety properties of plans (issue 7), on thousands of random books from a fixed seed
// (random_book.hpp): every reason, lapse dates on month ends and Feb 29, closed weekdays, dates
// and ranges, Japanese holidays, an office calendar, every shift, load limits, at-risk clients,
// reclassifications and log entries with every outcome, written by hand or as winback writes them.
//
//  1. no action for a client who is deceased, do-not-contact, declined or returned (or whose
//     status is not followed at all), judged from the files, not by the planner's code;
//  2. with shift next or previous, no action is due on a closed day of its calendars (the
//     facility's, and the care managers' offices' too for steps to a care manager), judged from
//     the calendar as generated;
//  3. action_ids are unique within a plan, and two runs (on the same book, and on the book loaded
//     again) give the same plan;
//  4. the plan does not change when the clients are shuffled in clients.toml.

#include <doctest/doctest.h>

#include <numeric>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "random_book.hpp"
#include "winback/plan.hpp"
#include "test_text.hpp"

using namespace winback;
using winback::test::RandomBook;
using winback::test::Rng;

namespace {

std::optional<Book> load(const RandomBook& random, const std::vector<std::size_t>& order) {
    BookSources sources{{"clients.toml", random.clients_text(order)},
                        {"playbooks.toml", random.playbooks.empty() ? std::nullopt : std::optional(random.playbooks)},
                        {"facility.toml", random.facility},
                        {"log.toml", random.log.empty() ? std::nullopt : std::optional(random.log)}};
    Diagnostics diagnostics;
    Book book = load_book(sources, Lang::ja, diagnostics);
    if (!diagnostics.has_errors()) return book;
    std::string all;
    for (const Diagnostic& d : diagnostics.sorted()) all += format_diagnostic(d) + "\n";
    FAIL_CHECK("a generated book has errors:\n", all, "--- clients.toml\n", *sources.clients.text,
               "--- facility.toml\n", random.facility, "--- log.toml\n", random.log);
    return std::nullopt;
}

// Why the client must get no action at all as of `today`, from the files alone; empty if none.
std::string stop_of(const Book& book, const Client& c, Date today) {
    if (c.do_not_contact) return "do_not_contact";
    if (c.reason == "deceased") return "reason deceased";
    if (c.status == Status::returned || c.status == Status::closed) return std::string(to_string(c.status));
    if (c.status == Status::active && !c.at_risk) return "active and not at risk";
    if (c.at_risk && c.status == Status::active && c.at_risk->reason == "deceased") return "at risk, deceased";
    // A return before this lapse (or at-risk spell) ended an earlier one; a refusal or a death is for good.
    const std::optional<Date> start = c.status == Status::lapsed ? c.lapse_date : std::optional(c.at_risk->since);
    for (const Entry& e : book.log) {
        if (e.client != c.id || e.date > today) continue;
        if (e.outcome == "declined" || e.outcome == "deceased") return fmt::format("{} on {}", e.outcome, format_date(e.date));
        if (e.outcome == "returned" && start && e.date >= *start) return "returned on " + format_date(e.date);
    }
    return "";
}

std::string text_of(const Action& a) {
    return fmt::format("{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", a.action_id, format_date(a.due),
                       format_date(a.nominal), a.overdue_days, a.client_id, a.step, to_string(a.to), to_string(a.via),
                       a.contact, a.phone, a.task, a.owner, a.value, a.suggestion);
}

std::vector<std::string> text_of(const Plan& plan) {
    std::vector<std::string> out;
    for (const Action& a : plan.actions) out.push_back(text_of(a));
    return out;
}

struct Tally {
    long books = 0, plans = 0, actions = 0, shifted_books = 0, checked_on_calendar = 0, to_care_manager = 0;
    long overdue = 0, stopped_clients_seen = 0, violations = 0;
};

void check_plan(const Book& book, const RandomBook& random, const Plan& plan, Tally& tally, std::string_view where) {
    ++tally.plans;
    std::set<std::string_view> ids;
    for (const Action& a : plan.actions) {
        ++tally.actions;
        if (a.overdue_days > 0) ++tally.overdue;
        auto fail = [&](std::string_view what) {
            ++tally.violations;
            if (tally.violations <= 20) FAIL_CHECK(where, ": ", a.action_id, " (due ", format_date(a.due), "): ", what);
        };
        if (!ids.insert(a.action_id).second) fail("action_id twice in one plan");
        if (a.due > plan.until) fail("due after the window");
        const Client* client = book.find_client(a.client_id);
        if (!client) {
            fail("no such client");
            continue;
        }
        if (const std::string stop = stop_of(book, *client, plan.today); !stop.empty()) fail("client stopped: " + stop);
        if (random.shift == "none") continue;
        ++tally.checked_on_calendar;
        if (test::closed_on(random.facility_calendar, a.due)) fail("due on a closed day of the facility");
        if (a.to == Recipient::care_manager) {
            ++tally.to_care_manager;
            if (random.office_calendar && test::closed_on(*random.office_calendar, a.due)) {
                fail("to a care manager, due on a closed day of their offices");
            }
        }
    }
}

}  // namespace

TEST_CASE("property: plans of random books keep the stops and the calendars, and depend on nothing else") {
    test::StepsByReason steps;
    for (const Playbook& p : builtin_playbooks(Lang::ja)) {
        std::vector<std::string> ids;
        for (const Step& s : p.steps) ids.push_back(s.id);
        steps.emplace_back(p.reason, std::move(ids));
    }
    constexpr long books = 2000;
    Rng seeds(20261201);
    Tally tally;
    long stopped_clients = 0;
    for (long b = 0; b < books; ++b) {
        const std::uint64_t seed = seeds.next();
        Rng rng(seed);
        const Date today = test::date_between(rng, *parse_date("2025-01-01"), *parse_date("2027-12-31"));
        const RandomBook random = test::random_book(rng, today, steps);
        std::vector<std::size_t> order(random.client_blocks.size());
        std::iota(order.begin(), order.end(), 0);
        std::vector<std::size_t> shuffled = order;
        rng.shuffle(shuffled);
        const auto book = load(random, order);
        const auto again = load(random, order);
        const auto reordered = load(random, shuffled);
        if (!book || !again || !reordered) continue;
        ++tally.books;
        if (random.shift != "none") ++tally.shifted_books;

        for (const Date until : {today, add_days(today, rng.between(1, 90))}) {
            const std::string where = fmt::format("book {} (seed {}), {} to {}", b, seed, format_date(today),
                                                  format_date(until));
            CAPTURE(where);
            PlanOptions options;
            options.today = today;
            options.until = until;
            options.lang = Lang::ja;
            const Plan plan = make_plan(*book, options);
            check_plan(*book, random, plan, tally, where);
            const auto expected = text_of(plan);
            CHECK(text_of(make_plan(*book, options)) == expected);
            CHECK(text_of(make_plan(*again, options)) == expected);
            CHECK(text_of(make_plan(*reordered, options)) == expected);
            tally.plans += 3;
        }
        for (const Client& c : book->clients) {
            if (!stop_of(*book, c, today).empty()) ++stopped_clients;
        }
    }
    MESSAGE("property: ", tally.books, " random books, ", tally.plans, " plans (", tally.plans / 4,
            " checked action by action, each compared with a second run, a reloaded book and shuffled clients), ",
            tally.actions, " actions (", tally.overdue, " overdue), ", tally.checked_on_calendar,
            " checked against a shifting calendar (", tally.to_care_manager, " to care managers), ", stopped_clients,
            " stopped clients given nothing; ", tally.violations, " violations");
    CHECK(tally.books == books);
    CHECK(tally.violations == 0);
    // Enough happens for the properties to mean something.
    CHECK(tally.actions > 10 * books);
    CHECK(tally.checked_on_calendar > 5 * books);
    CHECK(tally.to_care_manager > books);
    CHECK(stopped_clients > books);
}
