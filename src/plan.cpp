#include "winback/plan.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <iterator>
#include <optional>
#include <thread>
#include <type_traits>

#include <fmt/format.h>

#include "winback/calendar.hpp"
#include "winback/course.hpp"
#include "winback/load_limits.hpp"
#include "winback/task.hpp"
#include "pages.hpp"
#include "parallel.hpp"

namespace winback {

namespace {

bool matches(const std::vector<std::string>& wanted, std::string_view value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

template <class E>
bool matches(const std::vector<E>& wanted, E value) {
    return wanted.empty() || std::find(wanted.begin(), wanted.end(), value) != wanted.end();
}

std::string_view sort_name(const Action& a) {
    return a.kana.empty() ? a.client : a.kana;
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

}  // namespace

bool action_before(const Action& a, const Action& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.value != b.value) return a.value > b.value;
    if (const int c = sort_name(a).compare(sort_name(b)); c != 0) return c < 0;
    if (const int c = a.client_id.compare(b.client_id); c != 0) return c < 0;
    if (a.step_index != b.step_index) return a.step_index < b.step_index;
    return a.nominal < b.nominal;
}

namespace {

bool keep(const Action& a, const PlanFilter& filter) {
    return matches(filter.clients, a.client_id) && matches(filter.owners, a.owner) && matches(filter.reasons, a.reason)
           && matches(filter.to, a.to) && matches(filter.via, a.via);
}

}  // namespace

namespace {

// A text with its first eight bytes as one number, which orders as the bytes do (a shorter
// text is padded with zeros): most comparisons end there, without reading the text elsewhere.
struct SortText {
    explicit SortText(std::string_view t) : text(t) {
        for (std::size_t i = 0; i < 8; ++i) head = head << 8 | (i < t.size() ? static_cast<unsigned char>(t[i]) : 0u);
    }
    int compare(const SortText& other) const {
        if (head != other.head) return head < other.head ? -1 : 1;
        return text.compare(other.text);
    }

    std::uint64_t head = 0;
    std::string_view text;
};

// What the orders compare, copied out of the actions: the sort then reads a small array rather
// than actions of a dozen strings each, and moves each action once, at the end.
struct SortKey {
    std::int64_t due;      // days since the epoch
    std::int64_t nominal;  // the same
    long long value;
    SortText name;  // sort_name
    SortText client_id;
    std::size_t step_index;
    std::size_t place;  // in the actions
};

std::int64_t day_number(Date d) {
    return std::chrono::sys_days(d).time_since_epoch().count();
}

// action_before, over the keys.
bool key_before(const SortKey& a, const SortKey& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.value != b.value) return a.value > b.value;
    if (const int c = a.name.compare(b.name); c != 0) return c < 0;
    if (const int c = a.client_id.compare(b.client_id); c != 0) return c < 0;
    if (a.step_index != b.step_index) return a.step_index < b.step_index;
    return a.nominal < b.nominal;
}

bool value_before(const SortKey& a, const SortKey& b) {
    return a.value != b.value ? a.value > b.value : key_before(a, b);
}

bool client_before(const SortKey& a, const SortKey& b) {
    if (const int c = a.name.compare(b.name); c != 0) return c < 0;
    if (const int c = a.client_id.compare(b.client_id); c != 0) return c < 0;
    return key_before(a, b);
}

// Calls f with the order of the keys that `sort` asks for, as a function object that inlines.
template <class F>
void with_order(PlanSort sort, F f) {
    switch (sort) {
        case PlanSort::due: f([](const SortKey& a, const SortKey& b) { return key_before(a, b); }); return;
        case PlanSort::value: f([](const SortKey& a, const SortKey& b) { return value_before(a, b); }); return;
        case PlanSort::client: f([](const SortKey& a, const SortKey& b) { return client_before(a, b); }); return;
    }
}

// Puts the actions in the order of the keys sorted by `before`, and returns the keys in that
// order: keys[k] is that of actions[k]. No two actions have the same key (one client, one step,
// one nominal date), so that the order is the same however the actions came.
template <class Before>
std::vector<SortKey> sort_by(std::vector<Action>& actions, Before before) {
    std::vector<SortKey> keys;
    keys.reserve(actions.size());
    for (std::size_t i = 0; i < actions.size(); ++i) {
        const Action& a = actions[i];
        keys.push_back({day_number(a.due), day_number(a.nominal), a.value, SortText(sort_name(a)), SortText(a.client_id),
                        a.step_index, i});
    }
    std::sort(keys.begin(), keys.end(), before);
    // order[k]: the place of the action that goes to k. Follow each cycle of the permutation:
    // the action at k goes out, the one due there comes in.
    std::vector<std::size_t> order(keys.size());
    for (std::size_t k = 0; k < keys.size(); ++k) order[k] = keys[k].place;
    for (std::size_t start = 0; start < order.size(); ++start) {
        if (order[start] == start) continue;
        Action first = std::move(actions[start]);
        std::size_t k = start;
        while (order[k] != start) {
            actions[k] = std::move(actions[order[k]]);
            const std::size_t from = order[k];
            order[k] = k;
            k = from;
        }
        actions[k] = std::move(first);
        order[k] = k;
    }
    return keys;
}

// Sorted blocks, each with its keys (sort_by), merged into one sorted vector on two threads:
// one takes the first half of the plan from the blocks' fronts, the other the second half from
// their backs, last action first. Ties (which keys do not have) would go by block, then by place
// in the block, so that the two halves never take the same action.
template <class Before>
std::vector<Action> merge_blocks(std::vector<std::vector<Action>>& blocks, const std::vector<std::vector<SortKey>>& keys,
                                 Before before) {
    std::size_t total = 0;
    for (const auto& b : blocks) total += b.size();
    std::vector<Action> out;
    out.reserve(total);
    // Two threads when there are two cores and enough to take.
    const bool two = total >= 8192 && std::thread::hardware_concurrency() > 1;
    detail::populate_in_parallel(out.data(), total * sizeof(Action), two ? 2 : 1);
    out.resize(total);
    // Whether the action at (block a, place i) comes before the one at (b, j).
    const auto earlier = [&](std::uint32_t a, std::size_t i, std::uint32_t b, std::size_t j) {
        if (before(keys[a][i], keys[b][j])) return true;
        if (before(keys[b][j], keys[a][i])) return false;
        return a != b ? a < b : i < j;
    };
    const std::size_t half = two ? total / 2 : total;
    // `forward`: the first `count` actions into out[0 ..); else the last ones into out[.. total).
    const auto take = [&](bool forward, std::size_t count) {
        std::vector<std::size_t> at(blocks.size());  // the place of each block's next action
        std::vector<std::uint32_t> heap;             // the blocks with actions left
        for (std::uint32_t b = 0; b < blocks.size(); ++b) {
            if (blocks[b].empty()) continue;
            at[b] = forward ? 0 : blocks[b].size() - 1;
            heap.push_back(b);
        }
        // std::*_heap keep on top what is greatest by the "less" they are given.
        const auto less = [&](std::uint32_t a, std::uint32_t b) {
            return forward ? earlier(b, at[b], a, at[a]) : earlier(a, at[a], b, at[b]);
        };
        std::make_heap(heap.begin(), heap.end(), less);
        for (std::size_t n = 0; n < count; ++n) {
            std::pop_heap(heap.begin(), heap.end(), less);
            const std::uint32_t b = heap.back();
            out[forward ? n : total - 1 - n] = std::move(blocks[b][at[b]]);
            const bool more = forward ? at[b] + 1 < blocks[b].size() : at[b] > 0;
            if (!more) {
                heap.pop_back();
                continue;
            }
            at[b] = forward ? at[b] + 1 : at[b] - 1;
            std::push_heap(heap.begin(), heap.end(), less);
        }
    };
    detail::run_parallel(two ? 2 : 1, [&](std::size_t k) { k == 0 ? take(true, half) : take(false, total - half); });
    // The blocks' actions were moved out and hold only views: their pages go at once.
    static_assert(std::is_trivially_destructible_v<Action>);
    for (auto& b : blocks) {
        detail::give_back_pages(b.data(), b.capacity() * sizeof(Action));
        std::vector<Action>().swap(b);
    }
    return out;
}

}  // namespace

void sort_actions(std::vector<Action>& actions, PlanSort sort) {
    with_order(sort, [&](auto before) { sort_by(actions, before); });
}

namespace {

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
    std::vector<std::vector<SortKey>> keys;  // with an order: those of each block, sorted (sort_by)
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
            if (order) with_order(*order, [&](auto before) { out.keys[b] = sort_by(actions, before); });
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
    std::vector<Action> out;
    if (order) {
        with_order(*order, [&](auto before) { out = merge_blocks(blocks.actions, blocks.keys, before); });
        return out;
    }
    std::size_t total = 0;
    for (const auto& a : blocks.actions) total += a.size();
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
