#pragma once
// The orders of a plan (--sort, PRODUCT.md), over keys copied out of the actions: a block of
// actions sorted by the thread that made it, and sorted blocks merged on two threads.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "winback/plan.hpp"

namespace winback::detail {

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

// Puts the actions in `sort`'s order and returns their keys in that order: keys[k] is that of
// actions[k]. No two actions have the same key (one client, one step, one nominal date), so
// the order is the same however the actions came.
std::vector<SortKey> sort_block(std::vector<Action>& actions, PlanSort sort);

// Blocks sorted by sort_block, each with the keys it returned, merged into one vector in the
// same order, on two threads for a long plan. The blocks are left empty, their memory given back.
std::vector<Action> merge_sorted_blocks(std::vector<std::vector<Action>>& blocks,
                                        const std::vector<std::vector<SortKey>>& keys, PlanSort sort);

}  // namespace winback::detail
