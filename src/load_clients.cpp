// clients.toml: [[care_manager]] and [[client]] tables.

#include <algorithm>

#include <fmt/format.h>

#include "fields.hpp"
#include "winback/fast_load.hpp"
#include "winback/load.hpp"

namespace winback {

using detail::Fields;
using detail::Need;
using detail::where_of;

namespace {

constexpr std::string_view top_keys[] = {"care_manager", "client"};
constexpr std::string_view care_manager_keys[] = {"id", "name", "office", "phone"};
constexpr std::string_view client_keys[] = {
    "id",    "name",         "kana",     "status",  "lapse_date",  "reason",      "reason_note", "care_manager",
    "days",  "monthly_revenue", "owner", "do_not_contact", "avoid", "rule", "switched_to", "admitted_to",
    "hospital", "at_risk",   "contact"};
constexpr std::string_view contact_keys[] = {"role", "name", "relation", "phone", "address"};
constexpr std::string_view at_risk_keys[] = {"reason", "since", "note"};

constexpr long long max_revenue = 100'000'000;

// A string field kept in the file's pool ("" when absent).
Text kept(TextPool& pool, const std::optional<std::string>& value) {
    return value ? pool.keep(*value) : Text{};
}

std::string get(std::optional<std::string> value) {
    return value ? std::move(*value) : std::string();
}

CareManager load_care_manager(const toml::table& table, std::size_t index, std::string_view path,
                              Diagnostics& diagnostics) {
    Fields f(table, path, diagnostics, detail::name_of(table, "id", "care manager", index), care_manager_keys);
    CareManager cm;
    cm.where = f.where();
    cm.id = get(f.string("id", Need::required));
    if (!cm.id.empty()) f.set_context(fmt::format("care manager \"{}\"", cm.id));
    cm.name = get(f.string("name", Need::required));
    cm.office = get(f.string("office"));
    cm.phone = get(f.string("phone"));
    return cm;
}

std::vector<Contact> load_contacts(Fields& client, const toml::table& table, std::string_view path,
                                   Diagnostics& diagnostics, TextPool& pool) {
    std::vector<Contact> out;
    const toml::node* node = table.get("contact");
    if (!node) return out;
    if (!node->as_array()) {
        client.wrong_type("contact", *node, "an array of tables ([[client.contact]])");
        return out;
    }
    std::size_t index = 0;
    for (const toml::node& item : *node->as_array()) {
        ++index;
        const auto* t = item.as_table();
        if (!t) {
            client.error(where_of(item), fmt::format("\"contact\" must hold tables, not {}", detail::type_name(item)));
            continue;
        }
        Fields f(*t, path, diagnostics, fmt::format("{}, contact #{}", client.context(), index), contact_keys);
        Contact c;
        if (auto role = f.word<Role>("role", Need::required)) c.role = *role;
        c.name = kept(pool, f.string("name"));
        c.relation = kept(pool, f.string("relation"));
        c.phone = kept(pool, f.string("phone"));
        c.address = kept(pool, f.string("address"));
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<AtRisk> load_at_risk(Fields& client, const toml::table& table, std::string_view path,
                                   Diagnostics& diagnostics, TextPool& pool) {
    const toml::node* node = table.get("at_risk");
    if (!node) return std::nullopt;
    const auto* t = node->as_table();
    if (!t) {
        client.wrong_type("at_risk", *node, "a table { reason = ..., since = ... }");
        return std::nullopt;
    }
    Fields f(*t, path, diagnostics, fmt::format("{}, at_risk", client.context()), at_risk_keys);
    AtRisk risk;
    risk.where = where_of(*node);
    risk.reason_at = f.where("reason");
    auto reason = f.string("reason", Need::required);
    auto since = f.date("since", Need::required);
    risk.note = kept(pool, f.string("note"));
    if (!reason || !since) return std::nullopt;
    risk.reason = pool.keep(*reason);
    risk.since = *since;
    return risk;
}

void load_days(Fields& f, const toml::table& table, Client& c) {
    const toml::node* node = table.get("days");
    if (!node) return;
    const auto* array = node->as_array();
    if (!array) {
        f.wrong_type("days", *node, "an array of weekdays such as [\"tue\", \"fri\"]");
        return;
    }
    for (const toml::node& item : *array) {
        auto day = f.weekday(item, "days");
        if (!day) continue;
        if (std::find(c.days.begin(), c.days.end(), *day) != c.days.end()) {
            f.warning(where_of(item), fmt::format("weekday \"{}\" is listed twice in \"days\"", weekday_key(*day)));
            continue;
        }
        c.days.push_back(*day);
    }
}

Client load_client(const toml::table& table, std::size_t index, std::string_view path, Diagnostics& diagnostics, TextPool& pool) {
    Fields f(table, path, diagnostics, detail::name_of(table, "id", "client", index), client_keys);
    Client c;
    c.where = f.where();
    c.id = kept(pool, f.string("id", Need::required));
    if (!c.id.empty()) f.set_context(fmt::format("client \"{}\"", c.id));
    c.name = kept(pool, f.string("name", Need::required));
    c.kana = kept(pool, f.string("kana"));
    if (auto status = f.word<Status>("status", Need::required)) c.status = *status;
    const bool lapsed = f.has("status") && c.status == Status::lapsed;
    c.lapse_date = f.date("lapse_date", lapsed ? Need::required : Need::optional);
    c.reason_at = f.where("reason");
    c.reason = kept(pool, f.string("reason", lapsed ? Need::required : Need::optional));
    c.reason_note = kept(pool, f.string("reason_note"));
    c.care_manager_at = f.where("care_manager");
    c.care_manager = kept(pool, f.string("care_manager"));
    load_days(f, table, c);
    c.monthly_revenue = f.integer("monthly_revenue", 0, max_revenue);
    c.owner = kept(pool, f.string("owner"));
    c.do_not_contact = f.boolean("do_not_contact").value_or(false);
    if (auto avoid = f.strings("avoid")) {
        for (const std::string& name : *avoid) c.avoid.push_back(pool.keep(name));
        if (const auto* array = table.get("avoid")->as_array()) {
            for (const toml::node& item : *array) c.avoid_at.push_back(where_of(item));
        }
    }
    c.rule_at = f.where("rule");
    c.rule = kept(pool, f.string("rule"));
    c.switched_to = kept(pool, f.string("switched_to"));
    c.admitted_to = kept(pool, f.string("admitted_to"));
    c.hospital = kept(pool, f.string("hospital"));
    c.at_risk = load_at_risk(f, table, path, diagnostics, pool);
    if (c.at_risk && f.has("status") && c.status != Status::active) {
        f.warning(c.at_risk->where, fmt::format("\"at_risk\" applies only to active clients and is ignored for "
                                                "status \"{}\"",
                                                to_string(c.status)));
    }
    c.contacts = load_contacts(f, table, path, diagnostics, pool);
    return c;
}

}  // namespace

ClientsFile load_clients(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                         ReleasePages release) {
    if (auto fast = fast_load_clients(text, release)) return std::move(*fast);
    return load_clients_toml(text, path, diagnostics);
}

ClientsFile load_clients_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    ClientsFile out;
    auto root = detail::parse_toml(text, path, diagnostics, top_keys);
    if (!root) return out;
    out.parsed = true;
    out.care_managers = detail::load_table_array<CareManager>(
        *root, "care_manager", "id", "care manager id", path, diagnostics,
        [&](const toml::table& t, std::size_t i) { return load_care_manager(t, i, path, diagnostics); },
        [](const CareManager& cm) -> std::string_view { return cm.id; });
    out.clients = detail::load_table_array<Client>(
        *root, "client", "id", "client id", path, diagnostics,
        [&](const toml::table& t, std::size_t i) { return load_client(t, i, path, diagnostics, out.text); },
        [](const Client& c) -> std::string_view { return c.id; });
    return out;
}

}  // namespace winback
