#include "winback/starter.hpp"

#include <doctest/doctest.h>

#include "test_book.hpp"
#include "winback/load.hpp"

TEST_CASE("starter_book") {
    for (const winback::Lang lang : {winback::Lang::en, winback::Lang::ja}) {
        CAPTURE(static_cast<int>(lang));
        const auto files = winback::starter_book(lang);
        REQUIRE(files.size() == 3);
        CHECK(files[0].name == "facility.toml");
        CHECK(files[1].name == "clients.toml");
        CHECK(files[2].name == "playbooks.toml");
        SUBCASE("the new book loads with no problem at all") {
            const winback::Book book =
                winback::test::load_book({.clients = files[1].text, .playbooks = files[2].text, .facility = files[0].text, .log = {}});
            CHECK(book.clients.size() == 2);
            CHECK(book.care_managers.size() == 1);
            CHECK(book.playbooks.size() == 7);
        }
        SUBCASE("playbooks.toml is the text of `playbooks --dump`") {
            CHECK(files[2].text == winback::builtin_playbooks_text(lang));
        }
        SUBCASE("every starting file is commented") {
            for (const auto& file : files) CHECK(file.text.starts_with("# "));
        }
    }
}
