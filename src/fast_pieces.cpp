#include "fast_pieces.hpp"

#include "pages.hpp"

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace winback::detail {

std::vector<std::size_t> split_at_headers(std::string_view text, std::string_view header, std::size_t parts) {
    std::vector<std::size_t> starts{0};
    std::string needle(1, '\n');
    needle.append(header);
    // The header alone on its line, or followed by a comment (`[[entry]] # written by winback`).
    const auto header_line_at = [&](std::size_t from) -> std::optional<std::size_t> {
        while (from < text.size()) {
            const void* found = memmem(text.data() + from, text.size() - from, needle.data(), needle.size());
            if (!found) return std::nullopt;
            const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - text.data());
            const std::size_t after = at + needle.size();
            if (after < text.size() && std::string_view("\n \t#").find(text[after]) != std::string_view::npos) {
                return at + 1;
            }
            from = at + 1;
        }
        return std::nullopt;
    };
    for (std::size_t k = 1; k < parts; ++k) {
        const std::size_t target = std::max(starts.back() + 1, text.size() * k / parts);
        if (target >= text.size()) break;
        const auto found = header_line_at(target);
        if (!found) break;
        starts.push_back(*found);
    }
    return starts;
}

std::size_t parallel_parts(std::size_t size) {
    if (size < (1u << 20)) return 1;
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
}

bool check_and_count(std::string_view text, std::string_view header, std::size_t& count, ReleasePages release) {
    // In parts that end at a newline, so that no character is cut in two and each part starts a line.
    constexpr std::size_t part = std::size_t{1} << 20;
    PagesBehind behind(text, release);
    count = 0;
    for (std::size_t from = 0; from < text.size();) {
        const std::size_t newline = text.find('\n', std::min(text.size(), from + part));
        const std::size_t to = newline == std::string_view::npos ? text.size() : newline + 1;
        const std::string_view piece = text.substr(from, to - from);
        if (!utf8_text(piece)) return false;
        count += count_headers(piece, header);
        behind.passed(to);
        from = to;
    }
    return true;
}

std::size_t count_headers(std::string_view text, std::string_view header) {
    // A '[' is rare in these files (headers and arrays): look for it, then at what is around it.
    std::size_t n = 0;
    if (text.empty()) return n;  // memchr must not see the null pointer of an empty view
    const char* p = text.data();
    const char* const end = text.data() + text.size();
    while (true) {
        const auto* found = static_cast<const char*>(std::memchr(p, '[', static_cast<std::size_t>(end - p)));
        if (!found) return n;
        const bool line_start = found == text.data() || found[-1] == '\n';
        if (line_start && std::string_view(found, static_cast<std::size_t>(end - found)).starts_with(header)) {
            ++n;
            p = found + header.size();
        } else {
            p = found + 1;
        }
    }
}

}  // namespace winback::detail
