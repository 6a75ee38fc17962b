# makefile.cmake - the `makefile` test, run by ctest as `cmake -P`:
# builds the library with examples/make/Makefile (plain make, -std=c99
# -Wall -Wextra -pedantic -Werror) into WORK_DIR, then compiles
# tests/consumer/consumer.c against it and runs it: it must print the
# RFC 3986 example resolution and start a chain. LIMITS is the build's
# REDIR_LIMITS ("A=1,B=2"), passed to both as -D flags.
cmake_minimum_required(VERSION 3.21)
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
include("${CMAKE_CURRENT_LIST_DIR}/consumer_check.cmake")
set(defines "")
string(REPLACE "," ";" limits "${LIMITS}")
foreach(limit IN LISTS limits)
    list(APPEND defines "-D${limit}")
endforeach()
string(JOIN " " defines_text ${defines})
set(cflags -std=c99 -O2 -Wall -Wextra -pedantic -Werror)
string(JOIN " " cflags_text ${cflags})

execute_process(COMMAND "${MAKE}" -C "${SOURCE_DIR}/examples/make"
                        "O=${WORK_DIR}" "CC=${C_COMPILER}"
                        "CFLAGS=${cflags_text}" "DEFINES=${defines_text}"
                COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${C_COMPILER}" ${cflags} ${defines}
                        "-I${SOURCE_DIR}/include"
                        "${SOURCE_DIR}/tests/consumer/consumer.c"
                        "${WORK_DIR}/libredir.a" -o "${WORK_DIR}/consumer"
                COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
redir_consumer_expected(expected "${LIMITS}")
redir_check_consumer("${WORK_DIR}/consumer" "${expected}")
message(STATUS "makefile: libredir.a from plain make works")
