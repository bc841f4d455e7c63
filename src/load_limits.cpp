#include "winback/load_limits.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <queue>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/course.hpp"

namespace winback {

std::string person_of(const Client& client, Recipient to) {
    if (to == Recipient::staff) return {};
    if (to == Recipient::care_manager) {
        return client.care_manager.empty() ? fmt::format("{}/care_manager", client.id)
                                           : fmt::format("care_manager/{}", client.care_manager);
    }
    return fmt::format("{}/{}", client.id, to_string(to));
}

bool is_contact_outcome(std::string_view outcome) {
    return outcome == "reached" || outcome == "left_message" || outcome == "sent" || outcome == "visited";
}

namespace {

// Whom a logged step reached: the step of that id in the playbooks the client followed.
std::optional<Recipient> logged_recipient(const Book& book, const Client& client,
                                          std::span<const Entry* const> entries, const Entry& entry) {
    auto in = [&](std::string_view reason) -> std::optional<Recipient> {
        const Playbook* p = reason.empty() ? nullptr : book.find_playbook(reason);
        if (!p) return std::nullopt;
        for (const Step& s : p->steps) {
            if (s.id == entry.step) return s.to;
        }
        return std::nullopt;
    };
    if (auto to = in(client.reason)) return to;
    if (client.at_risk) {
        if (auto to = in(client.at_risk->reason)) return to;
    }
    for (const Entry* e : entries) {
        if (auto to = in(e->reason)) return to;
    }
    return std::nullopt;
}

// The latest logged contact of each person that some action reaches: one pass over the clients
// those persons belong to.
// Persons are views of the actions' own texts (Plan::text), which outlive the sweep.
std::unordered_map<std::string_view, Date> logged_contacts(const std::vector<Action>& actions, const LoadLimitsInput& in) {
    std::unordered_set<std::string_view> persons;
    std::unordered_set<std::string_view> clients;
    std::unordered_set<std::string_view> care_managers;
    for (const Action& a : actions) {
        if (a.person.empty()) continue;
        persons.insert(a.person);
        clients.insert(a.client_id);
    }
    for (std::string_view p : persons) {
        if (p.starts_with("care_manager/")) care_managers.insert(p.substr(13));
    }
    std::unordered_map<std::string_view, Date> last;
    for (const Client& c : in.book.clients) {
        if (!clients.count(c.id) && !care_managers.count(c.care_manager)) continue;
        const auto entries = in.log.of(c);
        for (const Entry* e : entries) {
            if (e->step.empty() || !is_contact_outcome(e->outcome)) continue;
            const auto to = logged_recipient(in.book, c, entries, *e);
            if (!to) continue;
            const auto person = persons.find(person_of(c, *to));
            if (person == persons.end()) continue;
            auto [it, fresh] = last.emplace(*person, e->date);
            if (!fresh) it->second = std::max(it->second, e->date);
        }
    }
    return last;
}

// The state of the sweep over the days of the window.
class Sweep {
public:
    Sweep(std::vector<Action>& actions, const LoadLimitsInput& in, TextPool& text)
        : m_actions(actions),
          m_in(in),
          m_text(text),
          m_blocked(actions.size(), false),
          m_gap_since(actions.size()),
          m_placed(actions.size(), false),
          m_past_gap(actions.size(), false),
          m_latest(actions.size()) {
        const Facility& f = in.book.facility;
        m_limit = f.max_actions_per_day.value_or(0);
        m_gap = f.min_gap;
        if (m_gap && m_gap->n > 0) {
            m_last = logged_contacts(actions, in);
        } else {
            m_gap.reset();
        }
        for (Recipient to : {Recipient::client, Recipient::care_manager}) {
            m_calendars[klass(to)] = calendars_for(f, to);
        }
        // The last open day an action may move to, never before its own due date.
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const Action& a = actions[i];
            if (!a.latest) continue;
            Date last = *a.latest;
            while (last > a.due && m_calendars[klass(a.to)].closed(last)) last = add_days(last, -1);
            m_latest[i] = std::max(last, a.due);
        }
    }

    void run() {
        std::vector<std::size_t> movable;
        for (std::size_t i = 0; i < m_actions.size(); ++i) {
            if (m_actions[i].due < m_in.today) {
                place(i, m_in.today);  // overdue: never deferred past today
            } else {
                movable.push_back(i);
            }
        }
        std::sort(movable.begin(), movable.end(),
                  [&](std::size_t a, std::size_t b) { return m_actions[a].due < m_actions[b].due; });
        std::size_t next = 0;
        Date day = m_in.today;
        while (day <= m_in.until) {
            while (!m_waiting.empty() && m_waiting.top().first <= day) {
                ready(m_waiting.top().second);
                m_waiting.pop();
            }
            for (; next < movable.size() && m_actions[movable[next]].due <= day; ++next) {
                const std::size_t i = movable[next];
                // A due date on a closed day (shift = "none") stays: actions move between open days only.
                if (m_calendars[klass(m_actions[i].to)].closed(day)) {
                    place(i, day);
                } else {
                    ready(i);
                }
            }
            bool carried = false;
            for (auto& [owner, queue] : m_owners) carried |= fill(owner, queue, day);
            if (carried) {
                day = add_days(day, 1);
                continue;
            }
            std::optional<Date> jump;
            if (next < movable.size()) jump = m_actions[movable[next]].due;
            if (!m_waiting.empty() && (!jump || m_waiting.top().first < *jump)) jump = m_waiting.top().first;
            if (!jump) break;
            day = std::max(*jump, add_days(day, 1));
        }
        drop_the_rest();
    }

private:
    static std::size_t klass(Recipient to) { return to == Recipient::care_manager ? 1 : 0; }

    struct Less {
        const std::vector<Action>* actions;
        // Heap order: the top is the most valuable, then the first in the plan's order.
        bool operator()(std::size_t a, std::size_t b) const {
            const Action& x = (*actions)[a];
            const Action& y = (*actions)[b];
            if (x.value != y.value) return x.value < y.value;
            return action_before(y, x);
        }
    };
    using Heap = std::priority_queue<std::size_t, std::vector<std::size_t>, Less>;

    // The latest days of the ready actions that have one, earliest on top.
    using Deadlines = std::priority_queue<std::pair<Date, std::size_t>, std::vector<std::pair<Date, std::size_t>>,
                                          std::greater<>>;

    // Placed actions may still sit in the heaps: they are skipped when they come to the top.
    struct OwnerQueue {
        std::array<Heap, 2> ready;
        Deadlines deadlines{};
        Date day;
        long long count = 0;
    };

    OwnerQueue& queue_of(std::string_view owner) {
        auto it = m_owners.find(owner);
        if (it == m_owners.end()) {
            const Less less{&m_actions};
            it = m_owners.emplace(std::string(owner), OwnerQueue{{Heap(less), Heap(less)}, Deadlines{}, m_in.today, 0}).first;
        }
        return it->second;
    }

    // Unowned actions and owners without a limit are not held back by a count.
    bool limited(const std::string& owner) const { return m_limit > 0 && !owner.empty(); }

    long long& count(OwnerQueue& q, Date day) {
        if (q.day != day) {
            q.day = day;
            q.count = 0;
        }
        return q.count;
    }

    void ready(std::size_t i) {
        const Action& a = m_actions[i];
        OwnerQueue& q = queue_of(a.owner);
        q.ready[klass(a.to)].push(i);
        if (m_latest[i]) q.deadlines.push({*m_latest[i], i});
    }

    // The day before which the action's person may not be contacted again, if it is after `day`.
    std::optional<Date> gap_until(std::size_t i, Date day) const {
        if (!m_gap || m_past_gap[i] || m_actions[i].person.empty()) return std::nullopt;
        auto it = m_last.find(m_actions[i].person);
        if (it == m_last.end() || it->second == day) return std::nullopt;  // one contact a day
        const Date free = add(it->second, *m_gap);
        if (free <= day) return std::nullopt;
        return free;
    }

    void place(std::size_t i, Date day) {
        Action& a = m_actions[i];
        m_placed[i] = true;
        ++count(queue_of(a.owner), day);
        if (day != a.due && a.due >= m_in.today) {
            a.suggestion = m_text.keep(join(a.suggestion, deferral_note(i)));
            a.deferred_from = a.due;
            a.due = day;
        }
        if (!a.person.empty()) {
            auto [it, fresh] = m_last.emplace(a.person, day);
            if (!fresh) it->second = std::max(it->second, day);
        }
    }

    // Places the most valuable ready actions of one owner on `day`, up to the limit. Whether
    // some are left for a later day.
    bool fill(const std::string& owner, OwnerQueue& q, Date day) {
        const Less less{&m_actions};
        while (!limited(owner) || count(q, day) < m_limit) {
            std::optional<std::size_t> best;
            std::size_t from = 0;
            for (std::size_t k = 0; k < 2; ++k) {
                Heap& heap = q.ready[k];
                if (m_calendars[k].closed(day)) continue;
                while (!heap.empty()) {
                    const std::size_t top = heap.top();
                    if (m_placed[top]) {
                        heap.pop();
                        continue;
                    }
                    const auto until = gap_until(top, day);
                    if (!until) break;
                    // A gap that ends after the action's last day cannot be kept: it competes now.
                    if (m_latest[top] && *until > *m_latest[top]) {
                        m_past_gap[top] = true;
                        break;
                    }
                    m_blocked[top] = true;
                    m_gap_since[top] = m_last.at(m_actions[top].person);
                    m_waiting.push({*until, top});
                    heap.pop();
                }
                if (!heap.empty() && (!best || less(*best, heap.top()))) {
                    best = heap.top();
                    from = k;
                }
            }
            if (!best) break;
            q.ready[from].pop();
            place(*best, day);
        }
        // What may not move past today is placed today, over the limit: never lost (stop_after,
        // a stop outcome) and never logged against the next occurrence.
        while (!q.deadlines.empty() && q.deadlines.top().first <= day) {
            const std::size_t i = q.deadlines.top().second;
            q.deadlines.pop();
            if (!m_placed[i]) place(i, day);
        }
        for (Heap& heap : q.ready) {
            while (!heap.empty() && m_placed[heap.top()]) heap.pop();
        }
        return !q.ready[0].empty() || !q.ready[1].empty();
    }

    static std::string join(std::string_view a, const std::string& b) {
        return a.empty() ? b : fmt::format("{} / {}", a, b);
    }

    std::string deferral_note(std::size_t i) const {
        const Action& a = m_actions[i];
        const bool ja = m_in.lang == Lang::ja;
        const std::string from = format_date(a.due);
        if (m_blocked[i]) {
            const std::string_view role = label(a.to, m_in.lang);
            const std::string_view contact = a.contact;
            const std::string who = ja ? (contact.empty() ? std::string(role) : fmt::format("{}さん", contact))
                                       : (contact.empty() ? fmt::format("the {}", role) : std::string(contact));
            const std::string gap = format_duration(*m_gap);
            return ja ? fmt::format("{}から延期: {}への前回の連絡 {}(間隔 {})", from, who,
                                    format_date(m_gap_since[i]), gap)
                      : fmt::format("deferred from {}: last contact of {} on {} (min_gap {})", from, who,
                                    format_date(m_gap_since[i]), gap);
        }
        const std::string_view owner = a.owner;
        return ja ? fmt::format("{}から延期: {}さんは1日{}件まで", from, owner, m_limit)
                  : fmt::format("deferred from {}: at most {} action{} a day for {}", from, m_limit,
                                    m_limit == 1 ? "" : "s", owner);
    }

    // What is still waiting when the window ends moves past it: it leaves this plan.
    void drop_the_rest() {
        std::vector<bool> gone(m_actions.size(), false);
        while (!m_waiting.empty()) {
            gone[m_waiting.top().second] = !m_placed[m_waiting.top().second];
            m_waiting.pop();
        }
        for (auto& [owner, q] : m_owners) {
            for (Heap& heap : q.ready) {
                while (!heap.empty()) {
                    gone[heap.top()] = !m_placed[heap.top()];
                    heap.pop();
                }
            }
        }
        std::size_t kept = 0;
        for (std::size_t i = 0; i < m_actions.size(); ++i) {
            if (gone[i]) continue;
            if (kept != i) m_actions[kept] = std::move(m_actions[i]);
            ++kept;
        }
        m_actions.resize(kept);
    }

    std::vector<Action>& m_actions;
    const LoadLimitsInput& m_in;
    TextPool& m_text;  // the plan's
    long long m_limit = 0;
    std::optional<Duration> m_gap;
    std::array<Calendars, 2> m_calendars;
    std::unordered_map<std::string_view, Date> m_last;  // person -> latest contact, logged or planned
    std::map<std::string, OwnerQueue, std::less<>> m_owners;
    std::vector<bool> m_blocked;  // held back by min_gap at some point
    std::vector<Date> m_gap_since;
    std::vector<bool> m_placed;
    std::vector<bool> m_past_gap;               // its gap would end after its last day: ignored
    std::vector<std::optional<Date>> m_latest;  // Action::latest, on an open day of its calendar
    using Waiting = std::pair<Date, std::size_t>;
    std::priority_queue<Waiting, std::vector<Waiting>, std::greater<>> m_waiting;
};

}  // namespace

void apply_load_limits(std::vector<Action>& actions, const LoadLimitsInput& input, TextPool& text) {
    const Facility& f = input.book.facility;
    if (!f.max_actions_per_day && !f.min_gap) return;
    Sweep(actions, input, text).run();
}

}  // namespace winback
