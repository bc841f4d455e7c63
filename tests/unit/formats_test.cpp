// iCalendar and HTML of a plan, and colour on the terminal through the whole CLI.

#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/cli.hpp"
#include "test_text.hpp"
#include "winback/render.hpp"
#include "winback/text.hpp"

namespace {

winback::Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

winback::Action action(const char* client_id, const char* client, const char* due, long overdue_days) {
    winback::Action a;
    a.client_id = client_id;
    a.client = client;
    a.step = "family-monthly";
    a.due = date(due);
    a.nominal = a.due;
    a.action_id = winback::test::kept(fmt::format("{}/family-monthly/{}", client_id, due));
    a.overdue_days = overdue_days;
    a.reason = "hospitalized";
    a.to = winback::Recipient::family;
    a.via = winback::Channel::call;
    a.contact = "山田 太郎";
    a.phone = "090-1234-5678";
    a.task = "Call, ask; note\nthen <b>log</b> it";
    a.owner = "田中";
    return a;
}

winback::Plan plan_of(std::vector<winback::Action> actions) {
    winback::Plan plan;
    plan.today = date("2026-11-24");
    plan.until = date("2026-11-30");
    plan.actions = std::move(actions);
    return plan;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

struct Run {
    int code;
    std::string out;
    std::string err;
};

Run run_plan(bool terminal, std::map<std::string, std::string> vars, std::size_t width = 0,
             const char* format = "table") {
    winback::cli::Environment env;
    env.vars = std::move(vars);
    env.stdout_is_terminal = terminal;
    env.terminal_width = width;
    env.today = date("2026-11-24");
    const std::string dir = std::string(WINBACK_SOURCE_DIR) + "/examples/dayservice";
    std::vector<const char*> args = {"winback", "--dir", dir.c_str(), "--lang", "ja", "plan", "--days", "7", "--format", format};
    std::ostringstream out, err;
    const int code = winback::cli::run(static_cast<int>(args.size()), args.data(), out, err, env);
    return {code, out.str(), err.str()};
}

}  // namespace

TEST_CASE("render_ics") {
    SUBCASE("one VTODO per action, CRLF, stable stamp and UID") {
        const auto plan = plan_of({action("C-0001", "山田 花子", "2026-11-20", 4), action("C-0002", "Li", "2026-11-25", 0)});
        const std::string ics = winback::render_ics(plan, winback::Lang::en);
        CHECK(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
        CHECK(ics.ends_with("END:VTODO\r\nEND:VCALENDAR\r\n"));
        CHECK(count(ics, "BEGIN:VTODO\r\n") == 2);
        CHECK(count(ics, "\n") == count(ics, "\r\n"));
        CHECK(count(ics, "DTSTAMP:20261124T000000Z\r\n") == 2);
        CHECK(ics.find("UID:C-0001/family-monthly/2026-11-20@winback\r\n") != std::string::npos);
        CHECK(ics.find("DUE;VALUE=DATE:20261125\r\n") != std::string::npos);
        CHECK(ics.find("SUMMARY:Li: call (family)\r\n") != std::string::npos);
        CHECK(ics.find("CATEGORIES:hospitalized\r\n") != std::string::npos);
        CHECK(ics.find("DESCRIPTION:Call\\, ask\\; note\\nthen <b>log</b> it\\nLate: 4 days") != std::string::npos);
        CHECK(winback::render_ics(plan, winback::Lang::en) == ics);
    }
    SUBCASE("Japanese labels") {
        const std::string ics = winback::render_ics(plan_of({action("C-0001", "山田 花子", "2026-11-25", 0)}),
                                                    winback::Lang::ja);
        CHECK(ics.find("SUMMARY:山田 花子: 電話(家族)\r\n") != std::string::npos);
        CHECK(ics.find("\\n担当: 田中") != std::string::npos);
    }
    SUBCASE("nothing due: a calendar without to-dos") {
        const std::string ics = winback::render_ics(plan_of({}), winback::Lang::en);
        CHECK(ics.find("VTODO") == std::string::npos);
        CHECK(ics.ends_with("END:VCALENDAR\r\n"));
    }
}

TEST_CASE("render_html") {
    const auto plan = plan_of({action("C-0001", "<山田> & \"花子\"", "2026-11-20", 4), action("C-0002", "Li", "2026-11-24", 0),
                               action("C-0003", "Mo", "2026-11-26", 0)});
    const std::string html = winback::render_html(plan, winback::Lang::ja);
    SUBCASE("self-contained, A4, in the language") {
        CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"));
        CHECK(html.find("size: A4") != std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("<link") == std::string::npos);
        CHECK(html.find("src=") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(winback::render_html(plan, winback::Lang::en).find("<html lang=\"en\">") != std::string::npos);
    }
    SUBCASE("a section per day, the overdue ones on the first day's") {
        CHECK(count(html, "<section>") == 2);
        CHECK(html.find("2026-11-24 (火曜日)") != std::string::npos);
        CHECK(html.find("2026-11-26 (木曜日)") != std::string::npos);
        CHECK(html.find("2026-11-20 (") == std::string::npos);
        CHECK(count(html, "<span class=\"box\"></span>") == 3);
        CHECK(count(html, "<td class=\"note\"></td>") == 3);
        CHECK(count(html, "<tr class=\"overdue\">") == 1);
    }
    SUBCASE("everything escaped, line breaks kept") {
        CHECK(html.find("<b>&lt;山田&gt; &amp; &quot;花子&quot;</b>") != std::string::npos);
        CHECK(html.find("Call, ask; note<br>then &lt;b&gt;log&lt;/b&gt; it") != std::string::npos);
        CHECK(html.find("<b>log</b>") == std::string::npos);
    }
    SUBCASE("nothing due: one sheet that says so") {
        const std::string empty = winback::render_html(plan_of({}), winback::Lang::en);
        CHECK(count(empty, "<section>") == 1);
        CHECK(empty.find("Nothing is due.") != std::string::npos);
    }
}

TEST_CASE("plan table colour") {
    SUBCASE("on a terminal, overdue rows are red and only they") {
        const Run run = run_plan(true, {});
        REQUIRE(run.code == 0);
        CHECK(count(run.out, "\x1b[31m") > 0);
        CHECK(count(run.out, "\x1b[31m") == count(run.out, "\x1b[0m\n"));
        const std::string json = run_plan(false, {}, 0, "json").out;
        const std::size_t overdue = count(json, "\"overdue_days\":") - count(json, "\"overdue_days\":0,");
        CHECK(count(run.out, "\x1b[31m") == overdue);
    }
    SUBCASE("NO_COLOR set, a pipe, or TERM=dumb: no escape codes") {
        for (const Run& run : {run_plan(true, {{"NO_COLOR", "1"}}), run_plan(false, {}),
                               run_plan(true, {{"TERM", "dumb"}})}) {
            REQUIRE(run.code == 0);
            CHECK(run.out.find('\x1b') == std::string::npos);
            CHECK(!run.out.empty());
        }
    }
    SUBCASE("NO_COLOR set but empty does not count (no-color.org)") {
        CHECK(run_plan(true, {{"NO_COLOR", ""}}).out.find("\x1b[31m") != std::string::npos);
    }
    SUBCASE("fits the terminal's width, long cells cut with an ellipsis") {
        const Run run = run_plan(true, {{"NO_COLOR", "1"}}, 100);
        REQUIRE(run.code == 0);
        CHECK(run.out.find("…") != std::string::npos);
        std::istringstream lines(run.out);
        for (std::string line; std::getline(lines, line);) {
            CAPTURE(line);
            CHECK(winback::display_width(line) <= 100);
        }
        CHECK(run_plan(false, {}).out.find("…") == std::string::npos);  // a pipe gets whole cells
    }
}
