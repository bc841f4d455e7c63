#pragma once
// Duplicate ids in linear time, for the fast loaders (which leave the message to toml++'s path).

#include <bit>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace winback::detail {

// True when no two items have the same id.
template <class T, class Id>
bool unique_ids(const std::vector<T>& items, Id T::*field) {
    if (items.size() < 2) return true;
    const std::size_t mask = std::bit_ceil(items.size() * 2) - 1;
    constexpr std::uint32_t empty = UINT32_MAX;
    std::vector<std::uint32_t> slots(mask + 1, empty);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string_view id = items[i].*field;
        std::size_t h = std::hash<std::string_view>{}(id) & mask;
        while (slots[h] != empty) {
            if (items[slots[h]].*field == id) return false;
            h = (h + 1) & mask;
        }
        slots[h] = static_cast<std::uint32_t>(i);
    }
    return true;
}

}  // namespace winback::detail
