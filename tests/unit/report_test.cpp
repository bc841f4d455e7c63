// `winback report`: every figure of a small book (report_book.hpp), against answers worked out
// by hand in the comments.

#include "winback/report.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "report_book.hpp"

using namespace winback;
using namespace winback::test::report_book;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

const ReasonFigures& row(const Report& report, std::string_view reason) {
    for (const ReasonFigures& r : report.reasons) {
        if (r.reason == reason) return r;
    }
    FAIL("no row for " << reason);
    return report.reasons.front();
}

}  // namespace

TEST_CASE("make_report: lapses and returns by reason") {
    const Report r = make_report(small_book(), d("2026-01-01"), d("2026-06-30"));
    // Lapses from 01-01 to 06-30: H1 (03-02), S1 (02-02), S2 (04-15), R1 (01-20), D1 (05-10).
    // H2 (2025-12-01) and R2 (2025-10-01) lapsed before the period.
    SUBCASE("hospitalized: H1 only, not back") {
        const ReasonFigures& h = row(r, "hospitalized");
        CHECK(h.lapsed == 1);
        CHECK(h.returned == 0);
        CHECK(h.return_rate() == doctest::Approx(0.0));
        CHECK_FALSE(h.median_days_to_return);
    }
    SUBCASE("switched: S1 back on 05-06, S2 back only on 07-01, after the period") {
        const ReasonFigures& s = row(r, "switched");
        CHECK(s.lapsed == 2);
        CHECK(s.returned == 1);
        CHECK(s.return_rate() == doctest::Approx(0.5));  // 1 / 2
        // 02-02 -> 03-02 is 28 days, -> 04-02 31 more, -> 05-02 30 more, -> 05-06 4 more: 93.
        REQUIRE(s.median_days_to_return);
        CHECK(*s.median_days_to_return == doctest::Approx(93.0));
    }
    SUBCASE("rule_change, deceased: one lapse each, none back; conflict: no lapse, so no rate") {
        CHECK(row(r, "rule_change").lapsed == 1);
        CHECK(row(r, "deceased").lapsed == 1);
        CHECK(row(r, "deceased").returned == 0);
        CHECK(row(r, "conflict").lapsed == 0);
        CHECK_FALSE(row(r, "conflict").return_rate());
    }
    SUBCASE("every playbook has a row, in the book's order") {
        CHECK(r.reasons.size() == small_book().playbooks.size());
    }
}

TEST_CASE("make_report: actions due, done and missed") {
    const Report r = make_report(small_book(), d("2026-01-01"), d("2026-06-30"));
    SUBCASE("hospitalized: H1 and H2 up to its return") {
        // H1: ask 03-02 (logged 03-02, done); family-monthly 04-02 (logged 04-02, done), 05-02 (a
        // Saturday, open; nothing logged from 04-25 to 05-25: missed), 06-02 (logged 06-03, done);
        // 07-02 is after the period. H2 (course up to its return on 02-10): family-monthly 01-01
        // (logged 01-02, done) and 02-01, a Sunday moved to 02-02 (nothing logged: missed); its
        // `ask` of 2025-12-01 is before the period.
        const ReasonFigures& h = row(r, "hospitalized");
        CHECK(h.due == 6);
        CHECK(h.done == 4);
        CHECK(h.missed == 2);
        CHECK(h.completion_rate() == doctest::Approx(4.0 / 6.0));
    }
    SUBCASE("switched: S1's ask-cm of 05-02 done on 05-04; S2's first one (07-15) is after the period") {
        const ReasonFigures& s = row(r, "switched");
        CHECK(s.due == 1);
        CHECK(s.done == 1);
        CHECK(s.missed == 0);
        CHECK(s.completion_rate() == doctest::Approx(1.0));
    }
    SUBCASE("conflict: A2's at-risk talk of 06-04, not logged") {
        const ReasonFigures& c = row(r, "conflict");
        CHECK(c.due == 1);
        CHECK(c.done == 0);
        CHECK(c.missed == 1);
        CHECK(c.completion_rate() == doctest::Approx(0.0));
    }
    SUBCASE("rule_change: the rule was never reverted, so nothing was due") {
        CHECK(row(r, "rule_change").due == 0);
        CHECK_FALSE(row(r, "rule_change").completion_rate());
    }
    SUBCASE("an occurrence due on the last day counts once it is done") {
        // To 06-02: H1's family-monthly is due that day and not logged yet: left out (due 5, done 3).
        // To 06-03: logged that day, within its window: counted (due 6 with H2's two, done 4).
        CHECK(row(make_report(small_book(), d("2026-01-01"), d("2026-06-02")), "hospitalized").due == 5);
        const Report later = make_report(small_book(), d("2026-01-01"), d("2026-06-03"));
        CHECK(row(later, "hospitalized").due == 6);
        CHECK(row(later, "hospitalized").done == 4);
    }
}

TEST_CASE("make_report: overall figures") {
    const Report r = make_report(small_book(), d("2026-01-01"), d("2026-06-30"));
    const OverallFigures& o = r.overall;
    // Came on 2025-12-31: A1, A2, H1, S1, S2, R1, D1 (their lapses are later) = 7; not H2 (away
    // since 2025-12-01), R2 (away since 2025-10-01), C1 (closed).
    CHECK(o.active_at_start == 7);
    // Came on 06-30: A1, A2, H2 (back 02-10), S1 (back 05-06) = 4; S2 comes back only on 07-01.
    CHECK(o.active_at_end == 4);
    CHECK(o.active() == doctest::Approx(5.5));  // (7 + 4) / 2
    CHECK(o.lapsed == 5);
    CHECK(o.returned == 1);
    CHECK(o.churn_rate() == doctest::Approx(5.0 / 5.5));  // 0.9091
    CHECK(o.return_rate() == doctest::Approx(0.2));       // 1 / 5
    CHECK(o.revenue_regained == 20000);                   // S1
    // Still followed up on 06-30: H1 60,000 x 0.5, S2 30,000 x 0.2, R2 35,000 x 0.1 (its
    // 36 months run to 2028). H2 and S1 are back, R1 closed, D1 deceased.
    CHECK(o.revenue_at_stake == 125000);  // 60,000 + 30,000 + 35,000
    CHECK(o.expected_value == 39500);     // 30,000 + 6,000 + 3,500
}

TEST_CASE("make_report: weekdays and rules") {
    const Report r = make_report(small_book(), d("2026-01-01"), d("2026-06-30"));
    SUBCASE("the open weekdays, as slots on the last day") {
        REQUIRE(r.weekdays.size() == 6);  // Monday to Saturday
        // Mon: A1, A2 come, H1's place is held: 3 - 2 - 1 = 0 free.
        CHECK(r.weekdays[0].active == 2);
        CHECK(r.weekdays[0].held.size() == 1);
        CHECK(r.weekdays[0].free() == 0);
        // Tue: H2 (returned) comes; R2 is away: 3 - 1 = 2.
        CHECK(r.weekdays[1].active == 1);
        CHECK(r.weekdays[1].free() == 2);
        // Fri: H1's place is held, D1 is gone: 3 - 0 - 1 = 2.
        CHECK(r.weekdays[4].active == 0);
        CHECK(r.weekdays[4].held.size() == 1);
        CHECK(r.weekdays[4].free() == 2);
        // Sat: R1 is closed: 3 free.
        CHECK(r.weekdays[5].free() == 3);
    }
    SUBCASE("rules: who left over each and is still away, and their revenue") {
        REQUIRE(r.rules.size() == 2);
        CHECK(r.rules[0].rule == "smoking");
        CHECK(r.rules[0].clients == 2);                 // R1 (closed) and R2 (lapsed)
        CHECK(r.rules[0].monthly_revenue == 80000);     // 45,000 + 35,000
        CHECK(r.rules[1].clients == 0);
        CHECK(r.rules[1].monthly_revenue == 0);
    }
    SUBCASE("a period that ends before a lapse does not count it") {
        // To 2026-01-19: R1 has not left yet, only R2 counts for the smoking rule.
        const Report early = make_report(small_book(), d("2026-01-01"), d("2026-01-19"));
        CHECK(early.rules[0].clients == 1);
        CHECK(early.rules[0].monthly_revenue == 35000);
        CHECK(early.overall.lapsed == 0);
        CHECK_FALSE(early.overall.return_rate());
        // Came on 01-19: A1, A2, H1, S1, S2, R1, D1 = 7, as at the start.
        CHECK(early.overall.active_at_end == 7);
        CHECK(early.overall.churn_rate() == doctest::Approx(0.0));
    }
}

TEST_CASE("make_report: median days to return") {
    // Three switched lapses back after 10, 30 and 20 days: the median is 20; with a fourth back
    // after 41 days it is (20 + 30) / 2 = 25.
    std::string book_clients;
    std::string book_log;
    const char* lapses[] = {"2026-03-02", "2026-03-02", "2026-03-02", "2026-03-02"};
    const char* returns[] = {"2026-03-12", "2026-04-01", "2026-03-22", "2026-04-12"};
    for (int i = 0; i < 4; ++i) {
        book_clients += "[[client]]\nid = \"S" + std::to_string(i) + "\"\nname = \"n\"\nstatus = \"returned\"\n"
                        "lapse_date = " + lapses[i] + "\nreason = \"switched\"\n";
        book_log += "[[entry]]\ndate = " + std::string(returns[i]) + "\nclient = \"S" + std::to_string(i) +
                    "\"\noutcome = \"returned\"\n";
    }
    const Book book = test::load_book({book_clients, report_playbooks, report_facility, book_log});
    SUBCASE("odd count") {
        const Report r = make_report(book, d("2026-03-01"), d("2026-04-05"));  // the 04-12 return is later
        CHECK(row(r, "switched").returned == 3);
        CHECK(*row(r, "switched").median_days_to_return == doctest::Approx(20.0));
    }
    SUBCASE("even count") {
        const Report r = make_report(book, d("2026-03-01"), d("2026-04-30"));
        CHECK(row(r, "switched").returned == 4);
        CHECK(*row(r, "switched").median_days_to_return == doctest::Approx(25.0));
        CHECK(r.overall.revenue_regained == 0);  // no monthly_revenue given
    }
}

TEST_CASE("render_report") {
    const Report r = make_report(small_book(), d("2026-01-01"), d("2026-06-30"));
    RenderOptions options;
    SUBCASE("json: one object, rates as fractions, null where undefined") {
        options.format = Format::json;
        const std::string json = render_report(r, options);
        CHECK(json.starts_with("{\n  \"from\": \"2026-01-01\",\n  \"to\": \"2026-06-30\",\n"));
        CHECK(json.find(R"({"reason":"switched","lapsed":2,"returned":1,"return_rate":0.5,"median_days_to_return":93,)"
                        R"("due":1,"done":1,"missed":0,"completion_rate":1})") != std::string::npos);
        CHECK(json.find(R"({"reason":"conflict","lapsed":0,"returned":0,"return_rate":null,)"
                        R"("median_days_to_return":null,"due":1,"done":0,"missed":1,"completion_rate":0})") !=
              std::string::npos);
        CHECK(json.find(R"("overall": {"active":5.5,"lapsed":5,"returned":1,"churn_rate":0.9091,"return_rate":0.2,)"
                        R"("revenue_regained":20000,"revenue_at_stake":125000,"expected_value":39500})") !=
              std::string::npos);
        CHECK(json.find(R"({"weekday":"mon","capacity":3,"active":2,"held":1,"free":0})") != std::string::npos);
        CHECK(json.find(R"({"rule":"smoking","title":"No smoking","clients":2,"monthly_revenue":80000})") !=
              std::string::npos);
        CHECK(json.ends_with("]\n}\n"));
    }
    SUBCASE("csv: section,item,figure,value") {
        options.format = Format::csv;
        const std::string csv = render_report(r, options);
        CHECK(csv.starts_with("section,item,figure,value\r\nperiod,,from,2026-01-01\r\nperiod,,to,2026-06-30\r\n"));
        CHECK(csv.find("reasons,hospitalized,completion_rate,0.6667\r\n") != std::string::npos);
        CHECK(csv.find("reasons,conflict,return_rate,\r\n") != std::string::npos);
        CHECK(csv.find("overall,,churn_rate,0.9091\r\n") != std::string::npos);
        CHECK(csv.find("weekdays,sat,free,3\r\n") != std::string::npos);
        CHECK(csv.ends_with("rules,pickup,monthly_revenue,0\r\n"));
    }
    SUBCASE("table: percentages and bars scaled to 20 cells") {
        const std::string table = render_report(r, options);
        // The first line that starts with `start`.
        auto line = [&](std::string_view start) {
            std::string wanted = "\n";  // appended, not "\n" + …: g++ 12 -O2 warns falsely (-Wrestrict)
            wanted += start;
            const std::size_t at = table.find(wanted);
            REQUIRE(at != std::string::npos);
            return table.substr(at + 1, table.find('\n', at + 1) - at - 1);
        };
        // switched: return rate 50.0%, 10 cells of 20.
        CHECK(line("switched ").find("50.0%") != std::string::npos);
        CHECK(line("switched ").ends_with("  ██████████"));
        // The rule of thumb, 10%: 2 cells.
        CHECK(line("rule of thumb").ends_with("  10.0%  ██"));
        // hospitalized completion 66.7%: 13 1/3 cells = 13 full ones and 3 eighths (107 of 160).
        CHECK(line("hospitalized  6").ends_with("  66.7%  █████████████▍"));
        // conflict: 0% has no bar; rule_change: no rate at all.
        CHECK(line("conflict      1").ends_with("   0.0%"));
        CHECK(line("rule_change   0").ends_with(" -"));
    }
}

TEST_CASE("decimal_text") {
    CHECK(decimal_text(0.5) == "0.5");
    CHECK(decimal_text(1.0) == "1");
    CHECK(decimal_text(0.0) == "0");
    CHECK(decimal_text(2.0 / 3.0) == "0.6667");
    CHECK(decimal_text(5.5, 1) == "5.5");
}

TEST_CASE("the end-to-end copy of the small book is the same book") {
    // tests/cli/report_book_json/book must hold these texts (after its two comment lines), so
    // that the golden files show the figures worked out above.
    const std::string dir = WINBACK_SOURCE_DIR "/tests/cli/report_book_json/book/";
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        REQUIRE(in);
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    };
    auto text = [](std::string_view raw) { return std::string(raw.substr(1)); };  // after R"(
    std::string clients_file = read(dir + "clients.toml");
    clients_file.erase(0, clients_file.find("[[client]]"));
    CHECK(clients_file == text(report_clients));
    CHECK(read(dir + "playbooks.toml") == text(report_playbooks));
    CHECK(read(dir + "facility.toml") == text(report_facility));
    CHECK(read(dir + "log.toml") == text(report_log));
}
