#pragma once
// Typed access to the keys of one TOML table, reporting every problem with its place.
// Internal to the loaders.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "winback/date.hpp"
#include "winback/diagnostic.hpp"
#include "winback/duration.hpp"
#include "winback/model.hpp"

namespace winback::detail {

Where where_of(const toml::node& node);
Where where_of(const toml::key& key);
// "string", "integer", "table", ...
std::string_view type_name(const toml::node& node);

enum class Need { optional, required };

class Fields {
public:
    // context names the table in messages, e.g. `client "C-0001"`. Unknown keys get a warning
    // with a suggestion from known_keys.
    Fields(const toml::table& table, std::string_view path, Diagnostics& diagnostics, std::string context,
           std::span<const std::string_view> known_keys);

    const toml::node* get(std::string_view key) const;
    bool has(std::string_view key) const { return get(key) != nullptr; }
    Where where() const { return where_of(m_table); }
    // The value's place, or the table's when the key is absent.
    Where where(std::string_view key) const;
    const std::string& context() const { return m_context; }
    void set_context(std::string context) { m_context = std::move(context); }

    std::optional<std::string> string(std::string_view key, Need need = Need::optional);
    std::optional<Date> date(std::string_view key, Need need = Need::optional);
    std::optional<long long> integer(std::string_view key, long long min, long long max);
    std::optional<double> number(std::string_view key, double min, double max);
    std::optional<bool> boolean(std::string_view key);
    std::optional<Duration> duration(std::string_view key);
    std::optional<std::vector<std::string>> strings(std::string_view key);
    std::optional<unsigned> weekday(const toml::node& node, std::string_view key);

    template <class E>
    std::optional<E> word(std::string_view key, Need need = Need::optional) {
        auto text = string(key, need);
        if (!text) return std::nullopt;
        if (auto value = parse_word<E>(*text)) return value;
        error(where(key), unknown_word_message(key, *text, words<E>()));
        return std::nullopt;
    }

    void error(Where where, std::string message);
    void warning(Where where, std::string message);
    // Reports a value of the wrong type.
    void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);

private:
    std::string unknown_word_message(std::string_view key, std::string_view value,
                                     std::span<const std::string_view> allowed) const;

    const toml::table& m_table;
    std::string_view m_path;
    Diagnostics& m_diagnostics;
    std::string m_context;
};

// Tracks the ids seen in one file, to report a duplicate with the place of the first one.
class Ids {
public:
    Ids(std::string_view what, std::string_view path, Diagnostics& diagnostics)
        : m_what(what), m_path(path), m_diagnostics(diagnostics) {}
    // False when the id was seen before.
    bool add(std::string_view id, Where where);

private:
    std::string_view m_what;
    std::string_view m_path;
    Diagnostics& m_diagnostics;
    std::map<std::string, Where, std::less<>> m_first;
};

// A date from a TOML date or an ISO string; reports problems through fields.
std::optional<Date> date_value(Fields& fields, const toml::node& node, std::string_view key);

// How messages name a table: `client "C-0001"` from its id key when that looks like an id,
// else `client #3` by position.
std::string name_of(const toml::table& table, std::string_view id_key, std::string_view what, std::size_t index);

// Does the text look like an id (letters, digits, '-', '_', '.')? Other values may be personal
// data and are not repeated in messages.
bool looks_like_id(std::string_view text);

// Parses TOML text, or reports the parse error and returns nothing. A parsed file's top-level
// keys that are not among known_keys get a warning.
std::optional<toml::table> parse_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                                      std::span<const std::string_view> known_keys);

// The array of tables under key (e.g. [[client]]), reporting a key that holds something else.
std::vector<const toml::table*> table_array(const toml::table& root, std::string_view key, std::string_view path,
                                            Diagnostics& diagnostics);

// Loads each table of the array `key` ([[key]]) with load(table, index) and reports a repeated
// id (the string `id_key`, e.g. "id" or "reason", read from the loaded item by `id_of`).
template <class T, class Load, class IdOf>
std::vector<T> load_table_array(const toml::table& root, std::string_view key, std::string_view id_key,
                                std::string_view what, std::string_view path, Diagnostics& diagnostics, Load load,
                                IdOf id_of) {
    std::vector<T> out;
    Ids ids(what, path, diagnostics);
    const auto tables = table_array(root, key, path, diagnostics);
    for (std::size_t i = 0; i < tables.size(); ++i) {
        T item = load(*tables[i], i);
        const std::string_view id = id_of(item);
        if (!id.empty()) ids.add(id, where_of(*tables[i]->get(id_key)));
        out.push_back(std::move(item));
    }
    return out;
}

}  // namespace winback::detail
