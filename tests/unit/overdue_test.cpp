// Done and overdue: the rules of PRODUCT.md that depend on the log, on their edges.

#include <doctest/doctest.h>

#include "test_book.hpp"

#include <algorithm>
#include <string>

#include <fmt/format.h>

#include "winback/load.hpp"
#include "winback/plan.hpp"

using namespace winback;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

// A book with one lapsed client and one playbook; no closed days unless facility says so.
Book book_with(const std::string& steps, const std::string& log, const std::string& facility = "",
               const std::string& client_extra = "") {
    const std::string clients = "[[client]]\nid = \"C-1\"\nname = \"A\"\nstatus = \"lapsed\"\n"
                                "lapse_date = 2026-01-31\nreason = \"test\"\nmonthly_revenue = 10000\n" +
                                client_extra;
    const std::string playbooks = "[[playbook]]\nreason = \"test\"\nreturn_rate = 0.5\n" + steps;
    return test::load_book({clients, playbooks, facility, log}, test::Accept::warnings);
}

std::string entry(const char* date, const char* step, const char* outcome = "reached") {
    return std::string("[[entry]]\ndate = ") + date + "\nclient = \"C-1\"\nstep = \"" + step + "\"\noutcome = \"" +
           outcome + "\"\n";
}

// "id@due+late" for each action of a plan on `today` (one day).
std::string plan_on(const Book& book, const char* today, const char* until = nullptr) {
    PlanOptions options;
    options.today = d(today);
    options.until = until ? d(until) : options.today;
    std::string out;
    for (const Action& a : make_plan(book, options).actions) {
        out += fmt::format("{}{}@{}+{}", out.empty() ? "" : " ", a.action_id, format_date(a.due), a.overdue_days);
    }
    return out;
}

const std::string monthly = "[[playbook.step]]\nid = \"m\"\nevery = \"1m\"\nto = \"family\"\nvia = \"call\"\n"
                            "task = \"t\"\n";
const std::string one_off = "[[playbook.step]]\nid = \"o\"\nat = \"3d\"\nto = \"family\"\nvia = \"call\"\n"
                            "task = \"t\"\n";

}  // namespace

TEST_CASE("a recurring occurrence is done by an entry inside its lead window") {
    // Monthly from Jan 31: Feb 28, Mar 31, Apr 30. Lead = min(7, half the interval) = 7 days.
    SUBCASE("an entry a few days early counts") {
        const Book book = book_with(monthly, entry("2026-02-25", "m"));
        CHECK(plan_on(book, "2026-02-28") == "");
    }
    SUBCASE("exactly on the lead boundary (due - 7 days) counts") {
        const Book book = book_with(monthly, entry("2026-02-21", "m"));
        CHECK(plan_on(book, "2026-02-28") == "");
    }
    SUBCASE("a day before the lead boundary belongs to the previous occurrence") {
        const Book book = book_with(monthly, entry("2026-02-20", "m"));
        CHECK(plan_on(book, "2026-02-28") == "C-1/m/2026-02-28@2026-02-28+0");
    }
    SUBCASE("an entry after the due date, before the next lead window, still counts (done late)") {
        const Book book = book_with(monthly, entry("2026-03-20", "m"));
        CHECK(plan_on(book, "2026-03-21") == "");
    }
    SUBCASE("an entry inside the next occurrence's lead window counts for the next one, not this one") {
        // Mar 31 - 7 = Mar 24: an entry on Mar 25 is for the March call; February stays missed
        // but is superseded once March is the latest past occurrence.
        const Book book = book_with(monthly, entry("2026-03-25", "m"));
        CHECK(plan_on(book, "2026-03-26") == "C-1/m/2026-02-28@2026-02-28+26");
        CHECK(plan_on(book, "2026-04-01") == "");
    }
    SUBCASE("an entry for another step does not count") {
        const Book book = book_with(monthly + one_off, entry("2026-02-27", "o"));
        CHECK(plan_on(book, "2026-02-28") == "C-1/m/2026-02-28@2026-02-28+0");
    }
}

TEST_CASE("overdue occurrences") {
    SUBCASE("an occurrence missed yesterday is listed with its days late until it is logged") {
        const Book book = book_with(monthly, "");
        CHECK(plan_on(book, "2026-03-01") == "C-1/m/2026-02-28@2026-02-28+1");
        CHECK(plan_on(book, "2026-03-30") == "C-1/m/2026-02-28@2026-02-28+30");
    }
    SUBCASE("two missed occurrences in a row: only the latest is listed") {
        const Book book = book_with(monthly, "");
        CHECK(plan_on(book, "2026-04-02") == "C-1/m/2026-03-31@2026-03-31+2");
    }
    SUBCASE("the overdue row and the occurrence due today are both listed, overdue first") {
        const Book book = book_with(monthly, "");
        CHECK(plan_on(book, "2026-04-30") == "C-1/m/2026-03-31@2026-03-31+30 C-1/m/2026-04-30@2026-04-30+0");
    }
    SUBCASE("a one-off step done late is done") {
        const Book book = book_with(one_off, entry("2026-03-15", "o"));
        CHECK(plan_on(book, "2026-02-10") == "C-1/o/2026-02-03@2026-02-03+7");
        CHECK(plan_on(book, "2026-03-16") == "");
    }
    SUBCASE("a one-off step stays overdue until it is logged") {
        const Book book = book_with(one_off, "");
        CHECK(plan_on(book, "2026-06-01") == "C-1/o/2026-02-03@2026-02-03+118");
    }
    SUBCASE("expire drops an occurrence that is later than that") {
        const Book book = book_with(monthly + "expire = \"10d\"\n", "");
        CHECK(plan_on(book, "2026-03-10") == "C-1/m/2026-02-28@2026-02-28+10");
        CHECK(plan_on(book, "2026-03-11") == "");
    }
    SUBCASE("days late count calendar days from the shifted due date") {
        // Feb 28 2026 is a Saturday: closed Saturdays and Sundays move it to Monday Mar 2.
        const Book book = book_with(monthly, "", "[facility]\nclosed_weekdays = [\"sat\", \"sun\"]\n");
        CHECK(plan_on(book, "2026-03-05") == "C-1/m/2026-02-28@2026-03-02+3");
    }
    SUBCASE("--overdue-only lists only the overdue rows") {
        const Book book = book_with(monthly, "");
        PlanOptions options;
        options.today = d("2026-04-30");
        options.until = options.today;
        options.overdue_only = true;
        const Plan plan = make_plan(book, options);
        REQUIRE(plan.actions.size() == 1);
        CHECK(plan.actions[0].overdue_days == 30);
    }
}

TEST_CASE("stop outcomes in the log") {
    for (const char* outcome : {"returned", "declined", "deceased"}) {
        CAPTURE(outcome);
        const Book book = book_with(monthly, "[[entry]]\ndate = 2026-03-10\nclient = \"C-1\"\noutcome = \"" +
                                                 std::string(outcome) + "\"\n");
        CHECK(plan_on(book, "2026-03-05") == "C-1/m/2026-02-28@2026-02-28+5");
        CHECK(plan_on(book, "2026-03-10", "2026-12-31") == "");
    }
    SUBCASE("a return before the current lapse does not stop the new lapse") {
        const Book book = book_with(monthly, "[[entry]]\ndate = 2025-06-01\nclient = \"C-1\"\noutcome = \"returned\"\n");
        CHECK(plan_on(book, "2026-02-28") == "C-1/m/2026-02-28@2026-02-28+0");
    }
    SUBCASE("a refusal before the current lapse still stops everything") {
        const Book book = book_with(monthly, "[[entry]]\ndate = 2025-06-01\nclient = \"C-1\"\noutcome = \"declined\"\n");
        CHECK(plan_on(book, "2026-02-28") == "");
    }
}

TEST_CASE("event anchors and reclassification") {
    const std::string welcome = "[[playbook.step]]\nid = \"w\"\nafter = \"discharged\"\nat = \"3d\"\nto = \"family\"\n"
                                "via = \"call\"\ntask = \"t\"\n";
    SUBCASE("a step after an event that has not happened is not scheduled") {
        const Book book = book_with(welcome, "");
        CHECK(plan_on(book, "2026-02-01", "2026-12-31") == "");
    }
    SUBCASE("the latest logged event anchors the step") {
        const Book book = book_with(welcome, "[[entry]]\ndate = 2026-04-01\nclient = \"C-1\"\noutcome = \"discharged\"\n"
                                             "[[entry]]\ndate = 2026-05-01\nclient = \"C-1\"\noutcome = \"discharged\"\n");
        CHECK(plan_on(book, "2026-05-01", "2026-05-31") == "C-1/w/2026-05-04@2026-05-04+0");
    }
    SUBCASE("an entry with reason moves the client to that playbook from its date") {
        const std::string playbooks_extra = "[[playbook]]\nreason = \"other\"\n[[playbook.step]]\nid = \"x\"\n"
                                            "at = \"2d\"\nto = \"family\"\nvia = \"letter\"\ntask = \"t\"\n";
        const Book book = book_with(monthly + playbooks_extra,
                                    "[[entry]]\ndate = 2026-03-10\nclient = \"C-1\"\noutcome = \"reached\"\n"
                                    "reason = \"other\"\n");
        CHECK(plan_on(book, "2026-03-10", "2026-06-30") == "C-1/x/2026-03-12@2026-03-12+0");
    }
}
