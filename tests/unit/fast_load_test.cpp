// The fast reader against the toml++ path: the same model, places included, for every book of
// the test suite, and the same diagnostics (the fast reader declines any file that has some).

#include <doctest/doctest.h>

#include "fast_pieces.hpp"
#include "fast_toml.hpp"
#include "pages.hpp"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "model_dump.hpp"
#include "winback/fast_load.hpp"
#include "winback/load.hpp"
#include "winback/log_index.hpp"
#include "winback/text.hpp"

namespace winback {

namespace {

std::optional<std::string> read(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in || std::filesystem::is_directory(path)) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::filesystem::path> suite_books() {
    const std::filesystem::path root = WINBACK_SOURCE_DIR;
    std::vector<std::filesystem::path> out{root / "examples/dayservice"};
    for (const auto& item : std::filesystem::directory_iterator(root / "tests/cli")) {
        if (std::filesystem::is_directory(item.path() / "book")) out.push_back(item.path() / "book");
        if (item.path().filename() == "log_book") out.push_back(item.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Both paths over one file: equal models and diagnostics; a model from the fast reader only
// when toml++'s path finds nothing to say. Returns whether the fast reader took the file.
template <class File, class Fast, class Toml, class Load>
bool same_on_both_paths(const std::string& text, Fast fast, Toml toml, Load load) {
    Diagnostics by_toml;
    const File slow = toml(text, "f.toml", by_toml);
    Diagnostics by_load;
    const File loaded = load(text, "f.toml", by_load, nullptr);
    CHECK(test::dump(loaded) == test::dump(slow));
    CHECK(test::dump(by_load) == test::dump(by_toml));
    const std::optional<File> quick = fast(text, nullptr);
    if (!quick) return false;
    CHECK(by_toml.items().empty());
    CHECK(test::dump(*quick) == test::dump(slow));
    return true;
}

}  // namespace

TEST_CASE("fast reader and toml++ give the same model for every book of the suite") {
    std::size_t fast_files = 0;
    for (const auto& dir : suite_books()) {
        CAPTURE(dir.string());
        if (auto text = read(dir / "clients.toml")) {
            fast_files += same_on_both_paths<ClientsFile>(*text, fast_load_clients, load_clients_toml, load_clients);
        }
        if (auto text = read(dir / "log.toml")) {
            fast_files += same_on_both_paths<LogFile>(*text, fast_load_log, load_log_toml, load_log);
        }
    }
    // Most books are clean and in the subset: the fast path is really taken, not always declined.
    CHECK(fast_files >= 20);
}

TEST_CASE("fast reader: the example book takes the fast path") {
    const std::filesystem::path root = WINBACK_SOURCE_DIR;
    CHECK(fast_load_clients(*read(root / "examples/dayservice/clients.toml")));
    CHECK(fast_load_log(*read(root / "examples/dayservice/log.toml")));
}

TEST_CASE("fast reader: declines what it does not know and what toml++ must report") {
    const std::string_view declined[] = {
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\ncolour = \"x\"\n",   // unknown key
        "[[client]]\nid = \"C-1\"\nname = \"\"\"a\"\"\"\nstatus = \"active\"\n",           // multi-line string
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nid = \"C-2\"\n",     // duplicate key
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"gone\"\n",                     // unknown word
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"lapsed\"\n",                   // lapse_date missing
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\n[[client]]\nid = \"C-1\"\nname = \"b\"\n"
        "status = \"active\"\n",                                                           // duplicate id
        "[[client]]\r\nid = \"C-1\"\r\nname = \"a\"\r\nstatus = \"active\"\r\n",           // CRLF
        "\xEF\xBB\xBF[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\n",       // BOM
        "[[client]]\nid = \"C-1\"\nname = \"\xff\"\nstatus = \"active\"\n",                // invalid UTF-8
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nmonthly_revenue = 1_000\n",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nlapse_date = 2026-01-01 10:00:00\n",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\ndays = [\"mon\", \"mon\"]\n",
        "client = []\n",
        "  [[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\n",                  // indented header
        // more digits than a long long holds: read without overflow (found by fuzz_clients)
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nmonthly_revenue = 33333333333333333333333\n",
    };
    for (std::string_view text : declined) {
        CAPTURE(text);
        CHECK_FALSE(fast_load_clients(text));
        same_on_both_paths<ClientsFile>(std::string(text), fast_load_clients, load_clients_toml, load_clients);
    }
}

TEST_CASE("fast reader: escapes, literal strings, comments and places in code points") {
    const std::string text =
        "# 台帳\n[[care_manager]] # ケアマネ\nid = 'CM-1'\nname = \"佐藤 \\u6075子\\t\\\"\"\n\n"
        "[[client]]\nid = \"C-1\"\nname = \"山田\"   # 名前\nstatus = \"lapsed\"\nlapse_date = \"2026-09-14\"\n"
        "reason = \"conflict\"\navoid = [ \"山田\", # 誰\n  \"C-2\", ]\ncare_manager = \"CM-1\"\n"
        "monthly_revenue = 0\ndo_not_contact = false\n"
        "  [[client.contact]]\n  role = \"family\"\n  name = \"\\U0001F600\"\n"
        "[[client]]\nid = \"C-2\"\nname = \"b\"\nstatus = \"active\"\n"
        "at_risk = { reason = \"山\", since = 2026-01-01, note = \"x\" }\n";
    REQUIRE(fast_load_clients(text));
    CHECK(same_on_both_paths<ClientsFile>(text, fast_load_clients, load_clients_toml, load_clients));
}

TEST_CASE("fast reader: dates, spacing around keys and places read as toml++ reads them") {
    // The reader tries the key that usually comes next by its bytes and reads `key = ` at once;
    // anything else (other spacing, another order, a longer key that starts like the expected
    // one) goes the long way. Dates are checked for their month's days without Date::ok().
    const auto entry = [](std::string_view date_line, std::string_view rest = "client = \"C-1\"\noutcome = \"sent\"\n") {
        return fmt::format("[[entry]]\n{}\n{}", date_line, rest);
    };
    const std::string taken[] = {
        entry("date = 2024-02-29"), entry("date = 2000-02-29"), entry("date = 2026-12-31"), entry("date = 0001-01-01"),
        entry("date=2026-01-31"), entry("date  =  2026-01-31"), entry("date\t=\t2026-01-31"), entry("  date = 2026-01-31"),
        entry("\tdate = 2026-01-31   # 日付"), entry("date = \"2026-03-01\""),
        entry("date = 2026-01-31", "outcome = \"sent\"\nclient = \"C-1\"\n"),        // another order
        entry("date = 2026-01-31", "client = \"C-1\"\n  outcome =\"sent\"\nby= \"鈴木\"\nnote = \"x\"\n"),
        entry("date = 2026-01-31", "client = \"C-1\"\noutcome = \"sent\"\nreason = \"moved\"\n"),
        // Indented keys, and a second table whose keys come in another order.
        entry("date = 2026-01-31", "client = \"C-1\"\noutcome = \"sent\"\n") + entry("date = 2026-02-01", "outcome = \"sent\"\n client = \"C-2\"\n"),
    };
    for (const std::string& text : taken) {
        CAPTURE(text);
        CHECK(fast_load_log(text));
        CHECK(same_on_both_paths<LogFile>(text, fast_load_log, load_log_toml, load_log));
    }
    const std::string declined[] = {
        entry("date = 2023-02-29"), entry("date = 1900-02-29"), entry("date = 2026-04-31"), entry("date = 2026-13-01"),
        entry("date = 2026-00-10"), entry("date = 2026-01-00"), entry("date = 2026-01-32"), entry("date = 2026-1-01"),
        entry("date = 2026-01-3x"), entry("date = 2026-01-31T10:00:00"), entry("dates = 2026-01-31"),
        entry("dat = 2026-01-31"), entry("date = 2026-01-31", "client = \"C-1\"\noutcomes = \"sent\"\n"),
        entry("date = 2026-01-31", "client = \"C-1\"\noutcome = \"sent\"\nclient = \"C-2\"\n"),  // twice
        entry("date ="),
    };
    for (const std::string& text : declined) {
        CAPTURE(text);
        CHECK_FALSE(fast_load_log(text));
        same_on_both_paths<LogFile>(text, fast_load_log, load_log_toml, load_log);
    }
}

TEST_CASE("fast reader: strings that stop at the edges of a block of sixteen, and places after them") {
    // A basic string is searched sixteen bytes at a time for its end: a closing quote or a
    // backslash on each side of a block's edge, and places counted in code points after Japanese
    // text on the same line (the avoid list of a client).
    std::string text = "[[client]]\nid = \"C-1\"\nname = \"山田\"\nstatus = \"active\"\n"
                       "[[client]]\nid = \"C-2\"\nname = \"b\"\nstatus = \"active\"\navoid = [\"山田\", \"C-1\"]\n";
    for (std::size_t length = 12; length <= 36; ++length) {
        const std::string body(length, 'x');
        text += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"{}\"\nkana = \"{}\\\"{}\"\nstatus = \"active\"\n"
                            "reason_note = \"{}\\tx\"\n",
                            length + 10, body, body.substr(0, length / 2), body.substr(length / 2), body);
    }
    CAPTURE(text);
    REQUIRE(fast_load_clients(text));
    CHECK(same_on_both_paths<ClientsFile>(text, fast_load_clients, load_clients_toml, load_clients));
    // A control character right after a block's edge is refused, as toml++ refuses it.
    for (std::size_t length = 14; length <= 18; ++length) {
        const std::string bad = fmt::format("[[client]]\nid = \"C-1\"\nname = \"{}\x01\"\nstatus = \"active\"\n",
                                            std::string(length, 'x'));
        CHECK_FALSE(fast_load_clients(bad));
        same_on_both_paths<ClientsFile>(bad, fast_load_clients, load_clients_toml, load_clients);
    }
}

TEST_CASE("fast reader: the quick paths of strings, dates, headers and empty lines, at the end of the text") {
    // A basic string is copied into the pool while it is scanned, sixteen bytes at a time, when
    // sixteen bytes are left to read; a date at the end of its line, a header alone on its line
    // and an empty line are taken inline. Each against toml++ with the text cut after it, so that
    // the quick paths meet the end of the text at every distance, and with what may follow.
    const std::string tails[] = {"", "\n", "\n\n", "   \n", " # c\n", "\t\n", "\n[[entry]]\ndate = 2026-02-01\nclient = \"C-2\"\noutcome = \"sent\"\n"};
    std::size_t taken = 0, cases = 0;
    for (std::size_t length = 1; length <= 40; ++length) {
        const std::string note = std::string(length, 'x');
        const std::string japanese = std::string(length >= 6 ? "山田" : length >= 3 ? "山" : "") + std::string(length, 'y');
        for (const std::string& tail : tails) {
            for (const std::string& value : {note, japanese, note.substr(0, length / 2) + "\t" + note, note + "\\t"}) {
                const std::string text = "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\nnote = \"" +
                                         value + "\"" + tail;
                CAPTURE(text);
                ++cases;
                taken += same_on_both_paths<LogFile>(text, fast_load_log, load_log_toml, load_log);
            }
        }
    }
    CHECK(taken == cases);  // every one of them is in the reader's subset
    const std::string entries[] = {
        // dates at the end of the text, before a comment, a space or a tab
        "[[entry]]\nclient = \"C-1\"\noutcome = \"sent\"\ndate = 2026-01-31",
        "[[entry]]\nclient = \"C-1\"\noutcome = \"sent\"\ndate = 2026-01-31\n",
        "[[entry]]\nclient = \"C-1\"\noutcome = \"sent\"\ndate = 2024-02-29 # 閏日\n",
        "[[entry]]\nclient = \"C-1\"\noutcome = \"sent\"\ndate = 2024-02-29\t\n",
        "[[entry]]\ndate = 2024-02-29\nclient = \"C-1\"\noutcome = \"sent\"\n",
        // headers: alone, at the end, with spaces or a comment, after empty lines, with blank lines inside
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n\n\n\n[[entry]]\ndate = 2026-01-31\n"
        "client = \"C-2\"\n\n\noutcome = \"sent\"\n\n",
        "[[entry]]  \ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]# c\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "\n\n  \n\t\n[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n   \n",
        // strings: empty where that is allowed, a quote right after the opening one
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\nstep = \"\"\noutcome = \"sent\"\nnote = \"\"\n",
    };
    for (const std::string& text : entries) {
        CAPTURE(text);
        CHECK(same_on_both_paths<LogFile>(text, fast_load_log, load_log_toml, load_log));
    }
    const std::string declined[] = {
        "[[entry]]\ndate = 2023-02-29\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]\ndate = 2026-13-01\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]\ndate = 2026-01-3\n\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]\ndate = 2026/01/31\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]\ndate = 2026-01-31\nclient = \"\"\noutcome = \"sent\"\nnote = \"long enough to be quick\"\n",
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\nnote = \"\"\"x\"\"\"\n",
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"x\nnote = \"long enough to be quick\"\n",
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\nnote = \"a line\nthat goes on\"\n",
        "[[entries]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]x\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n",
        "[[entry]]\ndate = 2026-01-31\nclient = \"C-1\"\noutcome = \"sent\"\n [[entry]]\ndate = 2026-01-31\n"
        "client = \"C-2\"\noutcome = \"sent\"\n",
    };
    for (const std::string& text : declined) {
        CAPTURE(text);
        CHECK_FALSE(fast_load_log(text));
        same_on_both_paths<LogFile>(text, fast_load_log, load_log_toml, load_log);
    }
}

TEST_CASE("fast reader: quick words and headers of clients.toml, and keys left out or in another order") {
    // Words (status, days) are read as views with the quick scan when sixteen bytes are left; a
    // contact's header alone on its line is taken inline, indented or not; the reader tries the
    // next few keys of its list by their bytes before it looks a key up.
    const std::string client =
        "[[client]]\nid = \"C-1\"\nname = \"山田\"\nstatus = \"lapsed\"\nlapse_date = 2026-01-01\nreason = \"moved\"\n";
    const std::string taken[] = {
        client + "days = [\"mon\", \"thu\"]\nowner = \"田中\"\n",
        client + "days = [\"mon\",\"thu\"]",
        client + "days = [\"mon\", \"thu\"]\n",
        client + "days = [\n  \"mon\", # 月\n  \"thu\",\n]\n",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\" # 在籍\n",
        "[[client]]\nstatus = \"active\"\nname = \"a\"\nid = \"C-1\"\n",  // against the order of the list
        client + "hospital = \"目黒病院\"\n",  // reason_note to admitted_to left out
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"act\\u0069ve\" # an escape: the long way\n",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nat_risk = { reason = \"conflict\", since = 2026-01-01 }\n"
        "avoid = [\"C-2\"]\n",
        client + "\n  [[client.contact]]\n  role = \"family\"\n  name = \"山田 一郎\"\n"
                 "[[client.contact]]\nrole = \"family\"\nname = \"山田 花子\"\n"
                 "[[client.contact]] # 三人目\nrole = \"family\"\nname = \"山田 三郎\"\nphone = \"090-0000-0000\"\n"
                 "  [[client.contact]]\n  role = \"family\"\n  name = \"山田 四郎\"",
    };
    for (const std::string& text : taken) {
        CAPTURE(text);
        same_on_both_paths<ClientsFile>(text, fast_load_clients, load_clients_toml, load_clients);
    }
    for (const std::string& text : {taken[0], taken[6], taken[7], taken[8], taken[9], taken[10]}) {
        CAPTURE(text);
        CHECK(fast_load_clients(text));
    }
    const std::string declined[] = {
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"actives\"\n# a word that is none\n",
        "[[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"x\n# what follows a word\n",
        client + "days = [\"mon\", \"mon\"]\nowner = \"a word that is long\"\n",
        client + "  [[client.contacts]]\nrole = \"family\"\nname = \"a name that is long\"\n",
        client + "[[client.contact]]x\nrole = \"family\"\nname = \"a name that is long\"\n",
        "  [[client]]\nid = \"C-1\"\nname = \"a\"\nstatus = \"active\"\nowner = \"a word that is long\"\n",
    };
    for (const std::string& text : declined) {
        CAPTURE(text);
        CHECK_FALSE(fast_load_clients(text));
        same_on_both_paths<ClientsFile>(text, fast_load_clients, load_clients_toml, load_clients);
    }
}

TEST_CASE("fast reader: a big file read in pieces keeps its lines") {
    std::string clients;
    std::string log;
    for (int i = 0; i < 12000; ++i) {
        clients += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"山田 {}\"\nstatus = \"lapsed\"\n"
                               "lapse_date = 2026-01-01\nreason = \"unknown\"\navoid = [\"C-0\"]\n"
                               "  [[client.contact]]\n  role = \"family\"\n  address = \"東京都目黒区中町2-14-7 {}\"\n\n",
                               i, i, i);
        log += fmt::format("[[entry]]\ndate = 2026-02-01\nclient = \"C-{}\"\noutcome = \"reached\"\n"
                           "note = \"来月退院予定 {}\"\n# end\n\n", i, i);
    }
    REQUIRE(clients.size() > (1u << 20));
    REQUIRE(log.size() > (1u << 20));
    CHECK(same_on_both_paths<ClientsFile>(clients, fast_load_clients, load_clients_toml, load_clients));
    CHECK(same_on_both_paths<LogFile>(log, fast_load_log, load_log_toml, load_log));
}

TEST_CASE("fast reader: the index of the clients it builds to find repeated ids is the book's") {
    std::string clients;
    for (int i = 0; i < 20000; ++i) {
        clients += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"山田 {}\"\nstatus = \"active\"\n\n", i, i);
    }
    REQUIRE(clients.size() > (1u << 20));  // read in pieces: a repeat can be in another piece
    const auto file = fast_load_clients(clients);
    REQUIRE(file);
    REQUIRE(file->client_places);
    CHECK(file->client_places->unique());
    CHECK(file->client_places->describes(file->clients));
    for (std::uint32_t p = 0; p < file->clients.size(); ++p) REQUIRE(file->client_places->find(file->clients[p].id) == p);
    CHECK(file->client_places->find("C-20000") == ClientPlaces::none);
    SUBCASE("a repeated id far from the first: declined, for toml++'s path to report") {
        CHECK_FALSE(fast_load_clients(clients + "[[client]]\nid = \"C-7\"\nname = \"b\"\nstatus = \"active\"\n"));
    }
    SUBCASE("load_book keeps it, with the clients it describes") {
        BookSources sources;
        sources.clients = {"clients.toml", SourceText(clients)};
        Diagnostics diagnostics;
        const Book book = load_book(sources, Lang::en, diagnostics);
        REQUIRE(book.clients.size() == 20000);
        // Nothing in this book looks a client up (no avoid, no log): the index is the reader's.
        REQUIRE(book.client_places_cache);
        const auto places = book.client_places();
        CHECK(places == book.client_places_cache);
        CHECK(places->describes(book.clients));
        CHECK(book.find_client("C-19999") == &book.clients.back());
        CHECK(book.log_clients()->find("C-5") == 5);
    }
}

TEST_CASE("load_book on a big book: the log read and the checks run on threads of their own, messages in order") {
    // A log of 1 MiB or more is read while clients.toml is, and with 20,000 clients and entries
    // or more validate_book and validate_log run side by side: the book and every message, in
    // order, are what the steps one after the other give. Problems in every part: clients.toml
    // (a wrong status: toml++ reports it), the clients' references, and the log's entries.
    std::string clients, log;
    for (int i = 0; i < 12000; ++i) {
        clients += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"山田 {}\"\nstatus = \"{}\"\n"
                               "lapse_date = 2026-01-01\nreason = \"{}\"\navoid = [\"{}\"]\n\n",
                               i, i, i == 6000 ? "gone" : "lapsed", i % 997 == 0 ? "moevd" : "moved",
                               i % 1500 == 0 ? fmt::format("C-{}x", i) : "田中");
    }
    for (int i = 0; i < 16000; ++i) {
        log += fmt::format("[[entry]]\ndate = {}\nclient = \"C-{}\"\noutcome = \"{}\"\n"
                           "note = \"来月また連絡する。ご家族の話では退院は来月の予定 {}\"\n\n",
                           i % 4000 == 0 ? "2027-01-01" : "2026-02-01", i % 3000 == 0 ? 90000 + i : i % 12000,
                           i % 2500 == 0 ? "reachd" : i == 7 ? "returned" : "reached", i);
    }
    REQUIRE(log.size() >= (std::size_t{1} << 20));
    const Date today = *parse_date("2026-12-01");
    BookSources sources;
    sources.clients = {"clients.toml", SourceText(clients)};
    sources.log = {"log.toml", SourceText(log)};
    Diagnostics diagnostics;
    const Book book = load_book(sources, Lang::en, diagnostics, today);

    Diagnostics expected;
    ClientsFile clients_file = load_clients(clients, "clients.toml", expected);
    LogFile log_file = load_log(log, "log.toml", expected);
    Book one_by_one;
    one_by_one.paths = book.paths;
    one_by_one.care_managers = std::move(clients_file.care_managers);
    one_by_one.clients = std::move(clients_file.clients);
    one_by_one.playbooks = builtin_playbooks(Lang::en);
    one_by_one.log = std::move(log_file.entries);
    validate_book(one_by_one, expected);
    validate_log(one_by_one, expected, today);

    CHECK(test::dump(diagnostics) == test::dump(expected));
    CHECK(diagnostics.items().size() > 30);
    std::set<std::string> files;
    for (const Diagnostic& d : diagnostics.items()) files.insert(d.path);
    CHECK(files == std::set<std::string>{"clients.toml", "log.toml"});
    CHECK(book.clients.size() + book.log.size() >= 20000);  // the checks did run side by side
    const auto dump_clients = [](const Book& b) {
        ClientsFile file;
        file.clients = b.clients;
        file.care_managers = b.care_managers;
        return test::dump(file);
    };
    const auto dump_log = [](const Book& b) {
        LogFile file;
        file.entries = b.log;
        return test::dump(file);
    };
    CHECK(dump_clients(book) == dump_clients(one_by_one));
    CHECK(dump_log(book) == dump_log(one_by_one));
}

namespace {

// A text written to a file and mapped, as the CLI maps a big book file: pages given back are
// read from the file again if they are touched after all.
class Mapped {
public:
    explicit Mapped(std::string_view text) : m_size(text.size()) {
        m_path = std::filesystem::temp_directory_path() / fmt::format("winback-mapped-{}.toml", ::getpid());
        std::ofstream(m_path, std::ios::binary) << text;
        const int fd = ::open(m_path.c_str(), O_RDONLY);
        REQUIRE(fd >= 0);
        m_map = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        REQUIRE(m_map != MAP_FAILED);
    }
    Mapped(const Mapped&) = delete;
    Mapped& operator=(const Mapped&) = delete;
    ~Mapped() {
        ::munmap(m_map, m_size);
        std::filesystem::remove(m_path);
    }

    std::string_view view() const { return {static_cast<const char*>(m_map), m_size}; }

private:
    std::filesystem::path m_path;
    void* m_map = nullptr;
    std::size_t m_size = 0;
};

// A ReleasePages that gives the pages back and counts the bytes it was given (from the threads
// of every piece at once).
std::atomic<std::size_t> released_bytes = 0;
void count_and_give_back(std::string_view bytes) {
    released_bytes += bytes.size();
    detail::give_back_pages(bytes.data(), bytes.size());
}

}  // namespace

TEST_CASE("fast reader: the pages of a mapped file given back as the reader passes them") {
    // Each file is some 10 MB: each of its pieces (one per core) passes the point at which the
    // reader gives pages back, in both of its passes, on any number of cores up to eight.
    std::string clients;
    std::string log;
    for (int i = 0; i < 40000; ++i) {
        clients += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"山田 {}\"\nstatus = \"lapsed\"\n"
                               "lapse_date = 2026-01-01\nreason = \"unknown\"\nreason_note = \"{:>60}\"\navoid = [\"C-0\"]\n"
                               "  [[client.contact]]\n  role = \"family\"\n  address = \"東京都目黒区中町2-14-7 {}\"\n\n",
                               i, i, i, i);
    }
    for (int i = 0; i < 120000; ++i) {
        log += fmt::format("[[entry]]\ndate = 2026-02-01\nclient = \"C-{}\"\noutcome = \"reached\"\n"
                           "note = \"来月退院予定 {}\"\n\n", i, i);
    }
    REQUIRE(clients.size() > (10u << 20));
    REQUIRE(log.size() > (10u << 20));
    // The model is the one read from the text kept whole (which the other cases compare with
    // toml++'s), and it holds nothing of the mapping: it is dumped after the file is unmapped.
    const auto check = [&](const std::string& text, auto fast) {
        const auto whole = fast(text, nullptr);
        REQUIRE(whole);
        released_bytes = 0;
        auto quick = [&] {
            const Mapped file(text);
            auto model = fast(file.view(), count_and_give_back);
            CHECK(file.view() == text);  // the bytes given back are still the file's
            return model;
        }();
        REQUIRE(quick);
        CHECK(test::dump(*quick) == test::dump(*whole));
        CHECK(released_bytes > text.size() / 2);
    };
    check(clients, fast_load_clients);
    check(log, fast_load_log);
}

TEST_CASE("fast reader: a file declined near its end after its pages were given back") {
    // The toml++ path then reads it again, pages coming back from the file: the same model and
    // the same message as from the text kept whole.
    std::string log;
    for (int i = 0; i < 120000; ++i) {
        log += fmt::format("[[entry]]\ndate = 2026-02-01\nclient = \"C-{}\"\noutcome = \"reached\"\n\n", i);
    }
    log += "[[entry]]\ndate = 2026-02-01\nclient = \"C-1\"\noutcome = \"reached\"\nsmell = \"x\"\n";
    REQUIRE(log.size() > (6u << 20));
    Diagnostics by_whole;
    const LogFile whole = load_log(log, "log.toml", by_whole);
    REQUIRE_FALSE(by_whole.items().empty());
    released_bytes = 0;
    Diagnostics by_mapped;
    const Mapped file(log);
    const LogFile mapped = load_log(file.view(), "log.toml", by_mapped, count_and_give_back);
    CHECK(released_bytes > 0);
    CHECK(test::dump(mapped) == test::dump(whole));
    CHECK(test::dump(by_mapped) == test::dump(by_whole));
}

TEST_CASE("fast reader: a log written by winback is split at its marked headers too") {
    std::string log;
    for (int i = 0; i < 12000; ++i) {
        log += fmt::format("[[entry]] # written by winback\ndate = 2026-02-01\nclient = \"C-{}\"\n"
                           "outcome = \"reached\"\nnote = \"来月退院予定 {}\"\n# end of entry\n\n", i, i);
    }
    REQUIRE(log.size() > (1u << 20));
    const auto starts = detail::split_at_headers(log, "[[entry]]", 2);
    REQUIRE(starts.size() == 2);
    CHECK(std::string_view(log).substr(starts[1]).starts_with("[[entry]] # written by winback\n"));
    CHECK(same_on_both_paths<LogFile>(log, fast_load_log, load_log_toml, load_log));
}

}  // namespace winback

namespace {

// Whether every way this processor has of checking UTF-8 says that text is valid as valid_utf8 does.
bool every_utf8_kernel_agrees(std::string_view text) {
    const bool valid = winback::valid_utf8(text);
    for (const auto kernel : winback::detail::utf8_kernels()) {
        if (winback::detail::utf8_text_by(kernel, text) != valid) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("fast reader: UTF-8 cut short before a block of ASCII") {
    // A block of sixteen ASCII bytes is checked only against the end of the block before it: a
    // sequence begun in that block's last bytes (complete, cut short or wrong) and then ASCII.
    const unsigned char nexts[] = {0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0};
    const std::string ascii_block = "0123456789abcdef";
    long checked = 0;
    std::vector<std::string> mismatches;
    for (unsigned b0 = 0x80; b0 <= 0xFF; ++b0) {
        for (unsigned char b1 : nexts) {
            for (unsigned char b2 : nexts) {
                for (std::size_t before = 10; before <= 15; ++before) {  // the lead at byte 10 to 15 of the block
                    for (std::size_t tail = 0; tail <= 2; ++tail) {    // how many of b1, b2 follow it
                        std::string text(before, 'x');
                        text += static_cast<char>(b0);
                        if (tail >= 1) text += static_cast<char>(b1);
                        if (tail >= 2) text += static_cast<char>(b2);
                        text.resize(std::max<std::size_t>(text.size(), 16), 'y');
                        text += ascii_block + ascii_block + "z";
                        // The same at the end of a block of thirty-two, after sixteen ASCII bytes.
                        for (const std::string& t : {text, ascii_block + text}) {
                            if (!every_utf8_kernel_agrees(t)) mismatches.push_back(t);
                        }
                        ++checked;
                    }
                }
            }
        }
    }
    CHECK(checked == 128 * 8 * 8 * 6 * 3);
    CHECK(mismatches.empty());
    // A three-byte character that ends a block exactly, then ASCII: valid; cut short by the ASCII
    // block, by one byte and by two: not. With each way of checking, at the end of a block of
    // sixteen and of thirty-two.
    for (const auto kernel : winback::detail::utf8_kernels()) {
        CAPTURE(static_cast<int>(kernel));
        for (const std::string& before : {std::string(), ascii_block}) {
            CHECK(winback::detail::utf8_text_by(kernel, before + "abcdefghijklm日" + ascii_block + ascii_block));
            CHECK_FALSE(winback::detail::utf8_text_by(kernel, before + "abcdefghijklmn\xE6\x97" + ascii_block + ascii_block));
            CHECK_FALSE(winback::detail::utf8_text_by(kernel, before + "abcdefghijklmno\xE6" + ascii_block + ascii_block));
            CHECK_FALSE(winback::detail::utf8_text_by(kernel, before + "abcdefghijklmn\xF0\x9F" + ascii_block + ascii_block));
        }
    }
}

TEST_CASE("fast reader: UTF-8 exactly as valid_utf8 decides, control bytes refused in strings and comments") {
    // Every lead byte with every second byte and the edges of the continuation range after it:
    // alone, after eight ASCII bytes (the portable validator skips ASCII eight bytes at a time),
    // across the end of a sixteen-byte block, at the end of one, at the start of the second, and
    // across the end of a block of thirty-two. Every validator this processor has.
    const unsigned char thirds[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    long checked = 0;
    std::vector<std::string> mismatches;
    for (unsigned b0 = 0x80; b0 <= 0xFF; ++b0) {
        for (unsigned b1 = 0; b1 <= 0xFF; ++b1) {
            for (unsigned char b2 : thirds) {
                for (unsigned char b3 : {thirds[3], thirds[8], thirds[1]}) {
                    const std::string bytes{static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2),
                                            static_cast<char>(b3)};
                    for (const std::string& text : {bytes, "abcdefgh" + bytes, bytes + "abcdefgh", "abcdefghijklmn" + bytes,
                                                    "abcdefghijkl" + bytes, "abcdefghijklmnop" + bytes}) {
                        if (!every_utf8_kernel_agrees(text)) mismatches.push_back(text);
                        ++checked;
                    }
                    // Across the end of a block of thirty-two: the second bytes at the edges only
                    // (every second byte already crosses the middle of one, above).
                    if (std::find(std::begin(thirds), std::end(thirds), b1) == std::end(thirds)) continue;
                    for (const std::string& text : {"abcdefghijklmnopqrstuvwxyz012" + bytes, "abcdefghijklmnopqrstuvwxyz01234" + bytes}) {
                        if (!every_utf8_kernel_agrees(text)) mismatches.push_back(text);
                        ++checked;
                    }
                }
            }
        }
    }
    CHECK(checked > 600000);
    CHECK(mismatches.empty());
    // In valid UTF-8, what is left to refuse is a control byte (tab is allowed), at every place
    // of a sixteen-byte block, of an eight-byte word and of the bytes after them.
    for (int c = 0; c < 0x80; ++c) {
        if (c == '"' || c == '\\' || c == '\n') continue;
        for (std::size_t at = 0; at <= 41; at += at < 9 ? 3 : 1) {  // between characters
            std::string body = "日本語abcdefghijklmnopqrstuvwxyz012345";
            body.insert(at, 1, static_cast<char>(c));
            const bool control = (c < 0x20 && c != '\t') || c == 0x7F;
            CAPTURE(c);
            CAPTURE(at);
            std::string value;
            const std::string string_text = "\"" + body + "\"\n";
            winback::detail::FastCursor quoted(string_text, 1);
            CHECK(quoted.string(value) == !control);
            if (!control) CHECK(value == body);
            const std::string comment_text = "# " + body + "\n";
            winback::detail::FastCursor comment(comment_text, 1);
            CHECK(comment.skip_blank_lines() == !control);
        }
    }
}

TEST_CASE("give_back_pages: the whole pages inside go, the pages shared with other bytes stay") {
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const std::size_t size = 8 * page;
    void* map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    auto* bytes = static_cast<unsigned char*>(map);
    std::fill(bytes, bytes + size, 'x');
    winback::detail::give_back_pages(bytes + 1, size - 2);
    CHECK(std::all_of(bytes, bytes + page, [](unsigned char c) { return c == 'x'; }));
    CHECK(std::all_of(bytes + page, bytes + size - page, [](unsigned char c) { return c == 0; }));
    CHECK(std::all_of(bytes + size - page, bytes + size, [](unsigned char c) { return c == 'x'; }));
    // Less than a page, or nothing: nothing goes.
    winback::detail::give_back_pages(bytes + 1, page);
    winback::detail::give_back_pages(bytes, 0);
    CHECK(std::all_of(bytes, bytes + page, [](unsigned char c) { return c == 'x'; }));
    ::munmap(map, size);
}

TEST_CASE("fast reader: populate_in_parallel makes the pages resident and writes nothing") {
    constexpr std::size_t size = 8u << 20;
    void* map = ::mmap(nullptr, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    auto* bytes = static_cast<unsigned char*>(map);
    ::madvise(map, size, MADV_NOHUGEPAGE);  // pages one by one, whatever the system's default
    const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
    const auto resident_pages = [&] {
        std::vector<unsigned char> in_core(size / page);
        REQUIRE(::mincore(map, size, in_core.data()) == 0);
        return std::count_if(in_core.begin(), in_core.end(), [](unsigned char c) { return (c & 1) != 0; });
    };
    bytes[0] = 'w';  // written before: must stay
    CHECK(resident_pages() == 1);
#ifndef MADV_POPULATE_WRITE
    MESSAGE("this system cannot populate memory (no MADV_POPULATE_WRITE): nothing to check");
#else
    if (::madvise(bytes + page, page, MADV_POPULATE_WRITE) != 0) {
        MESSAGE("this kernel cannot populate memory (MADV_POPULATE_WRITE): nothing to check");
    } else {
        // From inside the first page to inside the last: the pages wholly inside are populated,
        // and with the first (written to) all but the last are resident.
        winback::detail::populate_in_parallel(bytes + 1, size - 2, 2);
        CHECK(resident_pages() == static_cast<long>(size / page) - 1);
        CHECK(bytes[0] == 'w');
        CHECK(std::all_of(bytes + 1, bytes + size, [](unsigned char c) { return c == 0; }));
    }
#endif
    ::munmap(map, size);
}

namespace winback {

TEST_CASE("RecentTexts: a value that comes again is kept once, any other value as it is") {
    winback::TextPool pool;
    winback::detail::RecentTexts recent;
    const winback::Text first = recent.keep("ご家族と話せた。来月また連絡する", pool);
    const std::size_t held = pool.capacity();
    const winback::Text again = recent.keep(std::string("ご家族と話せた。来月また連絡する"), pool);
    CHECK(again.data() == first.data());
    CHECK(again == first);
    CHECK(recent.keep("", pool).empty());
    // Values that differ in their length, their first, middle or last byte only: each its own.
    const std::string values[] = {"x", "xx", "abcdefgh", "abcdefgi", "bbcdefgh", "abcdefghij", "abcdefghik",
                                  "abcdefghijklmnopq", "abcdefghijklmnopr", "abcdefghXjklmnopq", std::string("a\0b", 3),
                                  std::string("a\0c", 3)};
    std::vector<winback::Text> kept;
    for (const std::string& v : values) kept.push_back(recent.keep(v, pool));
    for (std::size_t i = 0; i < std::size(values); ++i) {
        CAPTURE(i);
        CHECK(kept[i] == values[i]);
        CHECK(recent.keep(values[i], pool) == values[i]);
    }
    CHECK(first == "ご家族と話せた。来月また連絡する");  // still there, whatever took its slot
    // Far more values than slots: each one still comes back as itself.
    for (int i = 0; i < 1000; ++i) {
        const std::string v = "C-" + std::to_string(i * 7919 % 1000);
        CHECK(recent.keep(v, pool) == v);
    }
    CHECK(pool.capacity() >= held);
}

TEST_CASE("RecentTexts::commit: what the reader wrote into the pool's room, whatever follows it there") {
    winback::TextPool pool;
    winback::detail::RecentTexts recent;
    // Every length from 1 to 40, written twice with different bytes after it: the second is the
    // first Text again, and a value kept by keep() is found by commit() too.
    for (std::size_t n = 1; n <= 40; ++n) {
        CAPTURE(n);
        std::string value(n, 'v');
        value[0] = static_cast<char>('0' + n % 10);
        const auto write = [&](char after) {
            const std::span<char> room = pool.room(64);
            std::memcpy(room.data(), value.data(), n);
            std::memset(room.data() + n, after, 16);
            return recent.commit(std::string_view(room.data(), n), pool);
        };
        const winback::Text first = write('x');
        CHECK(first == value);
        const winback::Text second = write('y');
        CHECK(second.data() == first.data());
        std::string other = value;
        other.push_back('w');
        const winback::Text kept = recent.keep(other, pool);
        const std::span<char> room = pool.room(64);
        std::memcpy(room.data(), other.data(), other.size());
        CHECK(recent.commit(std::string_view(room.data(), other.size()), pool).data() == kept.data());
    }
}

TEST_CASE("fast reader: repeated values of a log and of clients.toml share their bytes, and read as toml++ reads them") {
    std::string log;
    for (int i = 0; i < 40; ++i) {
        log += fmt::format("[[entry]]\ndate = 2026-01-{:02}\nclient = \"C-{}\"\nstep = \"tell-client\"\noutcome = \"{}\"\n"
                           "by = \"鈴木\"\nnote = \"{}\"\n\n",
                           i % 28 + 1, i % 3, i % 2 ? "reached" : "sent",
                           i % 4 == 0 ? "不在。折り返しを依頼" : i % 4 == 1 ? "a \\\"quoted\\\" note" : "a \\\"quoted\\\" nope");
    }
    CHECK(same_on_both_paths<LogFile>(log, fast_load_log, load_log_toml, load_log));
    const auto fast = fast_load_log(log, nullptr);
    REQUIRE(fast);
    const auto& e = fast->entries;
    REQUIRE(e.size() == 40);
    CHECK(e[0].by.data() == e[39].by.data());
    CHECK(e[0].step.data() == e[1].step.data());
    CHECK(e[0].note.data() == e[4].note.data());  // the same stock note
    CHECK(e[0].client.data() == e[3].client.data());
    CHECK(e[1].note == "a \"quoted\" note");  // with escapes, through a buffer that the next string reuses
    CHECK(e[2].note == "a \"quoted\" nope");
    CHECK(e[5].note == "a \"quoted\" note");
    CHECK(e[0].outcome == "sent");
    CHECK(e[1].outcome == "reached");

    std::string clients;
    for (int i = 0; i < 10; ++i) {
        clients += fmt::format("[[client]]\nid = \"C-{}\"\nname = \"山田 {}\"\nstatus = \"lapsed\"\nlapse_date = 2026-01-10\n"
                               "reason = \"hospitalized\"\nhospital = \"目黒総合病院\"\nowner = \"伊藤\"\n\n"
                               "  [[client.contact]]\n  role = \"family\"\n  relation = \"長男\"\n\n",
                               i, i);
    }
    CHECK(same_on_both_paths<ClientsFile>(clients, fast_load_clients, load_clients_toml, load_clients));
    const auto read = fast_load_clients(clients, nullptr);
    REQUIRE(read);
    REQUIRE(read->clients.size() == 10);
    CHECK(read->clients[0].owner.data() == read->clients[9].owner.data());
    CHECK(read->clients[0].hospital.data() == read->clients[9].hospital.data());
    CHECK(read->clients[0].contacts[0].relation.data() == read->clients[9].contacts[0].relation.data());
    CHECK(read->clients[0].name != read->clients[1].name);
}

}  // namespace winback
