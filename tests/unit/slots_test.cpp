// `winback slots`: who holds a place on which weekday, since when, on the small book of
// report_book.hpp, against answers worked out by hand.

#include "winback/slots.hpp"

#include <doctest/doctest.h>

#include <string>

#include "report_book.hpp"

using namespace winback;
using namespace winback::test::report_book;

namespace {

Date d(const char* text) {
    return *parse_date(text);
}

}  // namespace

TEST_CASE("make_slots") {
    const Book book = small_book();
    SUBCASE("who holds a place and since when") {
        const Slots s = make_slots(book, d("2026-06-30"));
        REQUIRE(s.weekdays.size() == 6);
        CHECK(s.weekdays[0].weekday == 0);
        CHECK(s.weekdays[5].weekday == 5);  // Sunday is closed: left out
        REQUIRE(s.weekdays[0].held.size() == 1);
        CHECK(s.weekdays[0].held[0].client_id == "H1");
        CHECK(s.weekdays[0].held[0].since == d("2026-03-02"));
        CHECK(s.weekdays[0].held_names[0] == "H one");
        CHECK(s.weekdays[0].capacity == 3);
        CHECK(s.weekdays[0].use() == doctest::Approx(1.0));  // (2 + 1) / 3
        CHECK(s.weekdays[2].use() == doctest::Approx(1.0 / 3.0));  // Wed: A1
    }
    SUBCASE("the hold starts with the lapse") {
        CHECK(make_slots(book, d("2026-03-01")).weekdays[0].held.empty());
        CHECK(make_slots(book, d("2026-03-02")).weekdays[0].held.size() == 1);
    }
    SUBCASE("the hold ends with the playbook's stop_after: 12 months after 2026-03-02") {
        CHECK(make_slots(book, d("2027-03-02")).weekdays[0].held.size() == 1);
        CHECK(make_slots(book, d("2027-03-03")).weekdays[0].held.empty());
    }
    SUBCASE("the hold ends with a stop outcome logged by then") {
        std::string with_return(report_log);
        with_return += "[[entry]]\ndate = 2026-07-06\nclient = \"H1\"\noutcome = \"returned\"\n";
        const Book b =
            test::load_book({report_clients, report_playbooks, report_facility, with_return}, test::Accept::warnings);
        CHECK(make_slots(b, d("2026-07-05")).weekdays[0].held.size() == 1);
        CHECK(make_slots(b, d("2026-07-06")).weekdays[0].held.empty());
    }
    SUBCASE("without a capacity: no free places to count") {
        const std::string no_capacity = "[facility]\nclosed_weekdays = [\"sat\", \"sun\"]\n"
                                        "[[rule]]\nid = \"smoking\"\n";
        const Book b =
            test::load_book({report_clients, report_playbooks, no_capacity, report_log}, test::Accept::warnings);
        const Slots s = make_slots(b, d("2026-06-30"));
        CHECK(s.weekdays.size() == 5);
        CHECK_FALSE(s.weekdays[0].capacity);
        CHECK_FALSE(s.weekdays[0].free());
        CHECK_FALSE(s.weekdays[0].use());
    }
}

TEST_CASE("render_slots") {
    const Slots s = make_slots(small_book(), d("2026-06-30"));
    RenderOptions options;
    SUBCASE("json: held_by as objects") {
        options.format = Format::json;
        const std::string json = render_slots(s, options);
        CHECK(json.starts_with("[\n  {\"weekday\":\"mon\",\"capacity\":3,\"active\":2,\"held\":1,\"free\":0,"
                               "\"held_by\":[{\"client_id\":\"H1\",\"client\":\"H one\",\"since\":\"2026-03-02\"}]},\n"));
        CHECK(json.find("{\"weekday\":\"sat\",\"capacity\":3,\"active\":0,\"held\":0,\"free\":3,\"held_by\":[]}") !=
              std::string::npos);
    }
    SUBCASE("csv") {
        options.format = Format::csv;
        const std::string csv = render_slots(s, options);
        CHECK(csv.starts_with("weekday,capacity,active,held,free,held_by\r\nmon,3,2,1,0,H1 (2026-03-02)\r\n"));
    }
    SUBCASE("table in Japanese") {
        options.lang = Lang::ja;
        const std::string table = render_slots(s, options);
        CHECK(table.starts_with("2026-06-30時点の曜日別の利用枠（定員 3人）\n曜日"));
        CHECK(table.find("H1 H one（2026-03-02から）") != std::string::npos);
    }
}
