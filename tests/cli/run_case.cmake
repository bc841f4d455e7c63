# Runs one end-to-end case: the real winback binary with the arguments of CASE_DIR/args
# (one per line), in CASE_DIR, and compares stdout, stderr and the exit code with the files
# CASE_DIR/stdout, CASE_DIR/stderr and CASE_DIR/exit (absent: empty output, exit 0).
# Optional CASE_DIR/env holds NAME=VALUE lines added to a fixed environment.
# With the environment variable UPDATE_GOLDEN=1 the expected files are rewritten instead.
#
# cmake -DWINBACK=path/to/winback -DCASE_DIR=tests/cli/NAME -DWORK_DIR=scratch -P run_case.cmake

file(STRINGS ${CASE_DIR}/args args ENCODING UTF-8)
set(env_args --unset=LC_ALL --unset=LC_MESSAGES --unset=WINBACK_DIR --unset=NO_COLOR --unset=XDG_CONFIG_HOME
             LANG=C.UTF-8 TZ=Asia/Tokyo)
if(EXISTS ${CASE_DIR}/env)
  file(STRINGS ${CASE_DIR}/env extra_env ENCODING UTF-8)
  list(APPEND env_args ${extra_env})
endif()

execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${env_args} ${WINBACK} ${args}
  WORKING_DIRECTORY ${CASE_DIR}
  OUTPUT_VARIABLE actual_stdout
  ERROR_VARIABLE actual_stderr
  RESULT_VARIABLE actual_exit)

set(failed FALSE)
file(MAKE_DIRECTORY ${WORK_DIR})
foreach(stream IN ITEMS stdout stderr exit)
  if(stream STREQUAL "exit")
    set(actual "${actual_exit}\n")
  else()
    set(actual "${actual_${stream}}")
  endif()
  set(expected_file ${CASE_DIR}/${stream})
  if(DEFINED ENV{UPDATE_GOLDEN})
    if(actual STREQUAL "" OR (stream STREQUAL "exit" AND actual STREQUAL "0\n"))
      file(REMOVE ${expected_file})
    else()
      file(WRITE ${expected_file} "${actual}")
    endif()
    continue()
  endif()
  set(expected "")
  if(EXISTS ${expected_file})
    file(READ ${expected_file} expected)
  elseif(stream STREQUAL "exit")
    set(expected "0\n")
  endif()
  if(NOT actual STREQUAL expected)
    set(failed TRUE)
    file(WRITE ${WORK_DIR}/expected_${stream} "${expected}")
    file(WRITE ${WORK_DIR}/actual_${stream} "${actual}")
    execute_process(COMMAND diff -u ${WORK_DIR}/expected_${stream} ${WORK_DIR}/actual_${stream})
    message(STATUS "${stream} differs from ${expected_file}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "case ${CASE_DIR} failed (UPDATE_GOLDEN=1 ctest ... rewrites the expected files)")
endif()
