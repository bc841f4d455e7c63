// `winback show`: a client's story from small books given as TOML text.

#include "winback/timeline.hpp"

#include <fmt/format.h>
#include <doctest/doctest.h>

#include "test_book.hpp"

#include <optional>
#include <string>

#include "winback/load.hpp"

using namespace winback;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

// Playbook "test": a one-off step o at 3 days and a monthly step m that expires after 30 days;
// playbook "other" (for reclassification): a one-off letter x at 2 days.
const std::string playbooks = R"(
[[playbook]]
reason = "test"
return_rate = 0.5
stop_after = "6m"
  [[playbook.step]]
  id = "o"
  at = "3d"
  to = "care_manager"
  via = "call"
  task = "ask {care_manager}"
  [[playbook.step]]
  id = "m"
  every = "1m"
  expire = "30d"
  to = "family"
  via = "call"
  task = "call about {name}"
[[playbook]]
reason = "other"
return_rate = 0.1
  [[playbook.step]]
  id = "x"
  at = "2d"
  to = "family"
  via = "letter"
  task = "write"
)";

const std::string lapsed_client = R"(
[[care_manager]]
id = "CM-1"
name = "佐藤"
[[client]]
id = "C-1"
name = "山田 花子"
kana = "やまだ はなこ"
status = "lapsed"
lapse_date = 2026-01-31
reason = "test"
reason_note = "入院"
care_manager = "CM-1"
monthly_revenue = 10000
owner = "田中"
)";

Book book_with(const std::string& clients, const std::string& log, const std::string& facility = "") {
    // Warnings (a client file that disagrees with the log) are fine here; errors are not.
    return test::load_book({clients, playbooks, facility, log}, test::Accept::warnings);
}

std::string entry(const char* date, const char* step, const char* outcome, const char* extra = "") {
    return std::string("[[entry]]\ndate = ") + date + "\nclient = \"C-1\"\n" +
           (*step ? std::string("step = \"") + step + "\"\n" : "") + "outcome = \"" + outcome + "\"\nby = \"田中\"\n" +
           extra;
}

Timeline timeline(const Book& book, const char* today, int days = 40) {
    TimelineOptions options;
    options.today = d(today);
    options.until = add_days(options.today, days - 1);
    return make_timeline(book, book.clients.at(0), options);
}
Timeline timeline(const Book&& book, const char* today, int days = 40) = delete;  // it views the book

// "date kind step outcome reason" per event, joined by " | ".
std::string events(const Timeline& t) {
    std::string out;
    for (const Event& e : t.events) {
        std::string line = format_date(e.date) + " " + std::string(to_string(e.kind));
        for (const std::string_view* field : {&e.step, &e.outcome, &e.reason}) {
            if (!field->empty()) line += fmt::format(" {}", *field);
        }
        out += (out.empty() ? "" : " | ") + line;
    }
    return out;
}

std::string next(const Timeline& t) {
    std::string out;
    for (const Action& a : t.next.actions) {
        out += fmt::format("{}{}@{}+{}", out.empty() ? "" : " ", a.step, format_date(a.due), a.overdue_days);
    }
    return out;
}

}  // namespace

TEST_CASE("timeline: the story in date order") {
    SUBCASE("lapse, contacts, each missed occurrence, expired ones, and the overdue one in next") {
        // m is due Feb 28, Mar 31, Apr 30, May 31. Feb is done; Mar and Apr are missed; on May 25
        // March is past its 30 days (expired), April is not and is the plan's overdue row.
        const Book book = book_with(lapsed_client, entry("2026-02-03", "o", "reached") + entry("2026-02-27", "m", "no_answer"));
        const Timeline t = timeline(book, "2026-05-25");
        CHECK(events(t) ==
              "2026-01-31 lapse test | 2026-02-03 contact o reached | 2026-02-27 contact m no_answer | "
              "2026-03-31 expired m | 2026-04-30 missed m");
        CHECK(next(t) == "m@2026-04-30+25 m@2026-05-31+0 m@2026-06-30+0");
        CHECK(t.reason == "test");
        CHECK(t.care_manager == "佐藤");
        CHECK(t.months_since_lapse == 3);
        CHECK(t.events[0].note == "入院");
    }
    SUBCASE("a one-off step not done is missed; missed occurrences follow the closed-day shift") {
        // Feb 3 + closed Tuesdays -> Feb 4; Feb 28 is a Saturday, not closed.
        const Book book = book_with(lapsed_client, entry("2026-02-27", "m", "reached"),
                                    "[facility]\nclosed_weekdays = [\"tue\"]\n");
        CHECK(events(timeline(book, "2026-03-10")) == "2026-01-31 lapse test | 2026-02-04 missed o | 2026-02-27 contact m reached");
    }
    SUBCASE("entries after today are not known yet, and an occurrence due today is not missed") {
        const Book book = book_with(lapsed_client, entry("2026-02-03", "o", "reached") + entry("2026-03-01", "m", "reached"));
        const Timeline t = timeline(book, "2026-02-28");
        CHECK(events(t) == "2026-01-31 lapse test | 2026-02-03 contact o reached");
        CHECK(next(t) == "m@2026-02-28+0 m@2026-03-31+0");
    }
    SUBCASE("entries of one day keep their file order, after the lapse of that day") {
        const Book book = book_with(lapsed_client, entry("2026-01-31", "", "reached") + entry("2026-01-31", "", "sent"));
        CHECK(events(timeline(book, "2026-02-01")) ==
              "2026-01-31 lapse test | 2026-01-31 contact reached | 2026-01-31 contact sent");
    }
}

TEST_CASE("timeline: reclassification and stops") {
    SUBCASE("an entry with reason is a reclassification; missed occurrences are those of the new playbook") {
        const Book book = book_with(lapsed_client, entry("2026-03-10", "m", "reached", "reason = \"other\"\n"));
        const Timeline t = timeline(book, "2026-03-20");
        CHECK(events(t) ==
              "2026-01-31 lapse test | 2026-03-10 reclassified m reached other | 2026-03-12 missed x");
        CHECK(t.reason == "other");
        CHECK(next(t) == "x@2026-03-12+8");
    }
    SUBCASE("a stop outcome ends the story: nothing is missed from its date on, nothing is next") {
        const Book book = book_with(lapsed_client, entry("2026-02-03", "o", "reached") + entry("2026-03-15", "", "returned"));
        const Timeline t = timeline(book, "2026-06-01");
        CHECK(events(t) ==
              "2026-01-31 lapse test | 2026-02-03 contact o reached | 2026-02-28 expired m | "
              "2026-03-15 stop returned");
        CHECK(next(t).empty());
    }
    SUBCASE("stop_after: the follow-up ends once the playbook's limit has passed") {
        std::string log = entry("2026-02-03", "o", "reached");
        for (const char* date : {"2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30", "2026-07-31"}) {
            log += entry(date, "m", "reached");
        }
        const Book book = book_with(lapsed_client, log);
        CHECK(events(timeline(book, "2026-07-31")).ends_with("2026-07-31 contact m reached"));
        const Timeline t = timeline(book, "2026-08-01");
        CHECK(events(t).ends_with("2026-07-31 contact m reached | 2026-07-31 stop_after test"));
        CHECK(next(t).empty());
    }
}

TEST_CASE("timeline: at risk, rule reverted, nothing planned") {
    SUBCASE("an active client at risk: the flag, the rule changed back") {
        const std::string client = R"(
[[client]]
id = "C-1"
name = "A"
status = "active"
rule = "smoking"
at_risk = { reason = "test", since = 2026-03-01, note = "口論" }
)";
        const Book book = book_with(client, "", "[[rule]]\nid = \"smoking\"\ntitle = \"禁煙\"\nchanged = 2025-04-01\n"
                                                "reverted = 2026-03-05\n");
        const Timeline t = timeline(book, "2026-03-10");
        CHECK(events(t) == "2026-03-01 at_risk test | 2026-03-05 rule_reverted");
        CHECK(t.events[0].note == "口論");
        CHECK(t.events[1].note == "禁煙");
        CHECK(t.reason == "test");
        CHECK_FALSE(t.months_since_lapse);
    }
    SUBCASE("do_not_contact: the log is told, nothing is missed or next") {
        const Book book = book_with(lapsed_client + "do_not_contact = true\n", entry("2026-02-03", "o", "declined"));
        const Timeline t = timeline(book, "2026-06-01");
        CHECK(events(t) == "2026-01-31 lapse test | 2026-02-03 stop o declined");
        CHECK(next(t).empty());
    }
}

TEST_CASE("timeline: rendering") {
    const Book book = book_with(lapsed_client, entry("2026-02-03", "o", "reached", "note = \"a \\\"b\\\"\\nc\"\n"));
    const Timeline t = timeline(book, "2026-03-02", 3);
    SUBCASE("json: client, events, next as in plan") {
        RenderOptions options;
        options.format = Format::json;
        const std::string json = render_timeline(t, options);
        CHECK(json.starts_with(
            "{\n  \"client\": {\"id\":\"C-1\",\"name\":\"山田 花子\",\"kana\":\"やまだ はなこ\",\"status\":\"lapsed\","
            "\"at_risk\":false,\"reason\":\"test\",\"lapse_date\":\"2026-01-31\",\"months_since_lapse\":1,"
            "\"owner\":\"田中\",\"care_manager\":\"CM-1\",\"do_not_contact\":false},\n  \"events\": [\n"
            "    {\"date\":\"2026-01-31\",\"kind\":\"lapse\",\"step\":\"\",\"outcome\":\"\",\"by\":\"\",\"note\":\"入院\","
            "\"reason\":\"test\"},\n"
            "    {\"date\":\"2026-02-03\",\"kind\":\"contact\",\"step\":\"o\",\"outcome\":\"reached\",\"by\":\"田中\","
            "\"note\":\"a \\\"b\\\"\\nc\",\"reason\":\"\"},\n"
            "    {\"date\":\"2026-02-28\",\"kind\":\"missed\",\"step\":\"m\",\"outcome\":\"\",\"by\":\"\",\"note\":\"\","
            "\"reason\":\"\"}\n  ],\n  \"next\": [\n    {\"action_id\":\"C-1/m/2026-02-28\",\"due\":\"2026-02-28\","
            "\"overdue_days\":2,"));
        CHECK(json.ends_with("\"suggestion\":\"\"}\n  ]\n}\n"));
    }
    SUBCASE("table in Japanese, aligned by display width, the note's newline flattened") {
        RenderOptions options;
        options.lang = Lang::ja;
        CHECK(render_timeline(t, options) ==
              "C-1  山田 花子（やまだ はなこ）\n"
              "状態: 休止  理由: test  休止から1か月  担当: 田中  ケアマネ: 佐藤\n"
              "\n"
              "日付        出来事  理由  ステップ  結果     対応者  メモ\n"
              "2026-01-31  休止    test                             入院\n"
              "2026-02-03  記録          o         reached  田中    a \"b\" c\n"
              "2026-02-28  未実施        m\n"
              "\n"
              "2026-03-04までの予定:\n"
              "期日        遅れ  ステップ  相手  方法  連絡先  電話番号  内容\n"
              "2026-02-28  2日   m         家族  電話                    call about 山田 花子\n");
    }
    SUBCASE("table in English with nothing next") {
        const Book quiet = book_with(lapsed_client + "do_not_contact = true\n", "");
        CHECK(render_timeline(timeline(quiet, "2026-01-30"), RenderOptions{}) ==
              "C-1  山田 花子 (やまだ はなこ)\n"
              "status: lapsed  reason: test  owner: 田中  care manager: 佐藤  do not contact\n"
              "\n"
              "Nothing recorded up to 2026-01-30.\n"
              "\n"
              "No actions planned up to 2026-03-10.\n");
    }
}

TEST_CASE("align_columns") {
    const std::vector<std::vector<std::string>> rows = {{"A", "NOTE"}, {"日本", "x\ty"}, {"b", "0123456789abcdefghij"}};
    CHECK(align_columns(rows) == std::vector<std::string>{"A     NOTE", "日本  x y", "b     0123456789abcdefghij"});
    // 6 cells for the first column and its gap; the note is cut to 12 cells at the least.
    CHECK(align_columns(rows, 10) == std::vector<std::string>{"A     NOTE", "日本  x y", "b     0123456789a…"});
    CHECK(align_columns(rows, 20) == std::vector<std::string>{"A     NOTE", "日本  x y", "b     0123456789abc…"});
}
