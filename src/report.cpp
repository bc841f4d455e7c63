#include "winback/report.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "winback/course.hpp"
#include "winback/timeline.hpp"

namespace winback {

std::optional<double> ReasonFigures::return_rate() const {
    if (lapsed == 0) return std::nullopt;
    return static_cast<double>(returned) / static_cast<double>(lapsed);
}

std::optional<double> ReasonFigures::completion_rate() const {
    if (due == 0) return std::nullopt;
    return static_cast<double>(done) / static_cast<double>(due);
}

double OverallFigures::active() const {
    return static_cast<double>(active_at_start + active_at_end) / 2.0;
}

std::optional<double> OverallFigures::churn_rate() const {
    if (active() <= 0.0) return std::nullopt;
    return static_cast<double>(lapsed) / active();
}

std::optional<double> OverallFigures::return_rate() const {
    if (lapsed == 0) return std::nullopt;
    return static_cast<double>(returned) / static_cast<double>(lapsed);
}

std::string decimal_text(double value, int places) {
    std::string out = fmt::format("{:.{}f}", value, places);
    if (out.find('.') != std::string::npos) {
        while (out.back() == '0') out.pop_back();
        if (out.back() == '.') out.pop_back();
    }
    return out == "-0" ? "0" : out;
}

namespace {

// The first `returned` entry on or after the lapse, in the whole log.
std::optional<Date> logged_return(std::span<const Entry* const> entries, Date lapse) {
    for (const Entry* e : entries) {
        if (e->outcome == "returned" && e->date >= lapse) return e->date;
    }
    return std::nullopt;
}

// Back by the end of `day`: the logged return, else what clients.toml says (active or returned
// without a logged date counts as back).
bool returned_by(const Client& client, std::optional<Date> logged, Date day) {
    if (logged) return *logged <= day;
    return client.status == Status::returned || client.status == Status::active;
}

// Did the client come on `day`, as reconstructed from the lapse date and the return?
bool attending(const Client& client, std::optional<Date> logged, Date day) {
    if (!client.lapse_date) return client.status == Status::active || client.status == Status::returned;
    if (*client.lapse_date > day) return true;
    return returned_by(client, logged, day);
}

// The follow-up winback planned for the client: the current course, or for a returned client
// the course of their lapse up to the logged return (none when the return date is unknown).
std::optional<Course> followed_course(const Book& book, const Client& client, std::span<const Entry* const> entries,
                                      std::optional<Date> logged) {
    if (client.status != Status::returned) return course_of(book, client, entries);
    if (!logged || !client.lapse_date) return std::nullopt;
    Client as_lapsed = client;
    as_lapsed.status = Status::lapsed;
    return course_of(book, as_lapsed, entries);
}

std::optional<double> median(std::vector<long> values) {
    if (values.empty()) return std::nullopt;
    std::sort(values.begin(), values.end());
    const std::size_t mid = values.size() / 2;
    if (values.size() % 2 == 1) return static_cast<double>(values[mid]);
    return static_cast<double>(values[mid - 1] + values[mid]) / 2.0;
}

class Rows {
public:
    explicit Rows(const Book& book) {
        for (const Playbook& p : book.playbooks) at(p.reason);
    }
    ReasonFigures& at(const std::string& reason) {
        auto it = m_index.find(reason);
        if (it == m_index.end()) {
            it = m_index.emplace(reason, m_rows.size()).first;
            m_rows.push_back({});
            m_rows.back().reason = reason;
            m_days.emplace_back();
        }
        return m_rows[it->second];
    }
    std::vector<long>& days(const std::string& reason) {
        at(reason);
        return m_days[m_index.at(reason)];
    }
    std::vector<ReasonFigures> take() {
        for (std::size_t i = 0; i < m_rows.size(); ++i) m_rows[i].median_days_to_return = median(m_days[i]);
        return std::move(m_rows);
    }

private:
    std::map<std::string, std::size_t> m_index;
    std::vector<ReasonFigures> m_rows;
    std::vector<std::vector<long>> m_days;
};

}  // namespace

Report make_report(const Book& book, Date from, Date to) {
    Report report{from, to, {}, {}, {}, {}};
    const LogIndex whole(book);
    const LogIndex known(book, to);  // what was logged by the end of the period
    const Date eve = add_days(from, -1);
    Rows rows(book);
    OverallFigures& overall = report.overall;

    for (const Client& client : book.clients) {
        const auto entries = known.of(client);
        const std::optional<Date> logged =
            client.lapse_date ? logged_return(whole.of(client), *client.lapse_date) : std::nullopt;
        const long long revenue = client.monthly_revenue.value_or(0);
        overall.active_at_start += attending(client, logged, eve) ? 1 : 0;
        overall.active_at_end += attending(client, logged, to) ? 1 : 0;

        if (client.lapse_date && from <= *client.lapse_date && *client.lapse_date <= to) {
            const std::string reason =
                client.status == Status::active ? std::string(client.reason) : current_reason(book, client, entries);
            ++rows.at(reason).lapsed;
            ++overall.lapsed;
            if (returned_by(client, logged, to)) {
                ++rows.at(reason).returned;
                ++overall.returned;
                overall.revenue_regained += revenue;
                if (logged) rows.days(reason).push_back(days_between(*client.lapse_date, *logged));
            }
        }

        const auto course = followed_course(book, client, entries, logged);
        if (!course) continue;
        const Date end = course->ended ? std::min(add_days(to, 1), *course->ended) : add_days(to, 1);
        ReasonFigures& row = rows.at(course->playbook->reason);
        for (const DueOccurrence& o : due_occurrences(book, client, *course, entries, from, end)) {
            if (!o.done && o.due >= to) continue;  // due on the last day: it still may be done that day
            ++row.due;
            row.done += o.done ? 1 : 0;
        }
        const bool running = !(course->ended && *course->ended <= to) && !(course->stop && *course->stop < to);
        if (course->phase == Phase::lapsed && client.lapse_date && *client.lapse_date <= to && running) {
            overall.revenue_at_stake += revenue;
            overall.expected_value += std::llround(static_cast<double>(revenue) * course->playbook->return_rate);
        }
    }
    report.reasons = rows.take();
    for (ReasonFigures& r : report.reasons) r.missed = r.due - r.done;

    report.weekdays = make_slots(book, to).weekdays;

    for (const Rule& rule : book.facility.rules) {
        RuleFigures figures{rule.id, rule.title, rule.reverted, 0, 0};
        for (const Client& client : book.clients) {
            if (client.reason != "rule_change" || client.rule != rule.id) continue;
            if (!client.lapse_date || *client.lapse_date > to) continue;
            const auto logged = logged_return(whole.of(client), *client.lapse_date);
            if (attending(client, logged, to)) continue;
            ++figures.clients;
            figures.monthly_revenue += client.monthly_revenue.value_or(0);
        }
        report.rules.push_back(std::move(figures));
    }
    return report;
}

}  // namespace winback
