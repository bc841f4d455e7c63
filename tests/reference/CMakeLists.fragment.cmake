# Reference check of the holiday rules against the Cabinet Office list (内閣府
# syukujitsu.csv), fetched from the npm registry at test time (never committed).
# Include from the tests' CMakeLists.txt, after winback_core exists:
#   include(${CMAKE_CURRENT_SOURCE_DIR}/reference/CMakeLists.fragment.cmake)
# Run alone with: ctest -L reference --output-on-failure
# Without npm or the registry the fetch test fails, and the comparison is not run
# (CTest reports it as failed: its fixture's setup failed).

find_program(WINBACK_BASH bash REQUIRED)

add_executable(winback_holiday_reference ${CMAKE_CURRENT_LIST_DIR}/holiday_reference.cpp)
target_link_libraries(winback_holiday_reference PRIVATE winback_core)

set(WINBACK_SYUKUJITSU_CSV ${CMAKE_CURRENT_BINARY_DIR}/reference/syukujitsu.csv)

add_test(NAME holiday_reference_fetch
         COMMAND ${WINBACK_BASH} ${CMAKE_CURRENT_LIST_DIR}/fetch_syukujitsu.sh ${WINBACK_SYUKUJITSU_CSV})
set_tests_properties(holiday_reference_fetch PROPERTIES
                     FIXTURES_SETUP syukujitsu_csv
                     LABELS reference
                     TIMEOUT 300)

add_test(NAME holiday_reference
         COMMAND winback_holiday_reference ${WINBACK_SYUKUJITSU_CSV})
set_tests_properties(holiday_reference PROPERTIES
                     FIXTURES_REQUIRED syukujitsu_csv
                     LABELS reference
                     TIMEOUT 60)
