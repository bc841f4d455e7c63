#pragma once
// Plain value types of a book: what the files say, after loading and validation.

#include <array>
#include <bit>
#include <cstdint>
#include <functional>
#include <memory>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/duration.hpp"
#include "winback/id_hash.hpp"
#include "winback/text_pool.hpp"

namespace winback {

enum class Status { active, lapsed, returned, closed };
enum class Role { family, hospital, facility, client };
// Whom a step addresses.
enum class Recipient { client, family, care_manager, hospital, facility, staff };
// How a step reaches them.
enum class Channel { call, letter, visit, email, meeting, task };
enum class Phase { lapsed, at_risk };
enum class Shift { next, previous, none };

struct CareManager {
    std::string id;
    std::string name;
    std::string office;
    std::string phone;
    Where where;
};

struct Contact {
    Role role = Role::family;
    Text name;
    Text relation;
    Text phone;
    Text address;
};

struct AtRisk {
    Text reason;
    Date since;
    Text note;
    Where where;
    Where reason_at;
};

// The weekdays a client attends, each once, in file order: 0 = Monday ... 6 = Sunday. Kept in
// the client (8 bytes) rather than in a heap block of its own.
class Weekdays {
public:
    Weekdays() = default;
    Weekdays(std::initializer_list<unsigned> days) {
        for (unsigned day : days) push_back(day);
    }

    const std::uint8_t* begin() const { return m_days.data(); }
    const std::uint8_t* end() const { return m_days.data() + m_size; }
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    // A day past the seventh is dropped: the loaders never give one, since a day is listed once.
    void push_back(unsigned day) {
        if (m_size < m_days.size()) m_days[m_size++] = static_cast<std::uint8_t>(day);
    }
    friend bool operator==(const Weekdays&, const Weekdays&) = default;

private:
    std::array<std::uint8_t, 7> m_days{};  // past m_size: zero
    std::uint8_t m_size = 0;
};

// An optional value kept in a heap block of its own, for a field that most records leave unset:
// it then costs a pointer, not its whole size. Used like std::optional; copies copy the value.
template <class T>
class OutOfLine {
public:
    OutOfLine() = default;
    OutOfLine(T value) : m_value(std::make_unique<T>(std::move(value))) {}
    OutOfLine(std::optional<T> value) {
        if (value) m_value = std::make_unique<T>(std::move(*value));
    }
    OutOfLine(const OutOfLine& other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr) {}
    OutOfLine(OutOfLine&&) noexcept = default;
    OutOfLine& operator=(OutOfLine other) noexcept {
        m_value.swap(other.m_value);
        return *this;
    }
    ~OutOfLine() = default;

    bool has_value() const { return m_value != nullptr; }
    explicit operator bool() const { return has_value(); }
    T& operator*() { return *m_value; }
    const T& operator*() const { return *m_value; }
    T* operator->() { return m_value.get(); }
    const T* operator->() const { return m_value.get(); }

private:
    std::unique_ptr<T> m_value;
};

struct Client {
    Text id;
    Text name;
    Text kana;
    Status status = Status::active;
    std::optional<Date> lapse_date;
    Text reason;
    Text reason_note;
    Text care_manager;
    Weekdays days;
    std::optional<long long> monthly_revenue;
    Text owner;
    bool do_not_contact = false;
    std::vector<Text> avoid;
    Text rule;
    Text switched_to;
    Text admitted_to;
    Text hospital;
    OutOfLine<AtRisk> at_risk;  // set for a few active clients only
    std::vector<Contact> contacts;

    // Where the client and the fields that refer to other things are, for cross-file checks.
    Where where;
    Where reason_at;
    Where care_manager_at;
    Where rule_at;
    std::vector<Where> avoid_at;
};

struct Step {
    std::string id;
    std::optional<Duration> at;     // one-off
    std::optional<Duration> every;  // recurring
    std::optional<Duration> from;
    std::optional<Duration> until;
    std::optional<Duration> expire;
    std::optional<long> times;
    std::string after = "lapse";
    Phase phase = Phase::lapsed;
    Recipient to = Recipient::client;
    Channel via = Channel::call;
    std::string task;
    Where where;
};

struct Playbook {
    std::string reason;
    std::string title;
    double return_rate = 0.0;
    std::optional<Duration> stop_after;
    bool hold_slot = false;
    std::vector<Step> steps;
    std::string origin;  // "built-in" or the path of the user's playbooks.toml
    Where where;
};

// A closed date or range of facility.toml (a single date is a range of one day). The `{}`
// initialisers keep `{from, to}` free of -Wmissing-field-initializers.
struct DateRange {
    Date from;
    Date to;              // inclusive
    std::string label{};  // the range's optional `name`, shown by `winback calendar`
    Where where{};        // the date or the { from, to } table, for `check`
};

struct Calendar {
    std::array<bool, 7> closed_weekday{};  // 0 = Monday
    std::vector<DateRange> closed;         // single dates are ranges of one day
    bool jp_holidays = false;
};

struct Rule {
    std::string id;
    std::string title;
    std::optional<Date> changed;
    std::optional<Date> reverted;
    Where where;
};

struct Facility {
    std::string name;
    Calendar calendar;
    std::optional<Calendar> care_manager_office;  // absent: care managers follow the facility
    Shift shift = Shift::next;
    std::optional<long long> capacity;
    std::optional<long long> max_actions_per_day;
    std::optional<Duration> min_gap;
    std::vector<Rule> rules;
};

// One [[entry]] of log.toml: something that was done or happened.
struct Entry {
    Date date;
    Text client;
    Text step;     // empty: a touch not tied to a step
    Text outcome;  // a known outcome or an event name used by some step's `after`
    Text by;
    Text note;
    Text reason;   // set: the client follows this reason's playbook from `date`
    Where where;
    Where client_at;
    Where step_at;
    Where outcome_at;
    Where reason_at;
};

// The outcomes winback knows; any other outcome must be an event that some step waits for.
inline constexpr std::string_view known_outcomes[] = {"reached",  "no_answer", "left_message",
                                                      "sent",     "visited",   "declined",
                                                      "returned", "discharged", "deceased"};
// Outcomes that stop everything for the client from their date.
bool is_stop_outcome(std::string_view outcome);

// The files of a book, by path as shown in messages.
struct BookPaths {
    std::string clients;
    std::string playbooks;
    std::string facility;
    std::string log;
};

// Positions of the items of a vector by their id, for the find_* of a Book: built on first use
// and again whenever the vector has moved or changed size, so a lookup is O(1) on any book.
// Short vectors are scanned. With a repeated id the first item wins, as with a scan.
template <class T, auto Field>
class IdIndex {
public:
    const T* find(const std::vector<T>& items, std::string_view key) const {
        if (items.size() <= 16) {
            for (const T& item : items) {
                if (item.*Field == key) return &item;
            }
            return nullptr;
        }
        if (items.data() != m_data || items.size() != m_size) build(items);
        for (std::size_t h = slot_of(key);; h = (h + 1) & m_mask) {
            if (m_slots[h] == empty) return nullptr;
            if (detail::same_text(items[m_slots[h]].*Field, key)) return &items[m_slots[h]];
        }
    }

private:
    static constexpr std::uint32_t empty = UINT32_MAX;

    std::size_t slot_of(std::string_view key) const { return detail::id_hash(key) & m_mask; }

    void build(const std::vector<T>& items) const {
        m_mask = std::bit_ceil(items.size() * 2) - 1;
        m_slots.assign(m_mask + 1, empty);
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string_view key = items[i].*Field;
            std::size_t h = slot_of(key);
            while (m_slots[h] != empty && !detail::same_text(items[m_slots[h]].*Field, key)) h = (h + 1) & m_mask;
            if (m_slots[h] == empty) m_slots[h] = static_cast<std::uint32_t>(i);
        }
        m_data = items.data();
        m_size = items.size();
    }

    mutable std::vector<std::uint32_t> m_slots;
    mutable std::size_t m_mask = 0;
    mutable const T* m_data = nullptr;
    mutable std::size_t m_size = 0;
};

class ClientPlaces;  // log_index.hpp
class LogClients;    // log_index.hpp

struct Book {
    BookPaths paths;
    std::vector<CareManager> care_managers;
    std::vector<Client> clients;
    std::vector<Playbook> playbooks;  // effective: built-in ones replaced or extended by the book's
    Facility facility;
    std::vector<Entry> log;  // in file order
    // The bytes of the Texts of clients, contacts and entries.
    TextPool text;

    const Client* find_client(std::string_view id) const;
    const CareManager* find_care_manager(std::string_view id) const;
    const Playbook* find_playbook(std::string_view reason) const;
    const Rule* find_rule(std::string_view id) const;

    // The places of the clients by id (log_index.hpp), behind find_client and shared with
    // log_clients: built on first use and again when the clients have moved or changed size;
    // not safe to build from two threads.
    std::shared_ptr<const ClientPlaces> client_places() const;
    // Which client each log entry is about (log_index.hpp), built on first use and again when
    // the clients or the log have moved or changed size; not safe to build from two threads.
    std::shared_ptr<const LogClients> log_clients() const;
    // Lets go of it, which frees it once no LogIndex made from the book holds it: for a caller
    // that is done with the log and needs the memory, like `plan` before it writes.
    void drop_log_clients() const { log_clients_cache.reset(); }

    // Behind the find_*, client_places and log_clients above.
    mutable std::shared_ptr<const ClientPlaces> client_places_cache;
    mutable std::shared_ptr<const LogClients> log_clients_cache;
    IdIndex<CareManager, &CareManager::id> care_manager_index;
    IdIndex<Playbook, &Playbook::reason> playbook_index;
    IdIndex<Rule, &Rule::id> rule_index;
};

// The words used in the files for each enumeration, in the order of its values: one table
// serves parsing, output and "did you mean" suggestions.
template <class E>
std::span<const std::string_view> words();

template <class E>
std::string_view to_string(E value) {
    return words<E>()[static_cast<std::size_t>(value)];
}

template <class E>
std::optional<E> parse_word(std::string_view word) {
    const auto all = words<E>();
    for (std::size_t i = 0; i < all.size(); ++i) {
        if (all[i] == word) return static_cast<E>(i);
    }
    return std::nullopt;
}

}  // namespace winback
