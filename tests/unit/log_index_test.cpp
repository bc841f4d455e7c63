#include "winback/log_index.hpp"
#include "winback/id_hash.hpp"
#include "test_text.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <map>
#include <set>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

using winback::Book;
using winback::Client;
using winback::ClientPlaces;
using winback::Date;
using winback::Entry;
using winback::LogClients;
using winback::LogIndex;

namespace {

Date date(const char* text) {
    const auto d = winback::parse_date(text);
    REQUIRE_MESSAGE(d, text);
    return *d;
}

Client client(std::string id) {
    Client c;
    c.id = winback::test::kept(id);
    return c;
}

// An entry told apart from the others by its note.
Entry entry(const char* day, std::string client, std::string note) {
    Entry e;
    e.date = date(day);
    e.client = winback::test::kept(client);
    e.note = winback::test::kept(note);
    return e;
}

std::string notes(std::span<const Entry* const> entries) {
    std::string out;
    for (const Entry* e : entries) {
        if (!out.empty()) out += ' ';
        out += e->note;
    }
    return out;
}

Book book_of(std::vector<Client> clients, std::vector<Entry> log) {
    Book book;
    book.clients = std::move(clients);
    book.log = std::move(log);
    return book;
}

}  // namespace

TEST_CASE("ClientPlaces") {
    SUBCASE("finds each id, and nothing for an unknown one") {
        std::vector<Client> clients;
        for (int i = 0; i < 1000; ++i) clients.push_back(client(fmt::format("C-{:04}", i)));
        clients.push_back(client("a client id well over twenty-four characters long"));
        const ClientPlaces places(clients);
        for (std::uint32_t p = 0; p < clients.size(); ++p) {
            CHECK(places.find(clients[p].id) == p);
            CHECK(places.first_with_id(p) == p);
        }
        CHECK(places.find("C-1000") == ClientPlaces::none);
        CHECK(places.find("a client id well over twenty-four characters lonG") == ClientPlaces::none);
        CHECK(places.find("") == ClientPlaces::none);
    }
    SUBCASE("ids at the edge of what a slot holds: eleven bytes in it, longer ones in the client") {
        const std::vector<Client> clients = {client("C-000000001"), client("C-0000000001"), client("C-00000000001"),
                                             client("C-000000000001"), client("K-2024-0153"), client(std::string(300, 'x'))};
        const ClientPlaces places(clients);
        for (std::uint32_t p = 0; p < clients.size(); ++p) CHECK(places.find(clients[p].id) == p);
        CHECK(places.find("C-00000000") == ClientPlaces::none);
        CHECK(places.find("C-0000000002") == ClientPlaces::none);
        CHECK(places.find("C-00000000002") == ClientPlaces::none);
        CHECK(places.find("C-000000000002") == ClientPlaces::none);
        CHECK(places.find("K-2024-01530") == ClientPlaces::none);
        CHECK(places.find(std::string(299, 'x')) == ClientPlaces::none);
        CHECK(places.find(std::string(301, 'x')) == ClientPlaces::none);
        CHECK(places.find(std::string(44, 'x')) == ClientPlaces::none);  // 300 mod 256
    }
    SUBCASE("a repeated id: the first client wins") {
        const std::vector<Client> clients = {client("C-1"), client("C-2"), client("C-1"), client("C-1")};
        const ClientPlaces places(clients);
        CHECK(places.find("C-1") == 0);
        CHECK(places.first_with_id(0) == 0);
        CHECK(places.first_with_id(1) == 1);
        CHECK(places.first_with_id(2) == 0);
        CHECK(places.first_with_id(3) == 0);
    }
    SUBCASE("no clients") {
        const std::vector<Client> none;
        const ClientPlaces places(none);
        CHECK(places.find("C-1") == ClientPlaces::none);
    }
}

TEST_CASE("ClientPlaces: many clients, the slots filled in parts") {
    // 40,000 clients, more than one thread takes: each part fills a range of the slots, and an id
    // whose probe runs into the next range goes in at the end. Ids are picked to start at the last
    // slot of a range (for two, three or four parts), so that some run past it, and some of those
    // and others repeat, near and far.
    constexpr std::size_t n = 40000;
    const std::size_t slots = std::bit_ceil(n * 2 + 1);
    std::vector<std::string> ids;
    std::set<std::size_t> last_slots;
    for (std::size_t parts = 2; parts <= 4; ++parts) {
        for (std::size_t k = 1; k <= parts; ++k) last_slots.insert(slots * k / parts - 1);
    }
    std::map<std::size_t, int> found;
    for (int j = 0; found.size() < last_slots.size() || std::any_of(found.begin(), found.end(), [](auto& f) { return f.second < 6; }); ++j) {
        std::string id = fmt::format("Z-{}", j);
        const std::size_t home = winback::detail::id_hash(id) & (slots - 1);
        if (last_slots.count(home) && found[home] < 6) {
            ++found[home];
            ids.push_back(std::move(id));
        }
    }
    const std::size_t special = ids.size();
    for (std::size_t i = 0; ids.size() < n - 100; ++i) {
        ids.push_back(i % 1000 == 0 ? fmt::format("a client id over eleven bytes {}", i) : fmt::format("C-{:06}", i));
    }
    // Repeats: of the special ids right after them and at the end, of ordinary ids far apart.
    for (std::size_t i = 0; ids.size() < n; ++i) ids.push_back(ids[i % 3 == 0 ? i % special : special + i * 97]);
    std::vector<Client> clients;
    for (const std::string& id : ids) clients.push_back(client(id));
    const ClientPlaces places(clients);
    std::map<std::string, std::uint32_t> first;
    for (std::uint32_t p = 0; p < clients.size(); ++p) first.try_emplace(ids[p], p);
    CHECK_FALSE(places.unique());
    for (std::uint32_t p = 0; p < clients.size(); ++p) {
        CAPTURE(ids[p]);
        REQUIRE(places.find(ids[p]) == first.at(ids[p]));
        REQUIRE(places.first_with_id(p) == first.at(ids[p]));
    }
    for (int i = 0; i < 1000; ++i) REQUIRE(places.find(fmt::format("Y-{}", i)) == ClientPlaces::none);
    SUBCASE("without the repeats") {
        clients.resize(n - 100);
        const ClientPlaces unique(clients);
        CHECK(unique.unique());
        for (std::uint32_t p = 0; p < clients.size(); ++p) REQUIRE(unique.find(ids[p]) == p);
    }
}

TEST_CASE("EntryGroups: picked entries are grouped as the same entries of the whole log") {
    // Some entries of a log, given as picks, against the whole log with the others left out.
    std::vector<Entry> log;
    const char* days[] = {"2026-02-01", "2026-01-01", "2026-03-01", "2026-01-01"};
    for (int i = 0; i < 3000; ++i) log.push_back(entry(days[(i / 5) % 4], "C", fmt::format("{}", i)));
    constexpr std::size_t clients = 40;
    std::vector<winback::EntryGroups::Pick> picks;
    std::vector<std::uint32_t> place(log.size(), ClientPlaces::none);
    for (std::uint32_t i = 0; i < log.size(); ++i) {
        if (i % 3 == 0 || i % 7 == 0) continue;
        const auto p = static_cast<std::uint32_t>((i * 13) % (clients - 1));  // the last client has no entry
        picks.push_back({i, p});
        place[i] = p;
    }
    const winback::EntryGroups sparse(log, picks, clients);
    const winback::EntryGroups dense(log, place, clients);
    std::size_t total = 0;
    for (std::uint32_t p = 0; p < clients; ++p) {
        CAPTURE(p);
        CHECK(notes(sparse.of(p)) == notes(dense.of(p)));
        total += sparse.of(p).size();
        for (std::size_t k = 1; k < sparse.of(p).size(); ++k) CHECK(sparse.of(p)[k - 1]->date <= sparse.of(p)[k]->date);
    }
    CHECK(total == picks.size());
    CHECK(sparse.of(clients - 1).empty());
    CHECK(sparse.of(ClientPlaces::none).empty());
    CHECK(winback::EntryGroups(log, std::span<const winback::EntryGroups::Pick>(), clients).of(0).empty());
}

TEST_CASE("id_hash spreads ids that differ in a digit, and same_text compares every byte") {
    using winback::detail::id_hash;
    using winback::detail::same_text;
    SUBCASE("100,000 numbered ids in 2^18 slots fill about as many as random hashes would") {
        constexpr std::size_t mask = (1u << 18) - 1;
        std::vector<char> used(mask + 1);
        std::size_t filled = 0;
        for (int i = 0; i < 100000; ++i) {
            const std::size_t slot = id_hash(fmt::format("C-{:07}", i)) & mask;
            if (!used[slot]) ++filled, used[slot] = 1;
        }
        CHECK(filled > 80000);  // random: 262,144 * (1 - e^(-100,000/262,144)) = 83,100
    }
    SUBCASE("a change of any one byte, at every length up to past sixteen, changes hash and text") {
        for (std::size_t n = 1; n <= 20; ++n) {
            const std::string id(n, 'a');
            for (std::size_t at = 0; at < n; ++at) {
                std::string other = id;
                other[at] = 'b';
                CHECK(id_hash(other) != id_hash(id));
                CHECK_FALSE(same_text(other, id));
                CHECK(same_text(other, std::string(other)));
            }
            CHECK(id_hash(id) != id_hash(id + 'a'));
            CHECK_FALSE(same_text(id, id + 'a'));
        }
        CHECK(same_text("", ""));
        CHECK(id_hash("") == id_hash(std::string_view()));
    }
}

TEST_CASE("Book::find_client: the book's ClientPlaces, made again when the clients move or change") {
    Book book = book_of({client("C-1"), client("C-2"), client("C-1")}, {entry("2026-01-01", "C-2", "a")});
    REQUIRE(book.find_client("C-2") == &book.clients[1]);
    CHECK(book.find_client("C-1") == &book.clients[0]);  // a repeated id: the first client
    CHECK(book.find_client("C-3") == nullptr);
    CHECK(book.find_client("") == nullptr);
    SUBCASE("shared with log_clients, which builds no index of its own") {
        CHECK(book.log_clients()->client(0) == &book.clients[1]);
        CHECK(book.client_places() == book.client_places());
    }
    SUBCASE("a client added (the vector moves) and one removed (it changes size)") {
        for (int i = 3; i < 200; ++i) book.clients.push_back(client(fmt::format("C-{}", i)));
        CHECK(book.find_client("C-199") == &book.clients.back());
        CHECK(book.find_client("C-2") == &book.clients[1]);
        CHECK(book.log_clients()->client(0) == &book.clients[1]);
        book.clients.erase(book.clients.begin());
        CHECK(book.find_client("C-1") == &book.clients[1]);  // the other C-1 is the first now
        CHECK(book.find_client("C-2") == &book.clients[0]);
        CHECK(book.find_client("C-199") == &book.clients.back());
    }
    SUBCASE("no clients") {
        const Book nobody;
        CHECK(nobody.find_client("C-1") == nullptr);
    }
}

TEST_CASE("LogIndex") {
    const Book book = book_of({client("C-1"), client("C-2"), client("C-3")},
                              {entry("2026-03-01", "C-2", "a"), entry("2026-01-15", "C-1", "b"),
                               entry("2026-02-01", "C-2", "c"), entry("2026-02-01", "C-9", "d"),
                               entry("2026-02-01", "C-2", "e"), entry("2026-01-01", "C-1", "f")});
    SUBCASE("each client's entries, in date order and file order within a day") {
        const LogIndex index(book);
        CHECK(notes(index.of("C-1")) == "f b");
        CHECK(notes(index.of("C-2")) == "c e a");
        CHECK(notes(index.of("C-3")).empty());
        CHECK(notes(index.of(book.clients[1])) == "c e a");
    }
    SUBCASE("an entry for a client the book does not have belongs to nobody") {
        const LogIndex index(book);
        CHECK(index.of("C-9").empty());
        CHECK(index.clients().client(3) == nullptr);
        CHECK(index.clients().place(3) == ClientPlaces::none);
        CHECK(index.clients().client(0) == &book.clients[1]);
    }
    SUBCASE("a cutoff leaves out what was logged after it, but not which client an entry is about") {
        const LogIndex index(book, date("2026-02-01"));
        CHECK(notes(index.of("C-1")) == "f b");
        CHECK(notes(index.of("C-2")) == "c e");
        CHECK(index.clients().place(0) == 1);
    }
    SUBCASE("a copy of a client is found by its id") {
        const LogIndex index(book);
        const Client copy = book.clients[0];
        CHECK(notes(index.of(copy)) == "f b");
    }
    SUBCASE("an empty log, an empty book") {
        const Book empty_log = book_of({client("C-1")}, {});
        CHECK(LogIndex(empty_log).of("C-1").empty());
        const Book nobody = book_of({}, {entry("2026-01-01", "C-1", "a")});
        CHECK(LogIndex(nobody).of("C-1").empty());
        CHECK(LogIndex(nobody).clients().client(0) == nullptr);
    }
}

TEST_CASE("LogIndex: a repeated id") {
    // As with Book::find_client, the entries belong to the first client with the id, and a
    // later client with the same id sees the same entries.
    const Book book = book_of({client("C-1"), client("C-2"), client("C-1")},
                              {entry("2026-01-02", "C-1", "a"), entry("2026-01-01", "C-1", "b")});
    const LogIndex index(book);
    CHECK(notes(index.of(book.clients[0])) == "b a");
    CHECK(notes(index.of(book.clients[2])) == "b a");
    CHECK(index.clients().place_of(book.clients[2]) == 0);
    CHECK(index.clients().client(0) == &book.clients[0]);
}

TEST_CASE("Book::log_clients: built once, shared, and built again when the book changes") {
    Book book = book_of({client("C-1"), client("C-2")}, {entry("2026-01-01", "C-1", "a")});
    const auto first = book.log_clients();
    CHECK(book.log_clients() == first);
    CHECK(&LogIndex(book).clients() == first.get());
    SUBCASE("a moved book keeps it: it refers to the clients and the log, not to the book") {
        const Book moved = std::move(book);
        CHECK(moved.log_clients() == first);
        CHECK(moved.log_clients()->client(0) == &moved.clients[0]);
    }
    SUBCASE("a longer log") {
        book.log.push_back(entry("2026-01-02", "C-2", "b"));
        const auto again = book.log_clients();
        CHECK(again != first);
        CHECK(again->client(1) == &book.clients[1]);
        CHECK(notes(LogIndex(book).of("C-2")) == "b");
    }
    SUBCASE("a copy of the book gets its own") {
        const Book copy = book;
        CHECK(copy.log_clients() != first);
        CHECK(copy.log_clients()->client(0) == &copy.clients[0]);
        CHECK(book.log_clients() == first);
    }
    SUBCASE("dropped: the book lets go of it, and builds it again on the next use") {
        const std::weak_ptr<const LogClients> held = first;
        const long holders = held.use_count();  // `first` and the book
        book.drop_log_clients();
        CHECK(held.use_count() == holders - 1);
        const auto again = book.log_clients();
        CHECK(again != first);
        CHECK(again->client(0) == &book.clients[0]);
    }
}

TEST_CASE("LogIndex: a long log of many clients, looked up and grouped in parts") {
    // 40,000 entries and 20,000 clients, more than one thread takes: each part looks up a range
    // of the log and groups a range of the clients. Every 7th entry is for an unknown client; the
    // dates go back and forth, so that many groups need sorting, and entries of a client share days.
    std::vector<Client> clients;
    for (int i = 0; i < 20000; ++i) clients.push_back(client(fmt::format("C-{:05}", i)));
    std::vector<Entry> log;
    const char* days[] = {"2026-02-01", "2026-01-01", "2026-03-01", "2026-01-01", "2026-02-01"};
    for (int i = 0; i < 40000; ++i) {
        const std::string who = i % 7 == 0 ? fmt::format("X-{}", i % 500) : fmt::format("C-{:05}", (i * 37) % 20000);
        log.push_back(entry(days[(i / 3) % 5], who, fmt::format("{}", i)));
    }
    const Book book = book_of(std::move(clients), std::move(log));
    for (const std::optional<Date> cutoff : {std::optional<Date>(), std::optional(date("2026-02-01"))}) {
        CAPTURE(cutoff.has_value());
        // What grouping must give: each client's entries in file order, then stably by date.
        std::map<std::string_view, std::vector<const Entry*>> expected;
        std::size_t kept = 0;
        for (std::size_t i = 0; i < book.log.size(); ++i) {
            const Entry& e = book.log[i];
            if (i % 7 == 0 || (cutoff && e.date > *cutoff)) continue;
            expected[e.client].push_back(&e);
            ++kept;
        }
        for (auto& [id, entries] : expected) {
            std::stable_sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* b) { return a->date < b->date; });
        }
        const LogIndex index(book, cutoff);
        std::size_t total = 0;
        for (const Client& c : book.clients) {
            CAPTURE(std::string(c.id));
            total += index.of(c).size();
            const auto it = expected.find(c.id);
            REQUIRE(notes(index.of(c)) == (it == expected.end() ? "" : notes(it->second)));
        }
        CHECK(total == kept);
        CHECK(kept > (cutoff ? 20000 : 34000));
    }
    const LogIndex index(book);
    for (std::size_t i = 0; i < book.log.size(); ++i) {
        const Client* c = index.clients().client(i);
        REQUIRE((c ? c->id : "") == (i % 7 == 0 ? "" : book.log[i].client));
    }
}
