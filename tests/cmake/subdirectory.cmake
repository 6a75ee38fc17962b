# subdirectory.cmake - the `subdirectory` test (cmake -P): configures,
# builds and runs tests/consumer/subdir, a project that takes redir in
# with add_subdirectory(); it must print the RFC 3986 example resolution
# and start a chain.
cmake_minimum_required(VERSION 3.21)
include("${CMAKE_CURRENT_LIST_DIR}/consumer_check.cmake")
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/consumer/subdir"
                        -B "${WORK_DIR}" "-DREDIR_DIR=${SOURCE_DIR}"
                        "-DCMAKE_C_COMPILER=${C_COMPILER}"
                        COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}"
                COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
redir_consumer_expected(expected "")
redir_check_consumer("${WORK_DIR}/consumer" "${expected}")
message(STATUS "subdirectory: add_subdirectory(redir) works")
