# readme_rules.cmake - README.md's table of profile rules must be what
# `redir rules` prints from the library's rows (src/rules.c), so that a
# rule is written in one place.
#
#   cmake -D TOOL=build/examples/redir -D README=README.md \
#         [-D UPDATE=1] -P tests/cmake/readme_rules.cmake
#
# Fails when the text between <!-- rules:begin --> and <!-- rules:end -->
# differs; with UPDATE=1 it rewrites that text instead.

foreach(var TOOL README)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "readme_rules: -D ${var}=... is required")
    endif()
endforeach()

execute_process(COMMAND "${TOOL}" rules
    OUTPUT_VARIABLE table RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "readme_rules: '${TOOL} rules' failed (${rc})")
endif()

file(READ "${README}" text)
set(begin "<!-- rules:begin (made by `redir rules`; do not edit) -->\n")
set(end "<!-- rules:end -->")
string(FIND "${text}" "${begin}" b)
string(FIND "${text}" "${end}" e)
if(b LESS 0 OR e LESS 0 OR e LESS b)
    message(FATAL_ERROR "readme_rules: ${README} has no rules markers")
endif()
string(LENGTH "${begin}" blen)
math(EXPR from "${b} + ${blen}")
math(EXPR len "${e} - ${from}")
string(SUBSTRING "${text}" ${from} ${len} current)

if(current STREQUAL table)
    message(STATUS "readme_rules: README.md's rules table matches the rows")
elseif(UPDATE)
    string(SUBSTRING "${text}" 0 ${from} head)
    string(SUBSTRING "${text}" ${e} -1 tail)
    file(WRITE "${README}" "${head}${table}${tail}")
    message(STATUS "readme_rules: README.md's rules table rewritten")
else()
    message(FATAL_ERROR "readme_rules: README.md's rules table differs from "
        "`redir rules`; run cmake -D TOOL=... -D README=README.md -D UPDATE=1 "
        "-P tests/cmake/readme_rules.cmake")
endif()
