// toml++'s implementation, compiled once from the headers of Debian's libtomlplusplus-dev when
// the build is self-contained (WINBACK_SELF_CONTAINED in CMakeLists.txt, docs/startup.md): every
// other file sees its declarations only (TOML_HEADER_ONLY=0).
#define TOML_IMPLEMENTATION
#include <toml++/toml.h>
