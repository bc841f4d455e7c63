#include "winback/log_index.hpp"

#include <algorithm>
#include <bit>
#include <functional>

#include "pages.hpp"
#include "parallel.hpp"

namespace winback {

ClientPlaces::ClientPlaces(std::span<const Client> clients) : m_clients(clients) {
    m_mask = std::bit_ceil(clients.size() * 2 + 1) - 1;
    const std::size_t parts = detail::parts_for(clients.size());
    // Fresh memory is faulted in from every core first (populate_in_parallel).
    const auto sized = [parts](std::vector<Slot>& slots, std::size_t n) {
        slots.reserve(n);
        detail::populate_in_parallel(slots.data(), n * sizeof(Slot), parts);
        slots.resize(n);
    };
    sized(m_slots, m_mask + 1);
    // Each client's slot as it will be and its id's first slot, made in parts of the clients:
    // reading an id misses the cache, and after this no id is read again but the long ones.
    std::vector<Slot> staged;
    sized(staged, clients.size());
    std::vector<std::uint32_t> home(clients.size());
    detail::run_parallel(parts, [&](std::size_t k) {
        const auto [begin, end] = detail::part_of(clients.size(), k, parts);
        for (std::size_t p = begin; p < end; ++p) {
            const std::string_view id = clients[p].id;
            Slot& slot = staged[p];
            slot.place = static_cast<std::uint32_t>(p);
            slot.size = id.size() <= inline_size ? static_cast<std::uint8_t>(id.size()) : long_id;
            if (id.size() <= inline_size) std::copy(id.begin(), id.end(), slot.id.begin());
            home[p] = static_cast<std::uint32_t>(slot_of(id));
        }
    });
    // Then each part fills a range of the slots with the ids whose first slot is in it, in the
    // clients' order. An id whose probe would run past the range waits for the end, when the ids
    // left over go in one after the other: a probe finds them after the full slots before them,
    // as if they had all gone in one by one. The copies of an id start at one slot, so they are
    // in one part, or all left over, in their order: the first client still wins.
    struct Repeat {
        std::uint32_t place, first;
    };
    std::vector<std::vector<std::uint32_t>> left(parts);
    std::vector<std::vector<Repeat>> repeats(parts);
    // Whether a slot holds the id of the staged slot: the bytes after a short id are zeros in both.
    const auto same_id = [this](const Slot& slot, const Slot& mine) {
        if (slot.size != mine.size) return false;
        if (mine.size != long_id) return slot.id == mine.id;
        return detail::same_text(m_clients[slot.place].id, m_clients[mine.place].id);
    };
    // Puts the client at `p` from its first slot on, probing up to the slot `stop`; false when
    // it got there. With no such slot (m_slots.size()) the probe may wrap around.
    const auto put = [&](std::uint32_t p, std::size_t stop, std::vector<Repeat>& repeated) {
        const Slot& mine = staged[p];
        std::size_t h = home[p];
        while (m_slots[h].place != none && !same_id(m_slots[h], mine)) {
            h = (h + 1) & m_mask;
            if (h == stop) return false;
        }
        if (m_slots[h].place != none) {
            repeated.push_back({p, m_slots[h].place});
        } else {
            m_slots[h] = mine;
        }
        return true;
    };
    detail::run_parallel(parts, [&](std::size_t k) {
        const detail::PartRange owned = detail::part_of(m_slots.size(), k, parts);
        // The last part stops where the slots wrap around to the first part's; one part never stops.
        const std::size_t stop = parts == 1 ? m_slots.size() : owned.end & m_mask;
        for (std::uint32_t p = 0; p < clients.size(); ++p) {
            if (home[p] - owned.begin >= owned.end - owned.begin) continue;
            if (!put(p, stop, repeats[k])) left[k].push_back(p);
        }
    });
    std::vector<Repeat> repeated;
    for (std::size_t k = 0; k < parts; ++k) {
        repeated.insert(repeated.end(), repeats[k].begin(), repeats[k].end());
        for (std::uint32_t p : left[k]) put(p, m_slots.size(), repeated);
    }
    if (!repeated.empty()) {
        m_first.resize(clients.size());
        for (std::uint32_t q = 0; q < clients.size(); ++q) m_first[q] = q;
        for (const Repeat& r : repeated) m_first[r.place] = r.first;
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
    const std::size_t parts = detail::parts_for(n);
    detail::run_parallel(parts, [&](std::size_t k) {
        const auto [begin, end] = detail::part_of(n, k, parts);
        for (std::size_t i = begin; i < end; ++i) m_place[i] = m_places->find(book.log[i].client);
    });
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

namespace {

constexpr std::size_t groups_apart_from = 16384;  // clients, for EntryGroups in parts

}  // namespace

EntryGroups::EntryGroups(const std::vector<Entry>& log, std::span<const std::uint32_t> place, std::size_t clients,
                         std::span<const Date> log_dates) {
    constexpr std::uint32_t none = ClientPlaces::none;
    const auto date_of = [&](std::size_t i) { return log_dates.empty() ? log[i].date : log_dates[i]; };
    // Count each client's entries, then place them in file order. The dates go along, so that
    // checking the order reads no entry again. A long log of many clients is grouped by parts,
    // each owning a range of the clients and going through all of `place` for their entries: the
    // reads of `place` are in order, the writes, which miss the cache, are split between the
    // parts. With few clients the writes stay in the cache, and one part does it all.
    const std::size_t parts = clients < groups_apart_from ? 1 : detail::parts_for(place.size());
    const auto in_part = [](std::uint32_t p, detail::PartRange owned) { return p - owned.begin < owned.end - owned.begin; };
    m_first.assign(clients + 1, 0);
    detail::run_parallel(parts, [&](std::size_t k) {
        const detail::PartRange owned = detail::part_of(clients, k, parts);
        for (std::uint32_t p : place) {
            if (p != none && in_part(p, owned)) ++m_first[p + 1];
        }
    });
    for (std::size_t p = 1; p < m_first.size(); ++p) m_first[p] += m_first[p - 1];
    const std::size_t total = m_first.back();
    m_entries.reserve(total);
    std::vector<Date> dates;
    dates.reserve(total);
    detail::populate_in_parallel(m_entries.data(), total * sizeof(const Entry*), parts);
    detail::populate_in_parallel(dates.data(), total * sizeof(Date), parts);
    m_entries.resize(total);
    dates.resize(total);
    std::vector<std::uint32_t> next(clients);
    detail::run_parallel(parts, [&](std::size_t k) {
        const detail::PartRange owned = detail::part_of(clients, k, parts);
        std::copy(m_first.begin() + static_cast<std::ptrdiff_t>(owned.begin),
                  m_first.begin() + static_cast<std::ptrdiff_t>(owned.end),
                  next.begin() + static_cast<std::ptrdiff_t>(owned.begin));
        for (std::size_t i = 0; i < place.size(); ++i) {
            const std::uint32_t p = place[i];
            if (p == none || !in_part(p, owned)) continue;
            const std::uint32_t at = next[p]++;
            m_entries[at] = &log[i];
            dates[at] = date_of(i);
        }
        // A log is mostly written in date order: only the groups that are not need sorting.
        for (std::size_t c = owned.begin; c < owned.end; ++c) {
            const auto first = static_cast<std::ptrdiff_t>(m_first[c]), last = static_cast<std::ptrdiff_t>(m_first[c + 1]);
            if (std::is_sorted(dates.begin() + first, dates.begin() + last)) continue;
            std::stable_sort(m_entries.begin() + first, m_entries.begin() + last,
                             [](const Entry* a, const Entry* b) { return a->date < b->date; });
        }
    });
}

EntryGroups::EntryGroups(const std::vector<Entry>& log, std::span<const Pick> picks, std::size_t clients) {
    m_first.assign(clients + 1, 0);
    for (const Pick& pick : picks) ++m_first[pick.place + 1];
    for (std::size_t p = 1; p < m_first.size(); ++p) m_first[p] += m_first[p - 1];
    m_entries.resize(picks.size());
    std::vector<std::uint32_t> next(m_first.begin(), m_first.end() - 1);
    for (const Pick& pick : picks) m_entries[next[pick.place]++] = &log[pick.entry];
    // Each group's order is checked once, at its first entry, before it can have been sorted.
    const auto by_date = [](const Entry* a, const Entry* b) { return a->date < b->date; };
    for (const Pick& pick : picks) {
        const auto first = m_entries.begin() + static_cast<std::ptrdiff_t>(m_first[pick.place]);
        const auto last = m_entries.begin() + static_cast<std::ptrdiff_t>(m_first[pick.place + 1]);
        if (last - first < 2 || *first != &log[pick.entry] || std::is_sorted(first, last, by_date)) continue;
        std::stable_sort(first, last, by_date);
    }
}

std::span<const Entry* const> EntryGroups::of(std::uint32_t place) const {
    if (place == ClientPlaces::none) return {};
    return std::span(m_entries).subspan(m_first[place], m_first[place + 1] - m_first[place]);
}

namespace {

// The log's entries grouped by client, but for those dated after the cutoff.
EntryGroups groups_until(const Book& book, const LogClients& clients, std::optional<Date> cutoff) {
    const std::span<const Entry> log = clients.log();
    // The dates are read from the entries once, in parts, and kept in order for the grouping.
    std::vector<std::uint32_t> place(log.size());
    std::vector<Date> dates(log.size());
    const std::size_t parts = detail::parts_for(log.size());
    detail::run_parallel(parts, [&](std::size_t k) {
        const auto [begin, end] = detail::part_of(log.size(), k, parts);
        for (std::size_t i = begin; i < end; ++i) {
            dates[i] = log[i].date;
            place[i] = cutoff && dates[i] > *cutoff ? ClientPlaces::none : clients.place(i);
        }
    });
    return EntryGroups(book.log, place, book.clients.size(), dates);
}

}  // namespace

LogIndex::LogIndex(const Book& book, std::optional<Date> cutoff)
    : m_clients(book.log_clients()), m_groups(groups_until(book, *m_clients, cutoff)) {}

std::span<const Entry* const> LogIndex::of(std::string_view client) const {
    return m_groups.of(m_clients->find(client));
}

std::span<const Entry* const> LogIndex::of(const Client& client) const {
    return m_groups.of(m_clients->place_of(client));
}

}  // namespace winback
