# consumer.cmake - the `consumer` test, run by ctest as `cmake -P` (the
# variables come from tests/CMakeLists.txt). Installs the build under test
# into a scratch prefix and checks that an outside program can use it:
#   1. tests/consumer/ as its own CMake project, via find_package(redir);
#   2. tests/consumer/consumer.c compiled by hand, via pkg-config.
# Each program must print the RFC 3986 example resolution "http://a/b/g"
# and start a chain with the limits the library was built with.
#
# With LIMITS ("REDIR_URL_MAX=1024,..."), the library is first
# built from SOURCE_DIR with -DREDIR_LIMITS=LIMITS into the work tree and
# that build is installed: the consumers, compiled with no -D of their
# own, must get the limits from the package and agree with the library.
cmake_minimum_required(VERSION 3.21)

include("${CMAKE_CURRENT_LIST_DIR}/consumer_check.cmake")
# The build under test may have limits of its own (BUILD_LIMITS, its
# REDIR_LIMITS): the consumers must see those.
redir_consumer_expected(expected "${LIMITS},${BUILD_LIMITS}")
set(prefix "${WORK_DIR}/prefix")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Any failing command fails the test; each command is echoed to the log.
macro(run)
    execute_process(COMMAND ${ARGN} COMMAND_ECHO STDOUT
        COMMAND_ERROR_IS_FATAL ANY)
endmacro()

set(config_arg "")
if(CONFIG)
    set(config_arg --config "${CONFIG}")
endif()

if(LIMITS)
    set(lib_build "${WORK_DIR}/lib")
    set(lib_args -S "${SOURCE_DIR}" -B "${lib_build}" -G "${GENERATOR}"
        "-DREDIR_LIMITS=${LIMITS}" -DREDIR_BUILD_TESTS=OFF
        -DREDIR_BUILD_EXAMPLES=OFF "-DCMAKE_C_COMPILER=${C_COMPILER}"
        "-DCMAKE_C_FLAGS=${C_FLAGS}")
    if(MAKE_PROGRAM)
        list(APPEND lib_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
    endif()
    if(CONFIG)
        list(APPEND lib_args "-DCMAKE_BUILD_TYPE=${CONFIG}")
    endif()
    run("${CMAKE_COMMAND}" ${lib_args})
    run("${CMAKE_COMMAND}" --build "${lib_build}" ${config_arg})
    set(BUILD_DIR "${lib_build}")
endif()
run("${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
    ${config_arg})

# A shared libredir must be found at run time by both programs.
set(ENV{LD_LIBRARY_PATH} "${prefix}/${LIBDIR}:$ENV{LD_LIBRARY_PATH}")

# Flags that change the ABI or need a runtime (sanitizers above all: an
# ASan-built static libredir only links into an ASan-built program) must
# match the library's, and so must the compiler.
separate_arguments(c_flags UNIX_COMMAND "${C_FLAGS}")
separate_arguments(ld_flags UNIX_COMMAND "${EXE_LINKER_FLAGS}")

# --- 1. find_package(redir) -------------------------------------------------
set(cmake_build "${WORK_DIR}/cmake")
set(args -S "${CONSUMER_DIR}" -B "${cmake_build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DCMAKE_C_COMPILER=${C_COMPILER}"
    "-DCMAKE_C_FLAGS=${C_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}")
if(MAKE_PROGRAM)
    list(APPEND args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CONFIG)
    list(APPEND args "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()
run("${CMAKE_COMMAND}" ${args})

# Make sure it was our fresh install that was found, not some other redir.
file(STRINGS "${cmake_build}/CMakeCache.txt" found REGEX "^redir_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found "${found}")
cmake_path(IS_PREFIX prefix "${found}" NORMALIZE found_ours)
if(NOT found_ours)
    message(FATAL_ERROR "find_package(redir) used '${found}', not ${prefix}")
endif()

run("${CMAKE_COMMAND}" --build "${cmake_build}" ${config_arg})
if(EXISTS "${cmake_build}/consumer")
    redir_check_consumer("${cmake_build}/consumer" "${expected}")
else() # multi-config generators put it in a per-config directory
    redir_check_consumer("${cmake_build}/${CONFIG}/consumer" "${expected}")
endif()

# --- 2. pkg-config ------------------------------------------------------------
set(ENV{PKG_CONFIG_PATH} "${prefix}/${LIBDIR}/pkgconfig")
execute_process(COMMAND "${PKG_CONFIG}" --cflags --libs redir
    OUTPUT_VARIABLE pc_flags OUTPUT_STRIP_TRAILING_WHITESPACE
    COMMAND_ECHO STDOUT COMMAND_ERROR_IS_FATAL ANY)
message(STATUS "pkg-config --cflags --libs redir: ${pc_flags}")
separate_arguments(pc_flags UNIX_COMMAND "${pc_flags}")
# Strict C99 with warnings as errors: the installed headers must be clean
# for a pedantic consumer too.
run("${C_COMPILER}" ${c_flags} -std=c99 -Wall -Wextra -Wpedantic -Werror
    "${CONSUMER_DIR}/consumer.c" ${pc_flags} ${ld_flags}
    -o "${WORK_DIR}/consumer-pkgconfig")
redir_check_consumer("${WORK_DIR}/consumer-pkgconfig" "${expected}")
