# Runs one end-to-end case: the real winback binary with the arguments of CASE_DIR/args
# (one per line), in CASE_DIR, and compares stdout, stderr and the exit code with the files
# CASE_DIR/stdout, CASE_DIR/stderr and CASE_DIR/exit (absent: empty output, exit 0).
# Optional CASE_DIR/env holds NAME=VALUE lines added to a fixed environment; @CASE_DIR@ in a
# value is the case folder, and the case folder in the output is shown as @CASE_DIR@.
# With the environment variable UPDATE_GOLDEN=1 the expected files are rewritten instead.
# A case whose input is too big to store has CASE_DIR/generate, a bash script run in WORK_DIR to
# write it there; winback then runs in WORK_DIR instead of CASE_DIR.
#
# cmake -DWINBACK=path/to/winback -DCASE_DIR=tests/cli/NAME -DWORK_DIR=scratch -P run_case.cmake

cmake_policy(SET CMP0053 NEW)  # "@CASE_DIR@" is text, not a variable reference
file(STRINGS ${CASE_DIR}/args args ENCODING UTF-8)
set(env_args --unset=LC_ALL --unset=LC_MESSAGES --unset=WINBACK_DIR --unset=NO_COLOR --unset=XDG_CONFIG_HOME
             LANG=C.UTF-8 TZ=Asia/Tokyo)
if(EXISTS ${CASE_DIR}/env)
  file(STRINGS ${CASE_DIR}/env extra_env ENCODING UTF-8)
  string(REPLACE "@CASE_DIR@" "${CASE_DIR}" extra_env "${extra_env}")
  list(APPEND env_args ${extra_env})
endif()

# Output goes to files, byte for byte: a CSV's CRLF line ends must survive the comparison.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(run_dir ${CASE_DIR})
if(EXISTS ${CASE_DIR}/generate)
  set(run_dir ${WORK_DIR}/run)
  file(MAKE_DIRECTORY ${run_dir})
  execute_process(COMMAND bash ${CASE_DIR}/generate WORKING_DIRECTORY ${run_dir} RESULT_VARIABLE generated)
  if(NOT generated EQUAL 0)
    message(FATAL_ERROR "${CASE_DIR}/generate failed")
  endif()
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${env_args} ${WINBACK} ${args}
  WORKING_DIRECTORY ${run_dir}
  OUTPUT_FILE ${WORK_DIR}/actual_stdout
  ERROR_FILE ${WORK_DIR}/actual_stderr
  RESULT_VARIABLE actual_exit)
file(WRITE ${WORK_DIR}/actual_exit "${actual_exit}\n")
foreach(stream IN ITEMS stdout stderr)
  file(READ ${WORK_DIR}/actual_${stream} text)
  string(FIND "${text}" "${CASE_DIR}" at)
  if(NOT at EQUAL -1)
    string(REPLACE "${CASE_DIR}" "@CASE_DIR@" text "${text}")
    file(WRITE ${WORK_DIR}/actual_${stream} "${text}")
  endif()
endforeach()

set(failed FALSE)
foreach(stream IN ITEMS stdout stderr exit)
  set(actual_file ${WORK_DIR}/actual_${stream})
  set(expected_file ${CASE_DIR}/${stream})
  file(SIZE ${actual_file} actual_size)
  file(READ ${actual_file} actual)
  set(empty FALSE)
  if(actual_size EQUAL 0 OR (stream STREQUAL "exit" AND actual STREQUAL "0\n"))
    set(empty TRUE)
  endif()
  if(DEFINED ENV{UPDATE_GOLDEN})
    if(empty)
      file(REMOVE ${expected_file})
    else()
      file(COPY_FILE ${actual_file} ${expected_file})
    endif()
    continue()
  endif()
  if(NOT EXISTS ${expected_file})
    if(empty)
      continue()
    endif()
    set(expected_file ${WORK_DIR}/expected_${stream})
    file(WRITE ${expected_file} "")
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${expected_file} ${actual_file} RESULT_VARIABLE differs)
  if(differs)
    set(failed TRUE)
    execute_process(COMMAND diff -u ${expected_file} ${actual_file})
    message(STATUS "${stream} differs from ${CASE_DIR}/${stream}")
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "case ${CASE_DIR} failed (UPDATE_GOLDEN=1 ctest ... rewrites the expected files)")
endif()
