# consumer_check.cmake - what tests/consumer/consumer.c must print, and
# the check of it, for the tests that build it against a library
# (consumer, makefile, subdirectory; included by their scripts).

# redir_consumer_expected(<var> <limits>): the consumer's output for a
# library built with <limits> ("A=1,B=2" or a list; empty: the defaults).
function(redir_consumer_expected var limits)
    string(REPLACE "," ";" limits "${limits}")
    set(url_max 8000)
    foreach(limit IN LISTS limits)
        if(limit MATCHES "^REDIR_URL_MAX=([0-9]+)$")
            set(url_max ${CMAKE_MATCH_1})
        endif()
    endforeach()
    set(${var} "http://a/b/g\nchain ok, REDIR_URL_MAX=${url_max}" PARENT_SCOPE)
endfunction()

# redir_check_consumer(<exe> <expected>): runs <exe>, which must exit 0
# and print exactly <expected> (trailing whitespace aside).
function(redir_check_consumer exe expected)
    execute_process(COMMAND "${exe}" RESULT_VARIABLE rc
        OUTPUT_VARIABLE out OUTPUT_STRIP_TRAILING_WHITESPACE)
    if(NOT rc EQUAL 0 OR NOT out STREQUAL expected)
        message(FATAL_ERROR
            "${exe}: exit ${rc}, printed '${out}', expected '${expected}'")
    endif()
    message(STATUS "${exe}: ${out}")
endfunction()
