// The baseline: toml++ parsing each file into its document tree, nothing else.
//   winback_tomlpp_parse FILE...

#include <cstdio>
#include <exception>

#include <toml++/toml.h>

int main(int argc, char** argv) {
    std::size_t tables = 0;
    for (int i = 1; i < argc; ++i) {
        try {
            const toml::table root = toml::parse_file(argv[i]);
            tables += root.size();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "%s: %s\n", argv[i], e.what());
            return 1;
        }
    }
    std::printf("%zu\n", tables);
    return 0;
}
