# Writes a .cpp that holds the built-in playbooks as raw string literals.
# Called at build time: cmake -DOUTPUT=... -DJA=... -DEN=... -P embed_playbooks.cmake
file(READ ${JA} ja_text)
file(READ ${EN} en_text)
foreach(text IN ITEMS "${ja_text}" "${en_text}")
  string(FIND "${text}" ")winback\"" bad)
  if(NOT bad EQUAL -1)
    message(FATAL_ERROR "a built-in playbook file contains the raw-string delimiter )winback\"")
  endif()
endforeach()
file(WRITE ${OUTPUT}.tmp
"// Generated from src/playbooks/*.toml by cmake/embed_playbooks.cmake. Do not edit.
#include <string_view>
namespace winback::detail {
extern const std::string_view builtin_playbooks_ja;
extern const std::string_view builtin_playbooks_en;
const std::string_view builtin_playbooks_ja = R\"winback(${ja_text})winback\";
const std::string_view builtin_playbooks_en = R\"winback(${en_text})winback\";
}
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
