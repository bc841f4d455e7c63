#include "winback/task.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include "test_book.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winback/course.hpp"
#include "winback/load.hpp"

using winback::Book;
using winback::Client;
using winback::Date;
using winback::Lang;
using winback::Recipient;
using winback::Step;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Book load(std::string_view clients, std::string_view facility = {}) {
    return winback::test::load_book({clients, {}, facility, {}});
}

const Client& client(const Book& book, const char* id) {
    const Client* c = book.find_client(id);
    REQUIRE_MESSAGE(c, id);
    return *c;
}

std::string expand(const Book& book, const char* id, std::string task, Recipient to = Recipient::family,
                   Lang lang = Lang::en, const char* when = "2026-11-14") {
    Step step;
    step.id = "s";
    step.at = winback::Duration{};
    step.to = to;
    step.task = std::move(task);
    const Client& c = client(book, id);
    return winback::expand_task({book, c, step, *c.lapse_date, date(when), lang});
}

constexpr std::string_view clients_toml = R"toml(
[[care_manager]]
id = "CM-01"
name = "佐藤 恵子"
office = "みどり居宅介護支援事業所"
phone = "03-1234-5678"

[[client]]
id = "C-0001"
name = "山田 花子"
status = "lapsed"
lapse_date = 2026-09-14
reason = "hospitalized"
care_manager = "CM-01"
days = ["fri", "tue"]
owner = "田中"
hospital = "中央病院"
switched_to = "ひまわりデイ"
admitted_to = "特養さくら苑"
rule = "smoking"
avoid = ["C-ACTIVE", "C-LAPSED", "C-RETURNED", "スタッフ 鈴木"]

  [[client.contact]]
  role = "family"
  name = "山田 太郎"
  relation = "長男"
  phone = "090-1234-5678"

  [[client.contact]]
  role = "family"
  name = "山田 次郎"
  phone = "090-0000-0000"

  [[client.contact]]
  role = "hospital"
  name = "中央病院 地域連携室"
  phone = "03-0000-1111"

  [[client.contact]]
  role = "client"
  name = "山田 花子 (携帯)"
  phone = "080-2222-3333"

  [[client.contact]]
  role = "facility"
  name = "ひまわりデイ 相談員"
  phone = "03-4444-5555"

[[client]]
id = "C-BARE"
name = "木村 一郎"
status = "lapsed"
lapse_date = 2026-09-14
reason = "switched"
switched_to = "ひまわりデイ"
hospital = "東病院"

[[client]]
id = "C-ADMITTED"
name = "林 二郎"
status = "lapsed"
lapse_date = 2026-09-14
reason = "admitted"
admitted_to = "特養さくら苑"

[[client]]
id = "C-ACTIVE"
name = "Active"
status = "active"
days = ["mon"]

[[client]]
id = "C-LAPSED"
name = "Lapsed"
status = "lapsed"
lapse_date = 2026-01-05
reason = "unknown"
days = ["wed"]

[[client]]
id = "C-RETURNED"
name = "Returned"
status = "returned"
days = ["thu"]
)toml";

constexpr std::string_view facility_toml = R"(
[facility]
closed_weekdays = ["sun", "sat"]

[[rule]]
id = "smoking"
title = "館内全面禁煙"
changed = 2025-04-01
)";

}  // namespace

TEST_CASE("unknown_placeholders") {
    SUBCASE("the known ones are not listed") {
        std::string all;
        for (std::string_view name : winback::placeholders) all += fmt::format("{{{}}} ", name);
        CHECK(winback::unknown_placeholders(all).empty());
    }
    SUBCASE("unknown ones in order, as often as they appear") {
        CHECK(winback::unknown_placeholders("{nmae} and {name} and {foo_bar} {nmae}") ==
              std::vector<std::string>{"nmae", "foo_bar", "nmae"});
    }
    SUBCASE("braces that do not hold a placeholder name") {
        CHECK(winback::unknown_placeholders("{} { name } {name").empty());
        CHECK(winback::unknown_placeholders("no braces at all").empty());
    }
}

TEST_CASE("expand_task") {
    const Book book = load(clients_toml, facility_toml);
    SUBCASE("every placeholder") {
        CHECK(expand(book, "C-0001", "{name}") == "山田 花子");
        CHECK(expand(book, "C-0001", "{days}") == "Tuesday and Friday");
        CHECK(expand(book, "C-0001", "{days}", Recipient::family, Lang::ja) == "火・金曜日");
        CHECK(expand(book, "C-0001", "{care_manager}") == "佐藤 恵子");
        CHECK(expand(book, "C-0001", "{contact}", Recipient::family) == "山田 太郎");
        CHECK(expand(book, "C-0001", "{contact}", Recipient::hospital) == "中央病院 地域連携室");
        CHECK(expand(book, "C-0001", "{months}", Recipient::family, Lang::en, "2026-11-14") == "2");
        CHECK(expand(book, "C-0001", "{months}", Recipient::family, Lang::en, "2026-11-13") == "1");
        CHECK(expand(book, "C-0001", "{months}", Recipient::family, Lang::en, "2026-08-01") == "0");  // before the lapse
        CHECK(expand(book, "C-0001", "{free_days}") == "Tuesday, Wednesday and Friday");
        CHECK(expand(book, "C-0001", "{switched_to}") == "ひまわりデイ");
        CHECK(expand(book, "C-0001", "{admitted_to}") == "特養さくら苑");
        CHECK(expand(book, "C-0001", "{rule}") == "館内全面禁煙");
    }
    SUBCASE("all at once, none left raw") {
        std::string task;
        for (std::string_view name : winback::placeholders) task += "[{" + std::string(name) + "}]";
        const std::string out = expand(book, "C-0001", task);
        CHECK(out ==
              "[山田 花子][Tuesday and Friday][佐藤 恵子][山田 太郎][2][Tuesday, Wednesday and Friday][ひまわりデイ]"
              "[特養さくら苑][館内全面禁煙]");
        for (std::string_view name : winback::placeholders) {
            CHECK_MESSAGE(out.find(fmt::format("{{{}}}", name)) == std::string::npos, name);
        }
    }
    SUBCASE("unknown placeholders and stray braces stay as written") {
        CHECK(expand(book, "C-0001", "{nmae} {name} {} {Name} {name") == "{nmae} 山田 花子 {} {Name} {name");
    }
    SUBCASE("a rule without a title shows its id") {
        Book b = book;
        b.facility.rules[0].title.clear();
        CHECK(expand(b, "C-0001", "{rule}") == "smoking");
    }
    SUBCASE("what the book leaves empty reads as a generic word, never as a gap") {
        CHECK(expand(book, "C-BARE", "<{rule}><{care_manager}><{days}><{admitted_to}><{contact}>") ==
              "<the rule><the care manager><their usual days><their new home><family>");
        CHECK(expand(book, "C-ADMITTED", "<{switched_to}>") == "<their new service>");
        CHECK(expand(book, "C-BARE", "<{rule}><{care_manager}><{days}><{admitted_to}><{contact}>", Recipient::family,
                     Lang::ja) == "<変更したルール><ケアマネジャー><以前の曜日><入所先><家族>");
    }
}

TEST_CASE("addressee") {
    const Book book = load(clients_toml, facility_toml);
    const Client& full = client(book, "C-0001");
    const Client& bare = client(book, "C-BARE");
    auto check = [](winback::Addressee a, const char* name, const char* phone) {
        CHECK(a.name == name);
        CHECK(a.phone == phone);
    };
    SUBCASE("from the client's contacts: the first of each role") {
        check(winback::addressee(book, full, Recipient::client), "山田 花子 (携帯)", "080-2222-3333");
        check(winback::addressee(book, full, Recipient::family), "山田 太郎", "090-1234-5678");
        check(winback::addressee(book, full, Recipient::hospital), "中央病院 地域連携室", "03-0000-1111");
        check(winback::addressee(book, full, Recipient::facility), "ひまわりデイ 相談員", "03-4444-5555");
    }
    SUBCASE("the care manager and the staff member") {
        check(winback::addressee(book, full, Recipient::care_manager), "佐藤 恵子", "03-1234-5678");
        check(winback::addressee(book, full, Recipient::staff), "田中", "");
    }
    SUBCASE("without contacts: the client's own fields") {
        check(winback::addressee(book, bare, Recipient::client), "木村 一郎", "");
        check(winback::addressee(book, bare, Recipient::family), "", "");
        check(winback::addressee(book, bare, Recipient::hospital), "東病院", "");
        check(winback::addressee(book, bare, Recipient::facility), "ひまわりデイ", "");
        check(winback::addressee(book, client(book, "C-ADMITTED"), Recipient::facility), "特養さくら苑", "");
        check(winback::addressee(book, bare, Recipient::care_manager), "", "");
        check(winback::addressee(book, bare, Recipient::staff), "", "");
    }
}

TEST_CASE("free_days") {
    const Book book = load(clients_toml, facility_toml);
    SUBCASE("closed weekdays and the days of avoided active (or returned) clients are left out") {
        // Closed sat, sun; C-ACTIVE comes on Monday, C-RETURNED on Thursday; C-LAPSED (Wednesday)
        // no longer comes, and a staff member's name is no client.
        CHECK(winback::free_days(book, client(book, "C-0001")) == std::vector<unsigned>{1, 2, 4});
        CHECK(winback::free_days_text(book, client(book, "C-0001"), Lang::en) == "Tuesday, Wednesday and Friday");
        CHECK(winback::free_days_text(book, client(book, "C-0001"), Lang::ja) == "火・水・金曜日");
    }
    SUBCASE("nobody avoided: every open weekday") {
        CHECK(winback::free_days(book, client(book, "C-BARE")) == std::vector<unsigned>{0, 1, 2, 3, 4});
    }
    SUBCASE("no free day left") {
        Book b = book;
        for (Client& c : b.clients) {
            if (c.id == "C-ACTIVE") c.days = {0, 1, 2, 3, 4};
        }
        CHECK(winback::free_days(b, client(b, "C-0001")).empty());
        CHECK(winback::free_days_text(b, client(b, "C-0001"), Lang::en) == "no weekday without the people they avoid");
    }
}

TEST_CASE("free_days with capacity") {
    // PRODUCT.md: {free_days} lists the open weekdays on which no avoided client attends "and,
    // with capacity, a place is free; held slots of hospitalized clients count as taken".
    const Book book = load(R"(
[[client]]
id = "C-CONFLICT"
name = "Avoider"
status = "lapsed"
lapse_date = 2026-11-02
reason = "conflict"
avoid = ["C-OTHER"]

[[client]]
id = "C-OTHER"
name = "Avoided"
status = "active"
days = ["mon"]

[[client]]
id = "C-TUE-1"
name = "Tuesday one"
status = "active"
days = ["tue"]

[[client]]
id = "C-TUE-2"
name = "Tuesday two"
status = "active"
days = ["tue"]

[[client]]
id = "C-WED"
name = "Wednesday"
status = "active"
days = ["wed"]

[[client]]
id = "C-HOSPITAL"
name = "In hospital, Wednesday held"
status = "lapsed"
lapse_date = 2026-10-01
reason = "hospitalized"
days = ["wed"]
)",
                           R"(
[facility]
closed_weekdays = ["sat", "sun"]
capacity = 2
)");
    // Monday: avoided. Tuesday: two of two places taken. Wednesday: one client and one held slot.
    CHECK(winback::free_days_text(book, client(book, "C-CONFLICT"), Lang::en) == "Thursday and Friday");
}

TEST_CASE("free_days: held slots until the follow-up stops, and no day possible") {
    // Capacity 1, open Monday to Friday. Monday: the avoided client (and full); Tuesday: full;
    // Wednesday: held for C-H1 (hospitalized 2026-01-05, stop_after 12m: until 2027-01-05);
    // Thursday: C-H2 declined on 2026-11-10, so the slot is no longer held; Friday: held (C-H3).
    constexpr std::string_view clients = R"(
[[client]]
id = "C-CONFLICT"
name = "Avoider"
status = "lapsed"
lapse_date = 2026-11-02
reason = "conflict"
avoid = ["C-MON"]

[[client]]
id = "C-MON"
name = "Monday"
status = "active"
days = ["mon"]

[[client]]
id = "C-TUE"
name = "Tuesday"
status = "returned"
days = ["tue"]

[[client]]
id = "C-H1"
name = "Wednesday held"
status = "lapsed"
lapse_date = 2026-01-05
reason = "hospitalized"
days = ["wed"]

[[client]]
id = "C-H2"
name = "Thursday, declined"
status = "lapsed"
lapse_date = 2026-10-01
reason = "hospitalized"
days = ["thu"]

[[client]]
id = "C-H3"
name = "Friday held"
status = "lapsed"
lapse_date = 2026-10-01
reason = "hospitalized"
days = ["fri"]
)";
    constexpr std::string_view facility = "[facility]\nclosed_weekdays = [\"sat\", \"sun\"]\ncapacity = 1\n";
    constexpr std::string_view log = R"(
[[entry]]
date = 2026-11-10
client = "C-H2"
outcome = "declined"
)";
    const Book book = winback::test::load_book({clients, {}, facility, log});
    auto text_on = [&](const Book& b, const char* today, Lang lang) {
        const auto d = winback::parse_date(today);
        REQUIRE(d);
        const auto taken = winback::occupancy(b, winback::LogIndex(b, *d), *d);
        return winback::free_days_text(b, client(b, "C-CONFLICT"), taken, lang);
    };
    SUBCASE("as of 2026-11-24: only Thursday") {
        CHECK(text_on(book, "2026-11-24", Lang::en) == "Thursday");
        const auto taken = winback::occupancy(book, winback::LogIndex(book, *winback::parse_date("2026-11-24")),
                                              *winback::parse_date("2026-11-24"));
        CHECK(taken.attending == std::array<long, 7>{1, 1, 0, 0, 0, 0, 0});
        CHECK(taken.held == std::array<long, 7>{0, 0, 1, 0, 1, 0, 0});
    }
    SUBCASE("once C-H1's follow-up has stopped (after 2027-01-05), Wednesday is free again") {
        CHECK(text_on(book, "2027-02-01", Lang::en) == "Wednesday and Thursday");
    }
    SUBCASE("before the refusal was logged, Thursday was held too: no day, said plainly") {
        CHECK(text_on(book, "2026-11-09", Lang::en) == "no weekday with a free place and without the people they avoid");
        CHECK(text_on(book, "2026-11-09", Lang::ja) == "空きがあり避けたい方のいない曜日はありません");
    }
}
