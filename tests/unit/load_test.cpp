#include "winback/load.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using winback::Diagnostics;
using winback::Lang;

namespace {

winback::Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

winback::Duration dur(const char* text) {
    const auto d = winback::parse_duration(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

// Every diagnostic as `check` prints it, sorted, one per line.
std::string messages(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.sorted()) out += winback::format_diagnostic(d) + "\n";
    return out;
}

std::string clients_messages(std::string_view text) {
    Diagnostics d;
    winback::load_clients(text, "clients.toml", d);
    return messages(d);
}

std::string playbooks_messages(std::string_view text) {
    Diagnostics d;
    winback::load_playbooks(text, "playbooks.toml", "playbooks.toml", d);
    return messages(d);
}

std::string facility_messages(std::string_view text) {
    Diagnostics d;
    winback::load_facility(text, "facility.toml", d);
    return messages(d);
}

std::string book_messages(std::string_view clients, std::string_view playbooks = {}, std::string_view facility = {}) {
    winback::BookSources sources;
    sources.clients = {"clients.toml", std::string(clients)};
    sources.playbooks = {"playbooks.toml", playbooks.empty() ? std::nullopt : std::optional<std::string>(playbooks)};
    sources.facility = {"facility.toml", facility.empty() ? std::nullopt : std::optional<std::string>(facility)};
    sources.log = {"log.toml", std::nullopt};
    Diagnostics d;
    winback::load_book(sources, Lang::en, d);
    return messages(d);
}

// A valid step, to which a test adds or changes one key.
constexpr std::string_view step_head = R"([[playbook]]
reason = "x"

  [[playbook.step]]
  id = "s"
  to = "family"
  via = "call"
  task = "t"
)";

}  // namespace

TEST_CASE("load_clients") {
    SUBCASE("every field") {
        Diagnostics d;
        const auto file = winback::load_clients(R"x([[care_manager]]
id = "CM-01"
name = "佐藤 恵子"
office = "みどり居宅介護支援事業所"
phone = "03-1234-5678"

[[client]]
id = "C-0001"
name = "山田 花子"
kana = "やまだ はなこ"
status = "lapsed"
lapse_date = 2026-09-14
reason = "hospitalized"
reason_note = "大腿骨骨折で入院"
care_manager = "CM-01"
days = ["tue", "fri"]
monthly_revenue = 52000
owner = "田中"
do_not_contact = false
avoid = ["C-0042", "鈴木"]
rule = "smoking"
switched_to = "ひまわりデイ"
admitted_to = "特養さくら苑"
hospital = "中央病院"

  [[client.contact]]
  role = "family"
  name = "山田 太郎"
  relation = "長男"
  phone = "090-1234-5678"
  address = "東京都目黒区1-2-3"

  [[client.contact]]
  role = "hospital"
  name = "地域連携室"

[[client]]
id = "C-0042"
name = "木村"
status = "active"
do_not_contact = true
lapse_date = "2025-01-31"
at_risk = { reason = "conflict", since = "2026-11-02", note = "席のこと" }
)x",
                                                "clients.toml", d);
        CHECK(messages(d) == "");
        CHECK(file.parsed);
        REQUIRE(file.care_managers.size() == 1);
        const auto& cm = file.care_managers[0];
        CHECK(cm.id == "CM-01");
        CHECK(cm.name == "佐藤 恵子");
        CHECK(cm.office == "みどり居宅介護支援事業所");
        CHECK(cm.phone == "03-1234-5678");
        CHECK(cm.where.line == 1);
        REQUIRE(file.clients.size() == 2);
        const auto& c = file.clients[0];
        CHECK(c.id == "C-0001");
        CHECK(c.name == "山田 花子");
        CHECK(c.kana == "やまだ はなこ");
        CHECK(c.status == winback::Status::lapsed);
        REQUIRE(c.lapse_date);
        CHECK(*c.lapse_date == date("2026-09-14"));
        CHECK(c.reason == "hospitalized");
        CHECK(c.reason_note == "大腿骨骨折で入院");
        CHECK(c.care_manager == "CM-01");
        CHECK(c.days == winback::Weekdays{1, 4});
        CHECK(c.monthly_revenue == 52000);
        CHECK(c.owner == "田中");
        CHECK_FALSE(c.do_not_contact);
        CHECK(c.avoid == std::vector<winback::Text>{"C-0042", "鈴木"});
        CHECK(c.rule == "smoking");
        CHECK(c.switched_to == "ひまわりデイ");
        CHECK(c.admitted_to == "特養さくら苑");
        CHECK(c.hospital == "中央病院");
        CHECK_FALSE(c.at_risk);
        REQUIRE(c.contacts.size() == 2);
        CHECK(c.contacts[0].role == winback::Role::family);
        CHECK(c.contacts[0].name == "山田 太郎");
        CHECK(c.contacts[0].relation == "長男");
        CHECK(c.contacts[0].phone == "090-1234-5678");
        CHECK(c.contacts[0].address == "東京都目黒区1-2-3");
        CHECK(c.contacts[1].role == winback::Role::hospital);
        CHECK(c.contacts[1].phone == "");
        // Places for the checks across files.
        CHECK(c.reason_at.line == 13);
        CHECK(c.care_manager_at.line == 15);
        CHECK(c.rule_at.line == 21);
        REQUIRE(c.avoid_at.size() == 2);
        CHECK(c.avoid_at[1].line == 20);
        CHECK(c.avoid_at[1].column == 20);

        const auto& other = file.clients[1];
        CHECK(other.status == winback::Status::active);
        CHECK(other.do_not_contact);
        CHECK_FALSE(other.monthly_revenue);
        REQUIRE(other.lapse_date);  // an ISO string is a date too
        CHECK(*other.lapse_date == date("2025-01-31"));
        REQUIRE(other.at_risk);
        CHECK(other.at_risk->reason == "conflict");
        CHECK(other.at_risk->since == date("2026-11-02"));
        CHECK(other.at_risk->note == "席のこと");
    }
    SUBCASE("duplicate ids") {
        CHECK(clients_messages(R"([[care_manager]]
id = "CM-01"
name = "A"

[[care_manager]]
id = "CM-01"
name = "B"

[[client]]
id = "C-1"
name = "A"
status = "active"

[[client]]
id = "C-1"
name = "B"
status = "active"
)") == "clients.toml:6:6: error: duplicate care manager id \"CM-01\" (first defined at line 2)\n"
       "clients.toml:15:6: error: duplicate client id \"C-1\" (first defined at line 10)\n");
    }
    SUBCASE("wrong types") {
        CHECK(clients_messages(R"([[client]]
id = "C-1"
name = "A"
status = "active"
monthly_revenue = "52000"
do_not_contact = "no"
days = "tue"
avoid = ["C-2", 3]
kana = 1
)") == "clients.toml:5:19: error: client \"C-1\": \"monthly_revenue\" must be an integer, not string\n"
       "clients.toml:6:18: error: client \"C-1\": \"do_not_contact\" must be true or false, not string\n"
       "clients.toml:7:8: error: client \"C-1\": \"days\" must be an array of weekdays such as [\"tue\", \"fri\"], "
       "not string\n"
       "clients.toml:8:17: error: client \"C-1\": \"avoid\" must hold strings, not integer\n"
       "clients.toml:9:8: error: client \"C-1\": \"kana\" must be a string, not integer\n");
    }
    SUBCASE("values out of range") {
        CHECK(clients_messages(R"([[client]]
id = "C-1"
name = "A"
status = "active"
monthly_revenue = -1
)") == "clients.toml:5:19: error: client \"C-1\": \"monthly_revenue\" must be from 0 to 100000000, not -1\n");
    }
    SUBCASE("missing required keys") {
        CHECK(clients_messages(R"([[client]]
id = "C-1"
status = "lapsed"

[[client]]
name = "No id"
status = "active"

[[client]]
id = "C-3"
name = "No status"
)") == "clients.toml:1:1: error: client \"C-1\": missing required key \"name\"\n"
       "clients.toml:1:1: error: client \"C-1\": missing required key \"lapse_date\"\n"
       "clients.toml:1:1: error: client \"C-1\": missing required key \"reason\"\n"
       "clients.toml:5:1: error: client #2: missing required key \"id\"\n"
       "clients.toml:9:1: error: client \"C-3\": missing required key \"status\"\n");
    }
    SUBCASE("unknown words, with a suggestion when one is close") {
        CHECK(clients_messages(R"([[client]]
id = "C-1"
name = "A"
status = "lapsd"
days = ["tues", "Fri", "someday"]

  [[client.contact]]
  role = "familly"
)") == "clients.toml:4:10: error: client \"C-1\": \"status\": unknown value \"lapsd\"; did you mean \"lapsed\"?\n"
       "clients.toml:5:9: error: client \"C-1\": unknown weekday \"tues\" in \"days\"; did you mean \"tue\"?\n"
       "clients.toml:5:17: error: client \"C-1\": unknown weekday \"Fri\" in \"days\"; did you mean \"fri\"?\n"
       "clients.toml:5:24: error: client \"C-1\": unknown weekday \"someday\" in \"days\"; expected mon, tue, wed, "
       "thu, fri, sat or sun\n"
       "clients.toml:8:10: error: client \"C-1\", contact #1: \"role\": unknown value \"familly\"; did you mean \"family\"?\n");
    }
    SUBCASE("unknown keys are warnings with a suggestion") {
        const std::string out = clients_messages(R"([[client]]
id = "C-1"
name = "A"
status = "active"
kanna = "a"
xyzzy = 1

[[clients]]
id = "C-2"
)");
        CHECK(out == "clients.toml:5:1: warning: client \"C-1\": unknown key \"kanna\" is ignored; did you mean \"kana\"?\n"
                     "clients.toml:6:1: warning: client \"C-1\": unknown key \"xyzzy\" is ignored\n"
                     "clients.toml:8:3: warning: top level: unknown key \"clients\" is ignored; did you mean "
                     "\"client\"?\n");
    }
    SUBCASE("ISO strings are dates; a bad one is reported with its place") {
        CHECK(clients_messages(R"([[client]]
id = "C-1"
name = "A"
status = "lapsed"
lapse_date = "2026-9-14"
reason = "unknown"

[[client]]
id = "C-2"
name = "B"
status = "lapsed"
lapse_date = "2026-02-29"
reason = "unknown"

[[client]]
id = "C-3"
name = "C"
status = "active"
at_risk = { reason = "conflict", since = "2026-11-02" }
lapse_date = 20260914
)") == "clients.toml:5:14: error: client \"C-1\": \"lapse_date\" is not a valid date: \"2026-9-14\" (expected "
       "YYYY-MM-DD)\n"
       "clients.toml:12:14: error: client \"C-2\": \"lapse_date\" is not a valid date: \"2026-02-29\" (no such "
       "day in the calendar)\n"
       "clients.toml:20:14: error: client \"C-3\": \"lapse_date\" must be a date (YYYY-MM-DD), not integer\n");
    }
    SUBCASE("not TOML") {
        Diagnostics d;
        const auto file = winback::load_clients("[[client]]\nid = \"C-1\nname = 1\n", "clients.toml", d);
        CHECK_FALSE(file.parsed);
        REQUIRE(d.items().size() == 1);
        CHECK(winback::format_diagnostic(d.items()[0]).starts_with("clients.toml:2:"));
        CHECK(d.items()[0].message.starts_with("not valid TOML: "));
    }
    SUBCASE("a TOML date that is no calendar day is refused") {
        Diagnostics d;
        winback::load_clients("[[client]]\nid = \"C-1\"\nname = \"A\"\nstatus = \"lapsed\"\nlapse_date = 2026-02-30\n"
                              "reason = \"unknown\"\n",
                              "clients.toml", d);
        REQUIRE(d.error_count() == 1);
        CHECK(winback::format_diagnostic(d.items()[0]).starts_with("clients.toml:5:"));
    }
}

TEST_CASE("load_playbooks") {
    SUBCASE("every field") {
        Diagnostics d;
        const auto file = winback::load_playbooks(R"([[playbook]]
reason = "hospitalized"
title = "入院"
return_rate = 0.5
stop_after = "12m"
hold_slot = true

  [[playbook.step]]
  id = "ask-discharge-notice"
  at = "0d"
  to = "care_manager"
  via = "call"
  task = "{care_manager}さんに依頼する"

  [[playbook.step]]
  id = "family-monthly"
  every = "1m"
  from = "2w"
  until = "6m"
  times = 4
  expire = "14d"
  to = "family"
  via = "letter"
  task = "{days}"

  [[playbook.step]]
  id = "welcome-back"
  after = "discharged"
  at = "3d"
  to = "hospital"
  via = "visit"
  task = "x"

  [[playbook.step]]
  id = "prevent"
  phase = "at_risk"
  at = "1w"
  to = "staff"
  via = "meeting"
  task = "y"

[[playbook]]
reason = "vacation"
return_rate = 1
)",
                                                  "playbooks.toml", "my origin", d);
        CHECK(messages(d) == "");
        CHECK(file.parsed);
        REQUIRE(file.playbooks.size() == 2);
        const auto& p = file.playbooks[0];
        CHECK(p.reason == "hospitalized");
        CHECK(p.title == "入院");
        CHECK(p.return_rate == doctest::Approx(0.5));
        REQUIRE(p.stop_after);
        CHECK(*p.stop_after == dur("12m"));
        CHECK(p.hold_slot);
        CHECK(p.origin == "my origin");
        CHECK(p.where.line == 1);
        REQUIRE(p.steps.size() == 4);
        const auto& once = p.steps[0];
        CHECK(once.id == "ask-discharge-notice");
        REQUIRE(once.at);
        CHECK(*once.at == dur("0d"));
        CHECK_FALSE(once.every);
        CHECK(once.after == "lapse");
        CHECK(once.phase == winback::Phase::lapsed);
        CHECK(once.to == winback::Recipient::care_manager);
        CHECK(once.via == winback::Channel::call);
        CHECK(once.task == "{care_manager}さんに依頼する");
        const auto& again = p.steps[1];
        CHECK_FALSE(again.at);
        REQUIRE(again.every);
        CHECK(*again.every == dur("1m"));
        REQUIRE(again.from);
        CHECK(*again.from == dur("2w"));
        REQUIRE(again.until);
        CHECK(*again.until == dur("6m"));
        CHECK(again.times == 4);
        REQUIRE(again.expire);
        CHECK(*again.expire == dur("14d"));
        CHECK(again.to == winback::Recipient::family);
        CHECK(again.via == winback::Channel::letter);
        CHECK(p.steps[2].after == "discharged");
        CHECK(p.steps[2].to == winback::Recipient::hospital);
        CHECK(p.steps[2].via == winback::Channel::visit);
        CHECK(p.steps[3].phase == winback::Phase::at_risk);
        CHECK(p.steps[3].to == winback::Recipient::staff);
        CHECK(p.steps[3].via == winback::Channel::meeting);
        const auto& other = file.playbooks[1];
        CHECK(other.reason == "vacation");
        CHECK(other.return_rate == doctest::Approx(1.0));
        CHECK_FALSE(other.stop_after);
        CHECK_FALSE(other.hold_slot);
        CHECK(other.steps.empty());
    }
    SUBCASE("duplicate reasons and step ids") {
        CHECK(playbooks_messages(std::string(step_head) + R"(
  [[playbook.step]]
  id = "s"
  at = "0d"
  to = "family"
  via = "call"
  task = "t"

[[playbook]]
reason = "x"
)") == "playbooks.toml:4:3: error: playbook \"x\", step \"s\": a step needs \"at\" (one-off, e.g. at = \"0d\") or "
       "\"every\" (recurring, e.g. every = \"1m\")\n"
       "playbooks.toml:11:8: error: duplicate step id \"s\" (first defined at line 5)\n"
       "playbooks.toml:18:10: error: duplicate playbook for reason \"x\" (first defined at line 2)\n");
    }
    SUBCASE("at and every together") {
        CHECK(playbooks_messages(std::string(step_head) + "  at = \"0d\"\n  every = \"1m\"\n") ==
              "playbooks.toml:10:11: error: playbook \"x\", step \"s\": a step has either \"at\" (one-off) or "
              "\"every\" (recurring), not both\n");
    }
    SUBCASE("neither at nor every") {
        CHECK(playbooks_messages(step_head) ==
              "playbooks.toml:4:3: error: playbook \"x\", step \"s\": a step needs \"at\" (one-off, e.g. at = \"0d\") "
              "or \"every\" (recurring, e.g. every = \"1m\")\n");
    }
    SUBCASE("malformed and misplaced durations") {
        CHECK(playbooks_messages(std::string(step_head) + "  every = \"1.5m\"\n") ==
              "playbooks.toml:9:11: error: playbook \"x\", step \"s\": \"every\" is not a valid duration: \"1.5m\" "
              "(expected <n>d, <n>w, <n>m or <n>y, for example \"3d\", \"2w\", \"1m\", \"1y\"; at most 100 years)\n");
        CHECK(playbooks_messages(std::string(step_head) + "  every = \"0d\"\n") ==
              "playbooks.toml:9:11: error: playbook \"x\", step \"s\": \"every\" must be longer than zero\n");
        CHECK(playbooks_messages(std::string(step_head) + "  at = \"0d\"\n  times = 2\n") ==
              "playbooks.toml:10:11: error: playbook \"x\", step \"s\": \"times\" applies only to recurring steps "
              "(with \"every\"), not to a one-off step (\"at\")\n");
    }
    SUBCASE("missing required keys and wrong types") {
        CHECK(playbooks_messages(R"([[playbook]]
title = "no reason"
return_rate = "high"

  [[playbook.step]]
  at = "0d"
  via = "call"
  task = 3
)") == "playbooks.toml:1:1: error: playbook #1: missing required key \"reason\"\n"
       "playbooks.toml:3:15: error: playbook #1: \"return_rate\" must be a number, not string\n"
       "playbooks.toml:5:3: error: playbook #1, step #1: missing required key \"id\"\n"
       "playbooks.toml:5:3: error: playbook #1, step #1: missing required key \"to\"\n"
       "playbooks.toml:8:10: error: playbook #1, step #1: \"task\" must be a string, not integer\n");
    }
    SUBCASE("unknown words") {
        CHECK(playbooks_messages(R"([[playbook]]
reason = "x"

  [[playbook.step]]
  id = "s"
  at = "0d"
  to = "familly"
  via = "phone"
  phase = "at-risk"
  task = "t"
)") == "playbooks.toml:7:8: error: playbook \"x\", step \"s\": \"to\": unknown value \"familly\"; did you mean \"family\"?\n"
       "playbooks.toml:8:9: error: playbook \"x\", step \"s\": \"via\": unknown value \"phone\"; expected one of: call, letter, "
       "visit, email, meeting, task\n"
       "playbooks.toml:9:11: error: playbook \"x\", step \"s\": \"phase\": unknown value \"at-risk\"; did you mean "
       "\"at_risk\"?\n");
    }
    SUBCASE("unknown keys and placeholders are warnings") {
        CHECK(playbooks_messages(std::string(step_head) + "  at = \"0d\"\n  evry = \"1m\"\n") ==
              "playbooks.toml:10:3: warning: playbook \"x\", step \"s\": unknown key \"evry\" is ignored; did you mean "
              "\"every\"?\n");
        CHECK(playbooks_messages(R"([[playbook]]
reason = "x"

  [[playbook.step]]
  id = "s"
  at = "0d"
  to = "family"
  via = "call"
  task = "{nme} {foo}"
)") == "playbooks.toml:9:10: warning: playbook \"x\", step \"s\": unknown placeholder {nme} stays as written; did "
       "you mean \"name\"?\n"
       "playbooks.toml:9:10: warning: playbook \"x\", step \"s\": unknown placeholder {foo} stays as written\n");
    }
}

TEST_CASE("load_facility") {
    SUBCASE("every field") {
        Diagnostics d;
        const auto file = winback::load_facility(R"([facility]
name = "はつねデイサービス"
closed_weekdays = ["sun"]
holidays = "jp"
closed = [2026-08-15, "2026-08-16", { from = 2026-12-29, to = "2027-01-03", name = "年末年始" }]
shift = "previous"
capacity = 25
max_actions_per_day = 12
min_gap = "7d"

[care_manager_office]
closed_weekdays = ["sat", "sun"]
holidays = "none"
closed = [{ from = 2026-12-30, to = 2027-01-03 }]

[[rule]]
id = "smoking"
title = "館内全面禁煙"
changed = 2025-04-01
reverted = "2026-11-01"

[[rule]]
id = "pickup"
)",
                                                 "facility.toml", d);
        CHECK(messages(d) == "");
        CHECK(file.parsed);
        const auto& f = file.facility;
        CHECK(f.name == "はつねデイサービス");
        CHECK(f.calendar.closed_weekday == std::array<bool, 7>{false, false, false, false, false, false, true});
        CHECK(f.calendar.jp_holidays);
        REQUIRE(f.calendar.closed.size() == 3);
        CHECK(f.calendar.closed[0].from == date("2026-08-15"));
        CHECK(f.calendar.closed[0].to == date("2026-08-15"));
        CHECK(f.calendar.closed[1].from == date("2026-08-16"));
        CHECK(f.calendar.closed[1].to == date("2026-08-16"));
        CHECK(f.calendar.closed[2].from == date("2026-12-29"));
        CHECK(f.calendar.closed[2].to == date("2027-01-03"));
        CHECK(f.calendar.closed[2].label == "年末年始");
        CHECK(f.shift == winback::Shift::previous);
        CHECK(f.capacity == 25);
        CHECK(f.max_actions_per_day == 12);
        REQUIRE(f.min_gap);
        CHECK(*f.min_gap == dur("7d"));
        REQUIRE(f.care_manager_office);
        CHECK(f.care_manager_office->closed_weekday ==
              std::array<bool, 7>{false, false, false, false, false, true, true});
        CHECK_FALSE(f.care_manager_office->jp_holidays);
        REQUIRE(f.care_manager_office->closed.size() == 1);
        CHECK(f.care_manager_office->closed[0].from == date("2026-12-30"));
        REQUIRE(f.rules.size() == 2);
        CHECK(f.rules[0].id == "smoking");
        CHECK(f.rules[0].title == "館内全面禁煙");
        CHECK(f.rules[0].changed == date("2025-04-01"));
        CHECK(f.rules[0].reverted == date("2026-11-01"));
        CHECK(f.rules[1].id == "pickup");
        CHECK_FALSE(f.rules[1].changed);
        CHECK_FALSE(f.rules[1].reverted);
    }
    SUBCASE("defaults") {
        Diagnostics d;
        const auto file = winback::load_facility("", "facility.toml", d);
        CHECK(messages(d) == "");
        CHECK(file.parsed);
        CHECK(file.facility.shift == winback::Shift::next);
        CHECK_FALSE(file.facility.care_manager_office);
        CHECK_FALSE(file.facility.calendar.jp_holidays);
        CHECK_FALSE(file.facility.capacity);
    }
    SUBCASE("bad values") {
        CHECK(facility_messages(R"([facility]
closed_weekdays = ["sunday"]
holidays = "japan"
closed = ["2026-8-15", { from = 2026-12-29, to = 2026-12-01 }, { from = 2026-12-29 }]
shift = "nxt"
capacity = "25"
min_gap = "1 week"

[[rule]]
id = "smoking"
changed = 2026-04-01
reverted = 2026-03-01

[[rule]]
id = "smoking"
)") == "facility.toml:2:20: error: [facility]: unknown weekday \"sunday\" in \"closed_weekdays\"; did you mean "
       "\"sun\"?\n"
       "facility.toml:3:12: error: [facility]: unknown holidays \"japan\"; expected \"jp\" or \"none\"\n"
       "facility.toml:4:11: error: [facility]: \"closed\" is not a valid date: \"2026-8-15\" (expected "
       "YYYY-MM-DD)\n"
       "facility.toml:4:50: error: [facility], closed range: the range ends (2026-12-01) before it starts "
       "(2026-12-29)\n"
       "facility.toml:4:64: error: [facility], closed range: missing required key \"to\"\n"
       "facility.toml:5:9: error: [facility]: \"shift\": unknown value \"nxt\"; did you mean \"next\"?\n"
       "facility.toml:6:12: error: [facility]: \"capacity\" must be an integer, not string\n"
       "facility.toml:7:11: error: [facility]: \"min_gap\" is not a valid duration: \"1 week\" (expected <n>d, "
       "<n>w, <n>m or <n>y, for example \"3d\", \"2w\", \"1m\", \"1y\"; at most 100 years)\n"
       "facility.toml:12:12: error: rule \"smoking\": reverted (2026-03-01) is before changed (2026-04-01)\n"
       "facility.toml:15:6: error: duplicate rule id \"smoking\" (first defined at line 10)\n");
    }
    SUBCASE("unknown keys") {
        CHECK(facility_messages("[facility]\nclosed_weekday = [\"sun\"]\n\n[care_manager_ofice]\n") ==
              "facility.toml:2:1: warning: [facility]: unknown key \"closed_weekday\" is ignored; did you mean "
              "\"closed_weekdays\"?\n"
              "facility.toml:4:2: warning: top level: unknown key \"care_manager_ofice\" is ignored; did you mean "
              "\"care_manager_office\"?\n");
    }
}

TEST_CASE("load_log") {
    SUBCASE("every field") {
        Diagnostics d;
        const auto file = winback::load_log(R"([[entry]]
date = 2026-10-14
client = "C-0001"
step = "family-monthly"
outcome = "reached"
by = "田中"
note = "来月退院予定"

[[entry]]
date = "2026-10-20"
client = "C-0001"
outcome = "discharged"
reason = "admitted"
)",
                                            "log.toml", d);
        CHECK(messages(d) == "");
        CHECK(file.parsed);
        REQUIRE(file.entries.size() == 2);
        const auto& e = file.entries[0];
        CHECK(e.date == date("2026-10-14"));
        CHECK(e.client == "C-0001");
        CHECK(e.step == "family-monthly");
        CHECK(e.outcome == "reached");
        CHECK(e.by == "田中");
        CHECK(e.note == "来月退院予定");
        CHECK(e.reason == "");
        CHECK(file.entries[1].date == date("2026-10-20"));
        CHECK(file.entries[1].step == "");
        CHECK(file.entries[1].reason == "admitted");
    }
    SUBCASE("an entry without its required keys is reported and left out") {
        Diagnostics d;
        const auto file = winback::load_log("[[entry]]\ndate = 2026-10-14\nclient = \"C-1\"\n", "log.toml", d);
        CHECK(messages(d) == "log.toml:1:1: error: log entry #1: missing required key \"outcome\"\n");
        CHECK(file.entries.empty());
    }
}

TEST_CASE("merge_playbooks") {
    const auto builtin = winback::builtin_playbooks(Lang::en);
    Diagnostics d;
    auto own = winback::load_playbooks(R"([[playbook]]
reason = "hospitalized"
title = "Ours"

  [[playbook.step]]
  id = "only-step"
  at = "0d"
  to = "family"
  via = "call"
  task = "t"

[[playbook]]
reason = "vacation"
title = "Long holiday"
)",
                                       "playbooks.toml", "playbooks.toml", d);
    REQUIRE(messages(d) == "");
    const auto merged = winback::merge_playbooks(builtin, own.playbooks);
    SUBCASE("a playbook with a built-in reason replaces it in place") {
        REQUIRE(merged.size() == builtin.size() + 1);
        for (std::size_t i = 0; i < builtin.size(); ++i) CHECK(merged[i].reason == builtin[i].reason);
        const auto it = std::find_if(merged.begin(), merged.end(), [](const auto& p) { return p.reason == "hospitalized"; });
        REQUIRE(it != merged.end());
        CHECK(it->title == "Ours");
        CHECK(it->origin == "playbooks.toml");
        REQUIRE(it->steps.size() == 1);
        CHECK(it->steps[0].id == "only-step");
        CHECK(std::count_if(merged.begin(), merged.end(), [](const auto& p) { return p.reason == "hospitalized"; }) == 1);
    }
    SUBCASE("a new reason is added at the end") {
        CHECK(merged.back().reason == "vacation");
        CHECK(merged.back().title == "Long holiday");
    }
    SUBCASE("the others stay built-in") {
        for (const auto& p : merged) {
            if (p.reason != "hospitalized" && p.reason != "vacation") CHECK(p.origin == "built-in");
        }
    }
    SUBCASE("nothing of one's own: the built-in ones as they are") {
        const auto same = winback::merge_playbooks(builtin, {});
        REQUIRE(same.size() == builtin.size());
        for (std::size_t i = 0; i < same.size(); ++i) CHECK(same[i].reason == builtin[i].reason);
    }
}

TEST_CASE("validate_book") {
    SUBCASE("dangling references, with suggestions") {
        CHECK(book_messages(R"([[care_manager]]
id = "CM-01"
name = "A"

[[client]]
id = "C-0001"
name = "A"
status = "lapsed"
lapse_date = 2026-09-14
reason = "hospitalised"
care_manager = "CM-02"
rule = "smokng"

[[client]]
id = "C-0002"
name = "B"
status = "active"
at_risk = { reason = "conflct", since = 2026-11-02 }
avoid = ["C-0002", "C-001", "C-0001", "鈴木さん"]
)",
                            {}, R"([[rule]]
id = "smoking"
)") == "clients.toml:10:10: error: client \"C-0001\": unknown reason \"hospitalised\"; did you mean "
       "\"hospitalized\"?\n"
       "clients.toml:11:16: error: client \"C-0001\": unknown care manager \"CM-02\"; did you mean \"CM-01\"? (care "
       "managers are the [[care_manager]] tables of clients.toml)\n"
       "clients.toml:12:8: error: client \"C-0001\": unknown rule \"smokng\"; did you mean \"smoking\"? (rules are "
       "the [[rule]] tables of facility.toml)\n"
       "clients.toml:18:22: error: client \"C-0002\": unknown at_risk reason \"conflct\"; did you mean "
       "\"conflict\"?\n"
       "clients.toml:19:10: error: client \"C-0002\" cannot avoid themself\n"
       "clients.toml:19:20: warning: client \"C-0002\": \"C-001\" in avoid is no client id; did you mean "
       "\"C-0001\"? (a staff member's name is fine)\n");
    }
    SUBCASE("a reason that is no id is not echoed, and gets a hint about reason_note") {
        CHECK(book_messages(R"([[client]]
id = "C-1"
name = "A"
status = "lapsed"
lapse_date = 2026-09-14
reason = "入院中"
)") == "clients.toml:6:10: error: client \"C-1\": the reason must be an id (the reason names a playbook; details "
       "go in \"reason_note\")\n");
    }
    SUBCASE("a reason of one's own playbooks is known") {
        CHECK(book_messages(R"([[client]]
id = "C-1"
name = "A"
status = "lapsed"
lapse_date = 2026-09-14
reason = "vacation"
)",
                            "[[playbook]]\nreason = \"vacation\"\n") == "");
    }
    SUBCASE("references into a file that is not TOML are not checked") {
        winback::Book book;
        book.paths.clients = "clients.toml";
        winback::Client c;
        c.id = "C-1";
        c.reason = "nothing";
        c.rule = "nothing";
        book.clients.push_back(c);
        Diagnostics d;
        winback::ValidateScope scope;
        scope.playbooks = false;
        scope.facility = false;
        winback::validate_book(book, d, scope);
        CHECK(messages(d) == "");
        winback::validate_book(book, d);
        CHECK(d.error_count() == 2);
    }
}

TEST_CASE("OutOfLine: used like optional, and a copy copies the value") {
    using winback::AtRisk;
    using winback::OutOfLine;
    OutOfLine<AtRisk> none;
    CHECK_FALSE(none);
    CHECK_FALSE(none.has_value());
    const OutOfLine<AtRisk> from_empty_optional = std::optional<AtRisk>{};
    CHECK_FALSE(from_empty_optional);

    OutOfLine<AtRisk> risk = AtRisk{"conflict", *winback::parse_date("2026-11-02"), "席のこと", {3, 1}, {3, 12}};
    REQUIRE(risk);
    CHECK(risk->reason == "conflict");
    CHECK((*risk).where.line == 3);
    OutOfLine<AtRisk> copy = risk;
    REQUIRE(copy);
    copy->reason = "rule_change";
    CHECK(risk->reason == "conflict");  // its own value, not a shared one
    CHECK(copy->reason == "rule_change");
    OutOfLine<AtRisk> moved = std::move(copy);
    CHECK(moved->reason == "rule_change");
    moved = none;
    CHECK_FALSE(moved);
    moved = std::optional<AtRisk>(*risk);
    REQUIRE(moved);
    CHECK(moved->note == "席のこと");
}
