// `winback clients`: one line per client, from small books given as TOML text.

#include "winback/roster.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "winback/load.hpp"

using namespace winback;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

const std::string playbooks = R"(
[[playbook]]
reason = "test"
return_rate = 0.5
stop_after = "6m"
  [[playbook.step]]
  id = "o"
  at = "3d"
  to = "family"
  via = "call"
  task = "t"
  [[playbook.step]]
  id = "m"
  every = "1m"
  to = "family"
  via = "call"
  task = "t"
[[playbook]]
reason = "other"
return_rate = 0.1
  [[playbook.step]]
  id = "x"
  at = "2d"
  to = "family"
  via = "letter"
  task = "t"
)";

// C-1 lapsed (test, reclassified to other in the log), C-2 lapsed on a month end with an overdue
// step, C-3 active at risk, C-4 returned, C-5 a name that looks like a formula.
const std::string clients = R"toml(
[[client]]
id = "C-1"
name = "山田 花子"
status = "lapsed"
lapse_date = 2026-01-31
reason = "test"
monthly_revenue = 50000
owner = "田中"
[[client]]
id = "C-2"
name = "B"
status = "lapsed"
lapse_date = 2026-03-31
reason = "test"
monthly_revenue = 30000
owner = "鈴木"
[[client]]
id = "C-3"
name = "C"
status = "active"
owner = "田中"
monthly_revenue = 20000
at_risk = { reason = "test", since = 2026-05-01 }
[[client]]
id = "C-4"
name = "D"
status = "returned"
lapse_date = 2026-02-10
reason = "other"
[[client]]
id = "C-5"
name = "=SUM(A1)"
status = "closed"
)toml";

const std::string log = R"(
[[entry]]
date = 2026-02-03
client = "C-1"
step = "o"
outcome = "reached"
[[entry]]
date = 2026-04-20
client = "C-1"
outcome = "reached"
reason = "other"
[[entry]]
date = 2026-04-22
client = "C-1"
step = "x"
outcome = "sent"
[[entry]]
date = 2026-04-22
client = "C-1"
outcome = "no_answer"
[[entry]]
date = 2026-03-01
client = "C-4"
outcome = "returned"
[[entry]]
date = 2026-06-01
client = "C-4"
outcome = "reached"
)";

Book book() {
    BookSources sources{{"clients.toml", clients}, {"playbooks.toml", playbooks}, {"facility.toml", {}}, {"log.toml", log}};
    Diagnostics diagnostics;
    Book b = load_book(sources, Lang::en, diagnostics);
    for (const auto& diagnostic : diagnostics.items()) FAIL_CHECK(format_diagnostic(diagnostic));
    return b;
}

std::vector<RosterLine> roster(const char* today, RosterFilter filter = {}) {
    RosterOptions options;
    options.today = d(today);
    options.until = add_days(options.today, 399);
    options.filter = std::move(filter);
    return make_roster(book(), options);
}

std::string render(const std::vector<RosterLine>& lines, Format format, bool raw = false, Lang lang = Lang::en) {
    RenderOptions options;
    options.format = format;
    options.raw = raw;
    options.lang = lang;
    return render_roster(lines, options);
}

std::string ids(const std::vector<RosterLine>& lines) {
    std::string out;
    for (const RosterLine& l : lines) out += (out.empty() ? "" : " ") + l.client_id;
    return out;
}

}  // namespace

TEST_CASE("roster: one line per client") {
    SUBCASE("every column, as csv") {
        // On May 10: C-1 follows "other" since Apr 20 and its letter x is done; its last contact is
        // the later entry of Apr 22 in file order. C-2's o (Apr 3) is overdue and comes before its m
        // (Apr 30). C-3 is at risk, without at-risk steps. C-4 came back: no months, no value, and
        // its June entry is not known yet. C-5's name is neutralised.
        CHECK(render(roster("2026-05-10"), Format::csv) ==
              "client_id,client,status,reason,lapse_date,months_since_lapse,last_contact,last_outcome,next_step,"
              "next_due,overdue_days,owner,value\r\n"
              "C-1,山田 花子,lapsed,other,2026-01-31,3,2026-04-22,no_answer,,,,田中,5000\r\n"
              "C-2,B,lapsed,test,2026-03-31,1,,,o,2026-04-03,37,鈴木,15000\r\n"
              "C-3,C,active,test,,,,,,,,田中,10000\r\n"
              "C-4,D,returned,other,2026-02-10,,2026-03-01,returned,,,,,0\r\n"
              "C-5,'=SUM(A1),closed,,,,,,,,,,0\r\n");
    }
    SUBCASE("the next action is the first of the client's plan") {
        const auto lines = roster("2026-04-21", {{}, {}, {"C-1"}, {}});
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].next_step == "x");
        CHECK(lines[0].next_due == d("2026-04-22"));
        CHECK(lines[0].overdue_days == 0);
    }
    SUBCASE("past stop_after: no next action and no value") {
        const auto lines = roster("2026-10-01", {{}, {}, {"C-2"}, {}});
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].next_step.empty());
        CHECK(lines[0].value == 0);
        CHECK(lines[0].months_since_lapse == 6);
    }
}

TEST_CASE("roster: filters") {
    CHECK(ids(roster("2026-05-10", {{"other"}, {}, {}, {}})) == "C-1 C-4");  // after reclassification
    CHECK(ids(roster("2026-04-19", {{"other"}, {}, {}, {}})) == "C-4");
    CHECK(ids(roster("2026-05-10", {{}, {"田中"}, {}, {}})) == "C-1 C-3");
    CHECK(ids(roster("2026-05-10", {{}, {}, {"C-4", "C-2"}, {}})) == "C-2 C-4");
    CHECK(ids(roster("2026-05-10", {{}, {}, {}, {Status::lapsed, Status::closed}})) == "C-1 C-2 C-5");
    CHECK(ids(roster("2026-05-10", {{"test"}, {"田中"}, {}, {}})) == "C-3");
}

TEST_CASE("roster: rendering") {
    const auto lines = roster("2026-05-10", {{}, {}, {"C-2", "C-5"}, {}});
    SUBCASE("--raw keeps a formula-like cell; tsv") {
        CHECK(render(lines, Format::tsv, true) ==
              "client_id\tclient\tstatus\treason\tlapse_date\tmonths_since_lapse\tlast_contact\tlast_outcome\t"
              "next_step\tnext_due\toverdue_days\towner\tvalue\n"
              "C-2\tB\tlapsed\ttest\t2026-03-31\t1\t\t\to\t2026-04-03\t37\t鈴木\t15000\n"
              "C-5\t=SUM(A1)\tclosed\t\t\t\t\t\t\t\t\t\t0\n");
    }
    SUBCASE("json: numbers and dates are null when absent") {
        CHECK(render(lines, Format::json) ==
              "[\n  {\"client_id\":\"C-2\",\"client\":\"B\",\"status\":\"lapsed\",\"reason\":\"test\","
              "\"lapse_date\":\"2026-03-31\",\"months_since_lapse\":1,\"last_contact\":null,\"last_outcome\":\"\","
              "\"next_step\":\"o\",\"next_due\":\"2026-04-03\",\"overdue_days\":37,\"owner\":\"鈴木\",\"value\":15000},\n"
              "  {\"client_id\":\"C-5\",\"client\":\"=SUM(A1)\",\"status\":\"closed\",\"reason\":\"\",\"lapse_date\":null,"
              "\"months_since_lapse\":null,\"last_contact\":null,\"last_outcome\":\"\",\"next_step\":\"\","
              "\"next_due\":null,\"overdue_days\":null,\"owner\":\"\",\"value\":0}\n]\n");
        CHECK(render({}, Format::json) == "[]\n");
        CHECK(render({}, Format::ndjson).empty());
    }
    SUBCASE("table in Japanese: labels, days late, yen; nothing at all for no clients") {
        CHECK(render(lines, Format::table, false, Lang::ja) ==
              "ID   利用者    状態  理由  休止日      経過月数  最終連絡  結果  次のステップ  期日        遅れ  担当  期待値\n"
              "C-2  B         休止  test  2026-03-31  1                         o             2026-04-03  37日  鈴木  ¥15,000\n"
              "C-5  =SUM(A1)  終了\n");
        CHECK(render({}, Format::table).empty());
    }
}
