// clients.toml straight from the bytes: the same model load_clients_toml builds, or nothing.

#include <algorithm>

#include "fast_ids.hpp"
#include "fast_pieces.hpp"
#include "fast_toml.hpp"
#include "winback/fast_load.hpp"
#include "winback/log_index.hpp"

namespace winback {

namespace {

using detail::FastCursor;

constexpr long long max_revenue = 100'000'000;

enum Key : unsigned {
    k_id, k_name, k_kana, k_status, k_lapse_date, k_reason, k_reason_note, k_care_manager, k_days,
    k_monthly_revenue, k_owner, k_do_not_contact, k_avoid, k_rule, k_switched_to, k_admitted_to, k_hospital,
    k_at_risk, k_unknown
};
constexpr std::string_view client_keys[] = {
    "id", "name", "kana", "status", "lapse_date", "reason", "reason_note", "care_manager", "days",
    "monthly_revenue", "owner", "do_not_contact", "avoid", "rule", "switched_to", "admitted_to", "hospital",
    "at_risk"};
constexpr std::string_view care_manager_keys[] = {"id", "name", "office", "phone"};
constexpr std::string_view contact_keys[] = {"role", "name", "relation", "phone", "address"};

// Where the key was in its table the last time: the next key is most likely the one after, and a
// table's first key the first in its list.
struct KeyHints {
    std::size_t client = 0;
    std::size_t care_manager = 0;
    std::size_t contact = 0;
};

// Reads a key of a table whose keys are `keys`: its position in them, or k_unknown.
bool next_key(FastCursor& c, std::span<const std::string_view> keys, std::size_t& hint, unsigned& key) {
    std::size_t i = 0;
    if (!c.known_key(keys, hint, i)) return false;
    key = i == keys.size() ? k_unknown : static_cast<unsigned>(i);
    return true;
}

// Marks a key as seen in its table; false when it was there already (a TOML error).
bool first_time(std::uint32_t& seen, unsigned key) {
    const std::uint32_t bit = 1u << key;
    if (seen & bit) return false;
    seen |= bit;
    return true;
}

template <class S>
bool required_string(FastCursor& c, S& out) {
    return c.string(out) && !out.empty();
}

template <class E>
bool word(FastCursor& c, E& out) {
    std::string_view text;
    if (!c.string_bytes(text)) return false;
    auto value = parse_word<E>(text);
    if (!value) return false;
    out = *value;
    return true;
}

// An array of strings, each with its place.
template <class Each>
bool string_array(FastCursor& c, Each each) {
    if (!c.expect('[') || !c.skip_space_and_newlines()) return false;
    std::string_view item;
    while (c.peek() != ']') {
        const Where where = c.where();
        if (!c.string_bytes(item) || !each(item, where) || !c.skip_space_and_newlines()) return false;
        if (c.peek() == ',') {
            c.expect(',');
            if (!c.skip_space_and_newlines()) return false;
        } else if (c.peek() != ']') {
            return false;
        }
    }
    c.expect(']');
    return true;
}

bool at_risk(FastCursor& c, Client& client) {
    AtRisk risk;
    risk.where = c.where();
    if (!c.expect('{')) return false;
    c.skip_space();
    std::uint32_t seen = 0;
    while (c.peek() != '}') {
        std::string_view key;
        if (!c.key(key)) return false;
        if (key == "reason" && first_time(seen, 0)) {
            risk.reason_at = c.where();
            if (!required_string(c, risk.reason)) return false;
        } else if (key == "since" && first_time(seen, 1)) {
            if (!c.date(risk.since, true)) return false;
        } else if (key == "note" && first_time(seen, 2)) {
            if (!c.string(risk.note)) return false;
        } else {
            return false;
        }
        c.skip_space();
        if (c.peek() == ',') {
            c.expect(',');
            c.skip_space();
            if (c.peek() == '}') return false;  // no trailing comma in an inline table
        } else if (c.peek() != '}') {
            return false;
        }
    }
    c.expect('}');
    if (seen != 3 && seen != 7) return false;  // reason and since are required
    client.at_risk = std::move(risk);
    return true;
}

// The fields whose values a clients.toml repeats (reasons, stock notes, care managers, staff,
// providers, hospitals, relations) go through a RecentTexts each; names, ids, phones and
// addresses, which are each client's own, do not.
struct Recent {
    detail::RecentTexts reason, reason_note, care_manager, owner, rule, switched_to, admitted_to, hospital, relation;
};

bool client_value(FastCursor& c, unsigned key, Client& client, TextPool& pool, Recent& recent) {
    switch (key) {
        case k_id: return required_string(c, client.id);
        case k_name: return required_string(c, client.name);
        case k_kana: return c.string(client.kana);
        case k_status: return word(c, client.status);
        case k_lapse_date: {
            Date date;
            if (!c.date(date, true)) return false;
            client.lapse_date = date;
            return true;
        }
        case k_reason: client.reason_at = c.where(); return c.string(client.reason, recent.reason);
        case k_reason_note: return c.string(client.reason_note, recent.reason_note);
        case k_care_manager: client.care_manager_at = c.where(); return c.string(client.care_manager, recent.care_manager);
        case k_days:
            return string_array(c, [&](std::string_view item, Where) {
                auto day = parse_weekday(item);
                if (!day || std::find(client.days.begin(), client.days.end(), *day) != client.days.end()) return false;
                client.days.push_back(*day);
                return true;
            });
        case k_monthly_revenue: {
            long long value = 0;
            if (!c.integer(value) || value < 0 || value > max_revenue) return false;
            client.monthly_revenue = value;
            return true;
        }
        case k_owner: return c.string(client.owner, recent.owner);
        case k_do_not_contact: return c.boolean(client.do_not_contact);
        case k_avoid:
            return string_array(c, [&](std::string_view item, Where where) {
                client.avoid.push_back(pool.keep(item));
                client.avoid_at.push_back(where);
                return true;
            });
        case k_rule: client.rule_at = c.where(); return c.string(client.rule, recent.rule);
        case k_switched_to: return c.string(client.switched_to, recent.switched_to);
        case k_admitted_to: return c.string(client.admitted_to, recent.admitted_to);
        case k_hospital: return c.string(client.hospital, recent.hospital);
        case k_at_risk: return at_risk(c, client);
        default: return false;
    }
}

bool care_manager_value(FastCursor& c, unsigned key, CareManager& cm) {
    switch (key) {
        case 0: return required_string(c, cm.id);
        case 1: return required_string(c, cm.name);
        case 2: return c.string(cm.office);
        case 3: return c.string(cm.phone);
        default: return false;
    }
}

bool contact_value(FastCursor& c, unsigned key, Contact& contact, Recent& recent) {
    switch (key) {
        case 0: return word(c, contact.role);
        case 1: return c.string(contact.name);
        case 2: return c.string(contact.relation, recent.relation);
        case 3: return c.string(contact.phone);
        case 4: return c.string(contact.address);
        default: return false;
    }
}

enum class Table { root, care_manager, client, contact };

// What load_client_toml would report about a finished table; false if anything.
bool complete(Table table, std::uint32_t seen) {
    const auto has = [&](unsigned key) { return (seen & (1u << key)) != 0; };
    switch (table) {
        case Table::root: return true;
        case Table::care_manager: return has(0) && has(1);
        case Table::contact: return has(0);
        case Table::client: return has(k_id) && has(k_name) && has(k_status);
    }
    return false;
}

bool complete_client(const Client& c) {
    if (c.status == Status::lapsed && (!c.lapse_date || c.reason.empty())) return false;
    return !c.at_risk || c.status == Status::active;  // else a warning
}

// One piece of the file: its [[client]] tables go to clients[0 ..), which has exactly as many
// places as the piece has [[client]] lines.
struct Piece {
    std::string_view text;
    std::span<Client> clients;
    std::vector<CareManager> care_managers;
    TextPool pool;  // the bytes of the clients' Texts
    Recent recent;
    int lines = 0;
};

bool read_piece(Piece& piece, detail::PagesBehind& behind) {
    FastCursor c(piece.text, 1, &piece.pool);
    Table table = Table::root;
    std::uint32_t seen = 0;
    std::size_t next_client = 0;
    Client* client = nullptr;
    KeyHints hints;
    while (true) {
        if (!c.skip_blank_lines()) return false;
        if (c.at_end()) break;
        if (c.peek() == '[') {
            behind.passed(c.pos());
            if (!complete(table, seen) || (table == Table::client && !complete_client(*client))) return false;
            const Where where = c.where();
            const bool at_start = c.at_line_start();
            std::string_view name;
            if (c.exact_line("[[client]]\n")) {
                name = "client";
            } else if (c.exact_line("[[client.contact]]\n")) {
                name = "client.contact";
            } else if (!c.header(name) || !c.end_of_line()) {
                return false;
            }
            seen = 0;
            if (name == "client") {
                if (!at_start || next_client == piece.clients.size()) return false;
                client = &piece.clients[next_client++];
                client->where = client->reason_at = client->care_manager_at = client->rule_at = where;
                table = Table::client;
                hints.client = std::size(client_keys) - 1;  // the first key is tried first
            } else if (name == "care_manager") {
                piece.care_managers.emplace_back().where = where;
                table = Table::care_manager;
                hints.care_manager = std::size(care_manager_keys) - 1;
            } else if (name == "client.contact" && client) {
                client->contacts.emplace_back();
                table = Table::contact;
                hints.contact = std::size(contact_keys) - 1;
            } else {
                return false;
            }
            continue;
        }
        bool ok = false;
        unsigned key = k_unknown;
        switch (table) {
            case Table::root: return false;
            case Table::client:
                ok = next_key(c, client_keys, hints.client, key) && first_time(seen, key) &&
                     client_value(c, key, *client, piece.pool, piece.recent);
                break;
            case Table::care_manager:
                ok = next_key(c, care_manager_keys, hints.care_manager, key) && key != k_unknown &&
                     first_time(seen, key) && care_manager_value(c, key, piece.care_managers.back());
                break;
            case Table::contact:
                ok = next_key(c, contact_keys, hints.contact, key) && key != k_unknown && first_time(seen, key) &&
                     contact_value(c, key, client->contacts.back(), piece.recent);
                break;
        }
        if (!ok || !c.end_of_line()) return false;
    }
    if (!complete(table, seen) || (table == Table::client && !complete_client(*client))) return false;
    piece.lines = c.line() - 1;
    return next_client == piece.clients.size();
}

void shift(Where& where, int lines) {
    if (where.line > 0) where.line += lines;
}

void shift_lines(Piece& piece, int lines) {
    for (CareManager& cm : piece.care_managers) shift(cm.where, lines);
    for (Client& c : piece.clients) {
        for (Where* w : {&c.where, &c.reason_at, &c.care_manager_at, &c.rule_at}) shift(*w, lines);
        for (Where& w : c.avoid_at) shift(w, lines);
        if (c.at_risk) {
            shift(c.at_risk->where, lines);
            shift(c.at_risk->reason_at, lines);
        }
    }
}

}  // namespace

std::optional<ClientsFile> fast_load_clients(std::string_view text, ReleasePages release) {
    ClientsFile out;
    out.parsed = true;
    std::vector<Piece> pieces;
    if (!detail::read_in_pieces(text, "[[client]]", pieces, out.clients, &Piece::clients, release, read_piece)) return std::nullopt;
    int lines = 0;
    for (Piece& piece : pieces) {
        if (lines > 0) shift_lines(piece, lines);
        lines += piece.lines;
        for (CareManager& cm : piece.care_managers) out.care_managers.push_back(std::move(cm));
        out.text.adopt(piece.pool);
    }
    if (!detail::unique_ids(out.care_managers, &CareManager::id)) return std::nullopt;
    // The index of the clients finds a repeated id, and the book keeps it for its lookups.
    out.client_places = std::make_shared<const ClientPlaces>(out.clients);
    if (!out.client_places->unique()) return std::nullopt;
    return out;
}

}  // namespace winback
