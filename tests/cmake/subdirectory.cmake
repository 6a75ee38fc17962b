# subdirectory.cmake - the `subdirectory` test (cmake -P): configures,
# builds and runs tests/consumer/subdir, a project that takes redir in
# with add_subdirectory(); it must print the RFC 3986 example resolution
# and start a chain.
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/consumer/subdir"
                        -B "${WORK_DIR}" "-DREDIR_DIR=${SOURCE_DIR}"
                        "-DCMAKE_C_COMPILER=${C_COMPILER}"
                        COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK_DIR}"
                COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${WORK_DIR}/consumer" OUTPUT_VARIABLE got
                COMMAND_ERROR_IS_FATAL ANY)
set(want "http://a/b/g\nchain ok, REDIR_URL_MAX=8000\n")
if(NOT got STREQUAL want)
    message(FATAL_ERROR "subdirectory: printed\n${got}\nwant\n${want}")
endif()
message(STATUS "subdirectory: add_subdirectory(redir) works")
