#include "plan_order.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <type_traits>
#include <utility>

#include "pages.hpp"
#include "parallel.hpp"

namespace winback {

namespace {

std::string_view sort_name(const Action& a) {
    return a.kana.empty() ? a.client : a.kana;
}

}  // namespace

bool action_before(const Action& a, const Action& b) {
    if (a.due != b.due) return a.due < b.due;
    if (a.value != b.value) return a.value > b.value;
    if (const int c = sort_name(a).compare(sort_name(b)); c != 0) return c < 0;
    if (const int c = a.client_id.compare(b.client_id); c != 0) return c < 0;
    if (a.step_index != b.step_index) return a.step_index < b.step_index;
    return a.nominal < b.nominal;
}

namespace detail {

namespace {

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

// sort_block in the order `before`.
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

std::vector<SortKey> sort_block(std::vector<Action>& actions, PlanSort sort) {
    std::vector<SortKey> keys;
    with_order(sort, [&](auto before) { keys = sort_by(actions, before); });
    return keys;
}

std::vector<Action> merge_sorted_blocks(std::vector<std::vector<Action>>& blocks,
                                        const std::vector<std::vector<SortKey>>& keys, PlanSort sort) {
    std::vector<Action> out;
    with_order(sort, [&](auto before) { out = merge_blocks(blocks, keys, before); });
    return out;
}

}  // namespace detail

void sort_actions(std::vector<Action>& actions, PlanSort sort) {
    detail::sort_block(actions, sort);
}

}  // namespace winback
