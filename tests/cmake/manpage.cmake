# manpage.cmake - examples/redir.1 describes exactly the tool's options:
# every option `redir --help` defines (a line starting "  -") and every
# option of its synopsis is in the page, every option the page names is
# in the help text, and the page's version is the tool's.
#
#   cmake -D TOOL=build/examples/redir -D PAGE=examples/redir.1 \
#         -P tests/cmake/manpage.cmake

foreach(var TOOL PAGE)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "manpage: -D ${var}=... is required")
    endif()
endforeach()
execute_process(COMMAND "${TOOL}" --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
execute_process(COMMAND "${TOOL}" --version OUTPUT_VARIABLE version)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "manpage: '${TOOL} --help' failed")
endif()
file(READ "${PAGE}" page)
# The page's text with roff's escaped hyphens and font changes undone.
string(REPLACE "\\-" "-" text "${page}")
string(REGEX REPLACE "\\\\f[BIRP]" "" text "${text}")
# Brackets and semicolons would split CMake lists wrongly: make them
# spaces in both texts (they never are part of an option).
foreach(var text help)
    string(REGEX REPLACE "[][;]" " " ${var} "${${var}}")
endforeach()

set(option_re "--?[A-Za-z][A-Za-z0-9-]*")
# Options the help defines, and those of its synopsis lines.
string(REGEX MATCHALL "\n  ${option_re}" defined "${help}")
string(REGEX MATCHALL "(usage: |\n       )redir [^\n]*" synopsis "${help}")
string(REGEX MATCHALL "[ |]${option_re}" in_synopsis "${synopsis}")
set(wanted "")
foreach(o IN LISTS defined in_synopsis)
    string(REGEX MATCH "${option_re}" o "${o}")
    list(APPEND wanted "${o}")
endforeach()
list(REMOVE_DUPLICATES wanted)
set(problems "")
foreach(o IN LISTS wanted)
    string(REGEX MATCH "[^A-Za-z0-9-]${o}([^A-Za-z0-9-]|$)" hit "${text}")
    if(NOT hit)
        string(APPEND problems "\n  ${o} is an option of the tool but not "
                               "in the page")
    endif()
endforeach()
# Every option the page names exists in the help text.
string(REGEX MATCHALL "[ \n(]${option_re}" named "${text}")
foreach(o IN LISTS named)
    string(REGEX MATCH "${option_re}" o "${o}")
    string(REGEX MATCH "[^A-Za-z0-9-]${o}([^A-Za-z0-9-]|$)" hit "${help}")
    if(NOT hit)
        string(APPEND problems "\n  ${o} is in the page but not an option")
    endif()
endforeach()
string(REGEX MATCH "redir ([0-9]+\\.[0-9]+\\.[0-9]+)" _ "${version}")
set(tool_version "${CMAKE_MATCH_1}")
string(FIND "${page}" "\"redir ${tool_version}\"" at)
if(at LESS 0)
    string(APPEND problems "\n  the page's .TH does not say redir "
                           "${tool_version}")
endif()
if(problems)
    message(FATAL_ERROR "manpage: ${PAGE} and the tool disagree:${problems}")
endif()
list(LENGTH wanted n)
message(STATUS "manpage: ${n} options, all in ${PAGE}; version ${tool_version}")
