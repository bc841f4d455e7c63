#pragma once
// Every field of a loaded clients.toml or log.toml, places included, one line each: two loads
// are the same model exactly when their dumps are equal. Shared by the equivalence test and
// the differential fuzz target (fuzz/fast_reader_fuzz.cpp).

#include <string>
#include <vector>

#include <fmt/format.h>

#include "winback/diagnostic.hpp"
#include "winback/load.hpp"

namespace winback::test {

inline std::string dump_where(Where w) { return fmt::format("{}:{}", w.line, w.column); }

inline std::string dump_date(const Date& d) {
    return fmt::format("{}-{}-{}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()));
}

inline std::vector<std::string> dump(const ClientsFile& file) {
    std::vector<std::string> out;
    out.push_back(fmt::format("parsed {}", file.parsed));
    for (const CareManager& cm : file.care_managers) {
        out.push_back(fmt::format("care_manager [{}] [{}] [{}] [{}] @{}", cm.id, cm.name, cm.office, cm.phone,
                                  dump_where(cm.where)));
    }
    for (const Client& c : file.clients) {
        out.push_back(fmt::format("client [{}] [{}] [{}] status={} @{}", c.id, c.name, c.kana,
                                  static_cast<int>(c.status), dump_where(c.where)));
        out.push_back(fmt::format("  lapse_date {}", c.lapse_date ? dump_date(*c.lapse_date) : "-"));
        out.push_back(fmt::format("  reason [{}] @{} note [{}]", c.reason, dump_where(c.reason_at), c.reason_note));
        out.push_back(fmt::format("  care_manager [{}] @{}", c.care_manager, dump_where(c.care_manager_at)));
        out.push_back(fmt::format("  days {}", fmt::join(c.days, ",")));
        out.push_back(fmt::format("  revenue {} owner [{}] dnc {}",
                                  c.monthly_revenue ? std::to_string(*c.monthly_revenue) : "-", c.owner,
                                  c.do_not_contact));
        for (std::size_t i = 0; i < c.avoid.size(); ++i) {
            out.push_back(fmt::format("  avoid [{}] @{}", c.avoid[i],
                                      i < c.avoid_at.size() ? dump_where(c.avoid_at[i]) : "-"));
        }
        out.push_back(fmt::format("  avoid_at {}", c.avoid_at.size()));
        out.push_back(fmt::format("  rule [{}] @{}", c.rule, dump_where(c.rule_at)));
        out.push_back(fmt::format("  switched [{}] admitted [{}] hospital [{}]", c.switched_to, c.admitted_to,
                                  c.hospital));
        if (c.at_risk) {
            out.push_back(fmt::format("  at_risk [{}] @{} since {} note [{}] @{}", c.at_risk->reason,
                                      dump_where(c.at_risk->reason_at), dump_date(c.at_risk->since), c.at_risk->note,
                                      dump_where(c.at_risk->where)));
        }
        for (const Contact& k : c.contacts) {
            out.push_back(fmt::format("  contact {} [{}] [{}] [{}] [{}]", static_cast<int>(k.role), k.name, k.relation,
                                      k.phone, k.address));
        }
    }
    return out;
}

inline std::vector<std::string> dump(const LogFile& file) {
    std::vector<std::string> out;
    out.push_back(fmt::format("parsed {}", file.parsed));
    for (const Entry& e : file.entries) {
        out.push_back(fmt::format("entry {} @{} client [{}] @{} step [{}] @{} outcome [{}] @{} by [{}] note [{}] "
                                  "reason [{}] @{}",
                                  dump_date(e.date), dump_where(e.where), e.client, dump_where(e.client_at), e.step,
                                  dump_where(e.step_at), e.outcome, dump_where(e.outcome_at), e.by, e.note, e.reason,
                                  dump_where(e.reason_at)));
    }
    return out;
}

inline std::vector<std::string> dump(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.items()) out.push_back(format_diagnostic(d));
    return out;
}

}  // namespace winback::test
