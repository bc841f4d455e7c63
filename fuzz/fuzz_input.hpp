#pragma once
// Shared by the fuzz targets: the bytes as text, and a check that every diagnostic formats.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "winback/diagnostic.hpp"

namespace winback::fuzz {

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Every diagnostic must have a place inside the file and a message; a broken one is a crash.
inline void check_diagnostics(const Diagnostics& diagnostics) {
    for (const Diagnostic& d : diagnostics.sorted()) {
        if (d.message.empty() || d.where.line < 0 || d.where.column < 0) std::abort();
        if (format_diagnostic(d).empty()) std::abort();
    }
}

}  // namespace winback::fuzz
