#pragma once
// The strings of the big parts of a book (clients, contacts, log entries) without a heap block
// each: `Text` is a view, and the bytes it views live in a `TextPool` that the book owns.
//
// A million clients held about eight heap strings each, every one with its allocation, its
// 32-byte std::string and, on this kind of machine, pages that cost more to hand out than to
// fill. A pool packs the bytes end to end in large chunks instead (docs/text-pool.md).

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace winback {

// A string of the model: a std::string_view whose bytes are a literal, in a TextPool, or in a
// std::string of the book that outlives the view (a care manager's name, a playbook's reason).
// It cannot be made from a std::string, whose bytes would go away with it: such text must go
// through TextPool::keep.
struct Text : std::string_view {
    using std::string_view::basic_string_view;
    constexpr Text(std::string_view view) noexcept : std::string_view(view) {}
    Text(const std::string&) = delete;
    Text(std::string&&) = delete;

    void clear() noexcept { *this = Text{}; }
};

// Owns the bytes of Texts. Copies share the bytes, which stay where they are for as long as any
// copy lives; moving a pool or adopting one moves no byte. Not safe to fill from two threads:
// each thread fills its own pool, and adopt() joins them.
class TextPool {
public:
    TextPool() = default;
    // A copy shares the bytes but writes its own: it starts a chunk of its own at its next keep.
    TextPool(const TextPool& other) : m_chunks(other.m_chunks), m_capacity(other.m_capacity) {}
    TextPool(TextPool&& other) noexcept { swap(other); }
    TextPool& operator=(TextPool other) noexcept {
        swap(other);
        return *this;
    }
    ~TextPool() = default;

    // A copy of `text` in the pool.
    Text keep(std::string_view text) {
        if (text.empty()) return {};
        if (text.size() > m_left) grow(text.size());
        char* at = m_next;
        std::memcpy(at, text.data(), text.size());
        m_next += text.size();
        m_left -= text.size();
        return std::string_view(at, text.size());
    }

    // For a writer that fills the pool in place (the fast reader, which copies a string while it
    // scans it): the free bytes at the end of the pool, at least `n` of them. The next keep or
    // commit writes over them.
    std::span<char> room(std::size_t n) {
        if (n > m_left) grow(n);
        return {m_next, m_left};
    }
    // Keeps the first n bytes of room() as they were written there.
    Text commit(std::size_t n) {
        if (n == 0) return {};
        char* at = m_next;
        m_next += n;
        m_left -= n;
        return std::string_view(at, n);
    }

    // The bytes of `other` belong to this pool too; `other` may be dropped.
    void adopt(const TextPool& other) {
        if (&other == this) return;
        m_chunks.insert(m_chunks.end(), other.m_chunks.begin(), other.m_chunks.end());
        m_capacity += other.m_capacity;
    }

    // Bytes held, for tests and benchmarks.
    std::size_t capacity() const { return m_capacity; }

private:
    void swap(TextPool& other) noexcept {
        m_chunks.swap(other.m_chunks);
        std::swap(m_next, other.m_next);
        std::swap(m_left, other.m_left);
        std::swap(m_capacity, other.m_capacity);
    }

    void grow(std::size_t at_least) {
        // Chunks grow with the pool (64 KiB up to 4 MiB), so a small book stays small and a
        // large one needs few chunks. A long string gets a chunk of its own size.
        std::size_t size = m_capacity < chunk_min ? chunk_min : m_capacity < chunk_max ? m_capacity : chunk_max;
        if (size < at_least) size = at_least;
        m_chunks.push_back(std::shared_ptr<char[]>(new char[size]));
        m_next = m_chunks.back().get();
        m_left = size;
        m_capacity += size;
    }

    static constexpr std::size_t chunk_min = std::size_t{64} << 10;
    static constexpr std::size_t chunk_max = std::size_t{4} << 20;

    std::vector<std::shared_ptr<char[]>> m_chunks;
    char* m_next = nullptr;
    std::size_t m_left = 0;
    std::size_t m_capacity = 0;
};

}  // namespace winback
