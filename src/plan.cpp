#include "winback/plan.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iterator>
#include <optional>
#include <type_traits>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/course.hpp"
#include "winback/load_limits.hpp"
#include "winback/task.hpp"
#include "pages.hpp"
#include "parallel.hpp"
#include "plan_order.hpp"

namespace winback {

namespace {

bool matches(const std::vector<std::string>& wanted, std::string_view value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

template <class E>
bool matches(const std::vector<E>& wanted, E value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

// Everything about one step of one client that the occurrences share.
struct StepRun {
    const Book& book;
    const Client& client;
    const Course& course;
    const Step& step;
    std::size_t step_index;
    StepSpan span;
    Calendars calendars;
    std::span<const Entry* const> entries;
    long long value;
    const Occupancy& taken;

    Date due(const Occurrence& o) const {
        return due_date(o, book.facility.shift, calendars);
    }

    bool done(const Occurrence& o, Date due_on) const {
        return occurrence_done(step, span, entries, book.facility.shift, calendars, o, due_on);
    }

    // The action's own texts go to `text`.
    Action action(const Occurrence& o, Date due_date, const PlanOptions& options, TextPool& text) const {
        const Addressee to = addressee(book, client, step.to);
        Action a;
        fmt::memory_buffer id;
        fmt::format_to(std::back_inserter(id), "{}/{}/{}", std::string_view(client.id), step.id, format_date(o.nominal));
        a.action_id = text.keep(std::string_view(id.data(), id.size()));
        a.due = due_date;
        a.nominal = o.nominal;
        a.overdue_days = due_date < options.today ? days_between(due_date, options.today) : 0;
        a.client_id = client.id;
        a.client = client.name;
        a.kana = client.kana;
        a.reason = std::string_view(course.playbook->reason);
        a.step = std::string_view(step.id);
        a.step_index = step_index;
        a.to = step.to;
        a.via = step.via;
        a.contact = to.name;
        a.phone = to.phone;
        a.task = text.keep(expand_task(
            {book, client, step, course.start, std::max(due_date, options.today), options.lang, &taken}));
        a.owner = client.owner;
        a.value = value;
        a.person = text.keep(person_of(client, step.to));
        a.latest = latest_day(o);
        if (std::string_view(course.playbook->reason) == "conflict") {
            a.suggestion = text.keep(free_days_text(book, client, taken, options.lang));
        }
        return a;
    }

    // See Action::latest.
    std::optional<Date> latest_day(const Occurrence& o) const {
        std::optional<Date> latest = course.stop;
        const auto bound = [&latest](Date d) { latest = latest ? std::min(*latest, d) : d; };
        if (course.ended) bound(add_days(*course.ended, -1));
        if (auto end = done_window_end(step, span, book.facility.shift, calendars, o)) bound(add_days(*end, -1));
        return latest;
    }

    // The latest occurrence due before today, if it is neither done, expired nor ended.
    std::optional<std::pair<Occurrence, Date>> missed(Date today) const {
        // Shifting moves a date by at most max_shift_days, so the latest occurrence due before
        // today has its nominal date before today + max_shift_days.
        auto o = last_occurrence_before(step, span, add_days(today, max_shift_days + 1));
        while (o && due(*o) >= today) o = occurrence_at(step, span, o->index - 1);
        if (!o) return std::nullopt;
        const Date due_date = due(*o);
        if (step.expire && add(due_date, *step.expire) < today) return std::nullopt;
        if (done(*o, due_date)) return std::nullopt;
        return std::pair{*o, due_date};
    }
};

bool keep(const Action& a, const PlanFilter& filter) {
    return matches(filter.clients, a.client_id) && matches(filter.owners, a.owner) && matches(filter.reasons, a.reason)
           && matches(filter.to, a.to) && matches(filter.via, a.via);
}

// What every client's planning shares.
struct Planning {
    const Book& book;
    const PlanOptions& options;
    const PlanFilter& filter;
    const LogIndex& log;
    const Occupancy& taken;
    Date lo;  // nominal dates this far outside the window may still be shifted into it
    Date hi;
};

// The client's actions, appended to `out`, their own texts to `text`.
void plan_client(const Planning& in, const Client& client, std::vector<Action>& out, TextPool& text) {
    const Book& book = in.book;
    const PlanOptions& options = in.options;
    const PlanFilter& filter = in.filter;
    if (!matches(filter.clients, client.id) || !matches(filter.owners, client.owner)) return;
    const auto entries = in.log.of(client);
    const auto course = course_of(book, client, entries);
    if (!course || !matches(filter.reasons, course->playbook->reason)) return;
    // After a stop outcome, or past the playbook's stop_after, nothing is planned any more.
    const Date last = std::min(course->ended ? add_days(*course->ended, -1) : options.until,
                               course->stop ? *course->stop : options.until);
    const bool still_running = last >= options.today;
    const Playbook& playbook = *course->playbook;
    const long long value = std::llround(static_cast<double>(client.monthly_revenue.value_or(0)) * playbook.return_rate);

    for (std::size_t i = 0; i < playbook.steps.size(); ++i) {
        const Step& step = playbook.steps[i];
        if (step.phase != course->phase || !matches(filter.to, step.to) || !matches(filter.via, step.via)) continue;
        const auto anchor = anchor_of(book, client, *course, step, entries);
        if (!anchor) continue;
        const StepRun run{book,    client, *course, step,     i, {*anchor, course->stop}, calendars_for(book.facility, step.to),
                          entries, value,  in.taken};
        if (still_running) {
            if (auto missed = run.missed(options.today)) out.push_back(run.action(missed->first, missed->second, options, text));
        }
        if (options.overdue_only) continue;
        for (const Occurrence& o : occurrences(step, run.span, in.lo, in.hi)) {
            const Date due = run.due(o);
            if (due < options.today || due > options.until) continue;
            if (course->ended && due >= *course->ended) continue;
            if (run.done(o, due)) continue;
            out.push_back(run.action(o, due, options, text));
        }
    }
}

// A large book is planned in blocks of clients, taken in turn by one thread per core. Small
// blocks keep each vector short, so that growing it moves few actions. Each thread keeps the
// actions' own texts in a pool of its own, which `text` then adopts.
struct Blocks {
    std::vector<std::vector<Action>> actions;
    std::vector<std::vector<detail::SortKey>> keys;  // with an order: those of each block (sort_block)
};

// With an `order`, each block is sorted by the thread that made it.
Blocks plan_blocks(const Planning& in, TextPool& text, std::optional<PlanSort> order) {
    const std::vector<Client>& clients = in.book.clients;
    const std::size_t n = clients.size();
    const std::size_t threads_wanted = detail::parts_for(n, 20000);
    // The find_* of a book build their index on first use: build them before the threads share it.
    in.book.find_client({});
    in.book.find_care_manager({});
    in.book.find_playbook({});
    in.book.find_rule({});
    constexpr std::size_t block = 2048;
    constexpr std::size_t prefetch_ahead = 4;
    Blocks out;
    out.actions.resize((n + block - 1) / block);
    out.keys.resize(order ? out.actions.size() : 0);
    std::vector<TextPool> pools(threads_wanted);
    std::atomic<std::size_t> next_block = 0;
    auto plan_some = [&](TextPool& pool) {
        // Blocks of one book have about as many actions each: a block starts with room for a little
        // more than the largest so far, rather than growing (and moving its actions) ten times.
        std::size_t room = 0;
        for (std::size_t b = next_block++; b < out.actions.size(); b = next_block++) {
            std::vector<Action>& actions = out.actions[b];
            actions.reserve(room);
            const std::size_t end = std::min(n, (b + 1) * block);
            for (std::size_t p = b * block; p < end; ++p) {
                // A client's entries are spread over the log: they are asked for a few clients ahead.
                if (p + prefetch_ahead < end) {
                    for (const Entry* e : in.log.of(clients[p + prefetch_ahead])) {
                        __builtin_prefetch(e);
                        __builtin_prefetch(reinterpret_cast<const char*>(e) + 64);
                    }
                }
                plan_client(in, clients[p], actions, pool);
            }
            room = std::max(room, actions.size() + actions.size() / 8);
            if (order) out.keys[b] = detail::sort_block(actions, *order);
        }
    };
    detail::run_parallel(threads_wanted, [&](std::size_t t) { plan_some(pools[t]); });
    for (const TextPool& pool : pools) text.adopt(pool);
    return out;
}

// The blocks' actions in one vector of its final size: in the order of the clients, as one
// thread would have made them, or merged in the `order` that the blocks were sorted in.
std::vector<Action> join_blocks(Blocks& blocks, std::optional<PlanSort> order) {
    if (blocks.actions.size() == 1) return std::move(blocks.actions.front());
    if (order) return detail::merge_sorted_blocks(blocks.actions, blocks.keys, *order);
    std::size_t total = 0;
    for (const auto& a : blocks.actions) total += a.size();
    std::vector<Action> out;
    out.reserve(total);
    // The allocator would keep a joined block's memory for later: its pages go back to the system
    // at once, or the plan would be in memory twice by the end of the join.
    static_assert(std::is_trivially_destructible_v<Action>);
    for (auto& a : blocks.actions) {
        out.insert(out.end(), std::make_move_iterator(a.begin()), std::make_move_iterator(a.end()));
        detail::give_back_pages(a.data(), a.capacity() * sizeof(Action));
        std::vector<Action>().swap(a);
    }
    return out;
}

}  // namespace

Plan make_plan(const Book& book, const PlanOptions& options) {
    Plan plan{options.today, options.until, {}, options.sort, {}};
    // The load limits weigh the whole plan, so that a filtered plan shows the same days as the
    // full one: then the filters apply afterwards. Overdue actions never move.
    const bool limits = (book.facility.max_actions_per_day || book.facility.min_gap) && !options.overdue_only;
    const PlanFilter none;
    // Without limits, each block is sorted as it is made and the blocks are merged.
    const std::optional<PlanSort> sorted_blocks = limits ? std::nullopt : std::optional(options.sort);
    Blocks blocks;
    {
        // Joining and sorting need neither the index's groups nor the occupancy: their memory goes
        // first (the index of the log's clients stays with the book, which the caller may drop).
        const LogIndex log(book, options.today);
        // Places per weekday matter only with a capacity; counting them is a pass over every client.
        const Occupancy taken = book.facility.capacity ? occupancy(book, log, options.today) : Occupancy{};
        const Planning planning{book, options, limits ? none : options.filter, log, taken,
                                add_days(options.today, -max_shift_days), add_days(options.until, max_shift_days)};
        blocks = plan_blocks(planning, plan.text, sorted_blocks);
        if (limits) {
            // The load limits go through the actions in the clients' order; the plan is sorted after.
            plan.actions = join_blocks(blocks, std::nullopt);
            apply_load_limits(plan.actions, {book, log, options.today, options.until, options.lang}, plan.text);
            std::erase_if(plan.actions, [&](const Action& a) { return !keep(a, options.filter); });
        }
    }
    if (sorted_blocks) {
        plan.actions = join_blocks(blocks, sorted_blocks);
    } else {
        sort_actions(plan.actions, options.sort);
    }
    return plan;
}

}  // namespace winback
