#pragma once
// Text for the model in tests: kept for the whole test run, so a test can set a client's or an
// entry's fields from strings it builds.

#include <string_view>

#include "winback/text_pool.hpp"

namespace winback::test {

inline Text kept(std::string_view text) {
    static TextPool pool;
    return pool.keep(text);
}

}  // namespace winback::test
