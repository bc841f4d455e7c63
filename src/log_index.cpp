#include "winback/log_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>
#include <thread>

namespace winback {

ClientPlaces::ClientPlaces(std::span<const Client> clients) : m_clients(clients) {
    m_mask = std::bit_ceil(clients.size() * 2 + 1) - 1;
    m_slots.resize(m_mask + 1);
    for (std::uint32_t p = 0; p < clients.size(); ++p) {
        const std::string_view id = clients[p].id;
        std::size_t h = slot_of(id);
        while (m_slots[h].place != none && !holds(m_slots[h], id)) h = (h + 1) & m_mask;
        Slot& slot = m_slots[h];
        if (slot.place == none) {
            slot.place = p;
            slot.size = id.size() <= inline_size ? static_cast<std::uint8_t>(id.size()) : long_id;
            if (id.size() <= inline_size) std::copy(id.begin(), id.end(), slot.id.begin());
            continue;
        }
        if (m_first.empty()) {  // the first repeated id: until now every client was the first
            m_first.resize(clients.size());
            for (std::uint32_t q = 0; q < clients.size(); ++q) m_first[q] = q;
        }
        m_first[p] = slot.place;
    }
}

std::uint32_t ClientPlaces::find(std::string_view id) const {
    for (std::size_t h = slot_of(id);; h = (h + 1) & m_mask) {
        if (m_slots[h].place == none || holds(m_slots[h], id)) return m_slots[h].place;
    }
}

std::uint32_t ClientPlaces::first_with_id(std::uint32_t place) const {
    return m_first.empty() ? place : m_first[place];
}

bool ClientPlaces::holds(const Slot& slot, std::string_view id) const {
    if (id.size() <= inline_size) return slot.size == id.size() && std::equal(id.begin(), id.end(), slot.id.begin());
    return slot.size == long_id && detail::same_text(m_clients[slot.place].id, id);
}

std::size_t ClientPlaces::slot_of(std::string_view id) const {
    return detail::id_hash(id) & m_mask;
}

std::shared_ptr<const ClientPlaces> Book::client_places() const {
    if (!client_places_cache || !client_places_cache->describes(clients)) {
        client_places_cache = std::make_shared<const ClientPlaces>(clients);
    }
    return client_places_cache;
}

const Client* Book::find_client(std::string_view id) const {
    const std::uint32_t place = client_places()->find(id);
    return place == ClientPlaces::none ? nullptr : &clients[place];
}

LogClients::LogClients(const Book& book)
    : m_clients(book.clients), m_log(book.log), m_places(book.client_places()), m_place(book.log.size()) {
    // Each lookup waits on memory: a long log is looked up in parts, one thread each.
    const std::size_t n = book.log.size();
    const std::size_t parts = n < 32768 ? 1 : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
    auto look_up = [&](std::size_t part) {
        for (std::size_t i = n * part / parts; i < n * (part + 1) / parts; ++i) {
            m_place[i] = m_places->find(book.log[i].client);
        }
    };
    std::vector<std::thread> threads;
    for (std::size_t part = 1; part < parts; ++part) threads.emplace_back(look_up, part);
    look_up(0);
    for (std::thread& t : threads) t.join();
}

bool LogClients::describes(const Book& book) const {
    return m_clients.data() == book.clients.data() && m_clients.size() == book.clients.size() &&
           m_log.data() == book.log.data() && m_log.size() == book.log.size();
}

std::shared_ptr<const LogClients> Book::log_clients() const {
    if (!log_clients_cache || !log_clients_cache->describes(*this)) {
        log_clients_cache = std::make_shared<const LogClients>(*this);
    }
    return log_clients_cache;
}

const Client* LogClients::client(std::size_t entry) const {
    const std::uint32_t p = m_place[entry];
    return p == ClientPlaces::none ? nullptr : &m_clients[p];
}

std::uint32_t LogClients::place_of(const Client& client) const {
    const std::span<const Client> clients = m_clients;
    const std::less<const Client*> before;
    if (clients.empty() || before(&client, clients.data()) || !before(&client, clients.data() + clients.size())) {
        return m_places->find(client.id);
    }
    return m_places->first_with_id(static_cast<std::uint32_t>(&client - clients.data()));
}

EntryGroups::EntryGroups(const std::vector<Entry>& log, std::span<const std::uint32_t> place, std::size_t clients) {
    constexpr std::uint32_t none = ClientPlaces::none;
    // Count each client's entries, then place them in file order. The dates go along, so that
    // checking the order reads no entry again.
    m_first.assign(clients + 1, 0);
    for (std::uint32_t p : place) {
        if (p != none) ++m_first[p + 1];
    }
    for (std::size_t p = 1; p < m_first.size(); ++p) m_first[p] += m_first[p - 1];
    m_entries.resize(m_first.back());
    std::vector<Date> dates(m_entries.size());
    std::vector<std::uint32_t> next(m_first.begin(), m_first.end() - 1);
    for (std::size_t i = 0; i < log.size(); ++i) {
        if (place[i] == none) continue;
        const std::uint32_t at = next[place[i]]++;
        m_entries[at] = &log[i];
        dates[at] = log[i].date;
    }
    // A log is mostly written in date order: only the groups that are not need sorting.
    for (std::size_t p = 0; p < clients; ++p) {
        if (std::is_sorted(dates.begin() + m_first[p], dates.begin() + m_first[p + 1])) continue;
        std::stable_sort(m_entries.begin() + m_first[p], m_entries.begin() + m_first[p + 1],
                         [](const Entry* a, const Entry* b) { return a->date < b->date; });
    }
}

std::span<const Entry* const> EntryGroups::of(std::uint32_t place) const {
    if (place == ClientPlaces::none) return {};
    return std::span(m_entries).subspan(m_first[place], m_first[place + 1] - m_first[place]);
}

namespace {

// The places of the entries' clients, none for those dated after the cutoff.
std::vector<std::uint32_t> places_until(const LogClients& clients, std::optional<Date> cutoff) {
    const std::span<const Entry> log = clients.log();
    std::vector<std::uint32_t> place(log.size());
    for (std::size_t i = 0; i < log.size(); ++i) {
        place[i] = cutoff && log[i].date > *cutoff ? ClientPlaces::none : clients.place(i);
    }
    return place;
}

}  // namespace

LogIndex::LogIndex(const Book& book, std::optional<Date> cutoff)
    : m_clients(book.log_clients()), m_groups(book.log, places_until(*m_clients, cutoff), book.clients.size()) {}

std::span<const Entry* const> LogIndex::of(std::string_view client) const {
    return m_groups.of(m_clients->find(client));
}

std::span<const Entry* const> LogIndex::of(const Client& client) const {
    return m_groups.of(m_clients->place_of(client));
}

}  // namespace winback
