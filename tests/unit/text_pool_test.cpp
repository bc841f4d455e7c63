// TextPool: the bytes of the model's Texts, kept where they are for as long as any copy lives.

#include "winback/text_pool.hpp"

#include <doctest/doctest.h>

#include <cstring>

#include <string>
#include <type_traits>
#include <vector>

using winback::Text;
using winback::TextPool;

namespace {

// Texts that each hold their own number, enough of them to fill several chunks.
std::vector<Text> fill(TextPool& pool, const std::string& prefix, int count) {
    std::vector<Text> out;
    for (int i = 0; i < count; ++i) out.push_back(pool.keep(prefix + std::to_string(i) + " 連絡記録"));
    return out;
}

void check_filled(const std::vector<Text>& texts, const std::string& prefix) {
    for (std::size_t i = 0; i < texts.size(); ++i) {
        REQUIRE(texts[i] == prefix + std::to_string(i) + " 連絡記録");
    }
}

}  // namespace

TEST_CASE("Text cannot be made from a std::string, whose bytes would go away with it") {
    static_assert(!std::is_constructible_v<Text, std::string&&>);
    static_assert(!std::is_constructible_v<Text, const std::string&>);
    static_assert(!std::is_assignable_v<Text&, std::string>);
    static_assert(std::is_constructible_v<Text, std::string_view>);
    const Text literal = "C-0001";
    CHECK(literal == "C-0001");
    Text cleared = literal;
    cleared.clear();
    CHECK(cleared.empty());
}

TEST_CASE("TextPool") {
    SUBCASE("keep copies the bytes: the source may change or go away") {
        TextPool pool;
        std::string source = "山田 花子";
        const Text kept = pool.keep(source);
        source.assign("something else entirely");
        CHECK(kept == "山田 花子");
        CHECK(pool.keep("").empty());
    }
    SUBCASE("many texts over many chunks, and one longer than a chunk, all stay as they were") {
        TextPool pool;
        const auto texts = fill(pool, "note ", 200000);  // some 4 MB: several chunks
        const std::string long_text(std::size_t{5} << 20, 'x');
        const Text big = pool.keep(long_text);
        const auto more = fill(pool, "after ", 1000);
        check_filled(texts, "note ");
        check_filled(more, "after ");
        CHECK(big == long_text);
        CHECK(pool.capacity() >= long_text.size() + 4000000);
    }
    SUBCASE("a copy shares the bytes, and the two never write into the same chunk") {
        TextPool pool;
        const auto before = fill(pool, "before ", 100);
        TextPool copy = pool;
        const auto from_copy = fill(copy, "copy ", 100);
        const auto from_pool = fill(pool, "pool ", 100);
        check_filled(before, "before ");
        check_filled(from_copy, "copy ");
        check_filled(from_pool, "pool ");
        {
            TextPool gone = pool;
        }
        check_filled(before, "before ");
    }
    SUBCASE("the bytes live while any copy does") {
        std::vector<Text> texts;
        TextPool last;
        {
            TextPool first;
            texts = fill(first, "kept ", 1000);
            last = first;
        }
        check_filled(texts, "kept ");
    }
    SUBCASE("a moved pool keeps its bytes; the moved-from one starts afresh") {
        TextPool pool;
        const auto texts = fill(pool, "moved ", 1000);
        TextPool moved = std::move(pool);
        const auto fresh = fill(pool, "fresh ", 1000);  // NOLINT: a moved-from pool is empty and usable
        const auto more = fill(moved, "more ", 1000);
        check_filled(texts, "moved ");
        check_filled(fresh, "fresh ");
        check_filled(more, "more ");
    }
    SUBCASE("room and commit: bytes written in place are kept, what was not committed is written over") {
        TextPool pool;
        const Text before = pool.keep("before");
        std::span<char> room = pool.room(64);
        REQUIRE(room.size() >= 64);
        std::memcpy(room.data(), "written in place and then some", 30);
        const Text placed = pool.commit(16);
        CHECK(placed == "written in place");
        CHECK(pool.commit(0).empty());
        const Text after = pool.keep("after");  // over " and then some", which was not committed
        CHECK(after.data() == placed.data() + placed.size());
        // Room that does not fit in the chunk opens another; what was kept stays.
        room = pool.room(std::size_t{1} << 20);
        CHECK(room.size() >= std::size_t{1} << 20);
        std::memset(room.data(), 'z', room.size());
        CHECK(pool.commit(3) == "zzz");
        CHECK(before == "before");
        CHECK(placed == "written in place");
        CHECK(after == "after");
    }
    SUBCASE("adopt: the other pool's bytes belong to this one too") {
        std::vector<Text> texts;
        TextPool book;
        {
            TextPool piece;
            texts = fill(piece, "piece ", 1000);
            book.adopt(piece);
            CHECK(book.capacity() == piece.capacity());
            book.adopt(book);  // nothing
            CHECK(book.capacity() == piece.capacity());
        }
        const auto own = fill(book, "own ", 1000);
        check_filled(texts, "piece ");
        check_filled(own, "own ");
    }
}
