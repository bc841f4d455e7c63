#pragma once
// Each client's log entries, found without scanning the log once per client.

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/model.hpp"

namespace winback {

// The places of a book's clients by id. A lookup reads one slot of a table that holds short
// ids itself, rather than a client (a book of 100,000 clients spans some 60 MB, so reading a
// client the log names is a cache miss). With a repeated id the first client wins. The book's
// (Book::client_places) is behind Book::find_client and LogClients. Refers to the clients, which
// must outlive it unchanged.
class ClientPlaces {
public:
    static constexpr std::uint32_t none = UINT32_MAX;

    explicit ClientPlaces(std::span<const Client> clients);
    // Whether no two of the clients have the same id.
    bool unique() const { return m_first.empty(); }
    // Whether it was made from these clients, as they are now.
    bool describes(std::span<const Client> clients) const {
        return m_clients.data() == clients.data() && m_clients.size() == clients.size();
    }
    // The place in `clients` of the first client with this id, or none.
    std::uint32_t find(std::string_view id) const;
    // The place of the first client with the id of the client at `place`: itself but for a
    // repeated id.
    std::uint32_t first_with_id(std::uint32_t place) const;

private:
    // Ids this long or shorter (most: "C-0001", "K-2024-0153") are kept in the slot; a longer one
    // is compared with its client's. Sixteen bytes a slot: four to a cache line, and 32 MB for a
    // million clients.
    static constexpr std::size_t inline_size = 11;
    static constexpr std::uint8_t long_id = inline_size + 1;  // Slot::size of a longer id
    struct Slot {
        std::uint32_t place = none;
        std::uint8_t size = 0;  // of the id, or long_id
        std::array<char, inline_size> id{};
    };
    static_assert(sizeof(Slot) == 16);

    bool holds(const Slot& slot, std::string_view id) const;
    std::size_t slot_of(std::string_view id) const;

    std::span<const Client> m_clients;
    std::vector<Slot> m_slots;           // open addressing, linear probing
    std::size_t m_mask = 0;
    std::vector<std::uint32_t> m_first;  // per place, first_with_id; empty when no id repeats
};

// Which client each entry of a book's log is about, looked up once by id. Refers to the book's
// clients and log (not to the book, which may move), which must outlive it unchanged. One is
// kept by the book (Book::log_clients) and shared by the checks and the plan.
class LogClients {
public:
    explicit LogClients(const Book& book);
    explicit LogClients(const Book&& book) = delete;  // it refers to the book's clients and log

    // The log it was made from.
    std::span<const Entry> log() const { return m_log; }
    // Whether it was made from these clients and this log, as they are now.
    bool describes(const Book& book) const;
    // The place in book.clients of the client of book.log[entry] (the first one with its id), or
    // ClientPlaces::none when the book has no such client.
    std::uint32_t place(std::size_t entry) const { return m_place.at(entry); }
    // The same client; null for none.
    const Client* client(std::size_t entry) const;
    // The place that stands for one of the book's clients in place(): its own, or for a repeated
    // id the first client's with it. For a copy of a client, found by its id.
    std::uint32_t place_of(const Client& client) const;
    // The place of the first client with this id, or ClientPlaces::none.
    std::uint32_t find(std::string_view id) const { return m_places->find(id); }

private:
    std::span<const Client> m_clients;
    std::span<const Entry> m_log;
    std::shared_ptr<const ClientPlaces> m_places;  // the book's
    std::vector<std::uint32_t> m_place;  // per entry of the log
};

// Some of a log's entries grouped by client, each group in date order (file order within a
// day), in one array: built with a counting sort, so that no client scans the whole log.
class EntryGroups {
public:
    // place[i]: the place of log[i]'s client in a book of `clients` clients, or ClientPlaces::none
    // to leave the entry out. log_dates, when not empty, holds log[i].date for every i: a
    // caller that has read them into an array of their own spares the grouping a read of every
    // entry.
    EntryGroups(const std::vector<Entry>& log, std::span<const std::uint32_t> place, std::size_t clients,
                std::span<const Date> log_dates = {});
    // Only the picked entries, given in the order of the log, each with the place of its client
    // (one of the book's `clients`): for a few entries of a long log, without a pass over all.
    struct Pick {
        std::uint32_t entry = 0;  // in the log
        std::uint32_t place = 0;
    };
    EntryGroups(const std::vector<Entry>& log, std::span<const Pick> picks, std::size_t clients);

    // The entries of the client at `place`; none for ClientPlaces::none.
    std::span<const Entry* const> of(std::uint32_t place) const;

private:
    std::vector<const Entry*> m_entries;  // grouped by client, each group in date order
    std::vector<std::uint32_t> m_first;   // client p's group: m_entries[m_first[p], m_first[p + 1])
};

// Each client's log entries in date order (file order within a day), built once per run. With a
// cutoff, entries dated after it are left out: a plan as of a day knows only what was logged by
// then. An entry whose client the book does not have belongs to nobody. Refers to the book, which
// must outlive it and keep its clients and log as they are.
class LogIndex {
public:
    explicit LogIndex(const Book& book, std::optional<Date> cutoff = std::nullopt);
    explicit LogIndex(const Book&& book, std::optional<Date> cutoff = std::nullopt) = delete;  // see LogClients

    // The entries of the client with this id (none for an id the book does not have).
    std::span<const Entry* const> of(std::string_view client) const;
    // The same for a client of the book, found by its place rather than its id.
    std::span<const Entry* const> of(const Client& client) const;
    // Which client each entry is about, whatever its date.
    const LogClients& clients() const { return *m_clients; }

private:
    std::shared_ptr<const LogClients> m_clients;  // the book's
    EntryGroups m_groups;
};

}  // namespace winback
