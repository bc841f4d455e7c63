// log.toml: the [[entry]] tables written by `winback log` or by hand.

#include <fmt/format.h>

#include "fields.hpp"
#include "winback/fast_load.hpp"
#include "winback/load.hpp"
#include "winback/log_entry.hpp"

namespace winback {

using detail::Fields;
using detail::Need;

namespace {

constexpr std::string_view top_keys[] = {"entry"};
constexpr std::string_view entry_keys[] = {"date", "client", "step", "outcome", "by", "note", "reason"};

}  // namespace

LogFile load_log(std::string_view text, std::string_view path, Diagnostics& diagnostics, ReleasePages release) {
    if (auto fast = fast_load_log(text, release)) return std::move(*fast);
    return load_log_toml(text, path, diagnostics);
}

LogFile load_log_toml(std::string_view text, std::string_view path, Diagnostics& diagnostics) {
    LogFile out;
    check_log_tail(text, path, diagnostics);  // on the text: any other way of loading the log must call it too
    auto root = detail::parse_toml(text, path, diagnostics, top_keys);
    if (!root) return out;
    out.parsed = true;
    const auto tables = detail::table_array(*root, "entry", path, diagnostics);
    out.entries.reserve(tables.size());
    for (std::size_t i = 0; i < tables.size(); ++i) {
        Fields f(*tables[i], path, diagnostics, fmt::format("log entry #{}", i + 1), entry_keys);
        Entry e;
        e.where = f.where();
        e.client_at = f.where("client");
        e.step_at = f.where("step");
        e.outcome_at = f.where("outcome");
        e.reason_at = f.where("reason");
        auto date = f.date("date", Need::required);
        auto client = f.string("client", Need::required);
        auto outcome = f.string("outcome", Need::required);
        e.step = out.text.keep(f.string("step").value_or(""));
        e.by = out.text.keep(f.string("by").value_or(""));
        e.note = out.text.keep(f.string("note").value_or(""));
        e.reason = out.text.keep(f.string("reason").value_or(""));
        if (!date || !client || !outcome) continue;  // reported; an entry without them means nothing
        e.date = *date;
        e.client = out.text.keep(*client);
        e.outcome = out.text.keep(*outcome);
        out.entries.push_back(std::move(e));
    }
    return out;
}

}  // namespace winback
