# esp_idf.cmake - the `esp_idf_component` test, run as
# `cmake -D SOURCE_DIR=<repo> -P esp_idf.cmake`. ESP-IDF itself is not
# available here, so this reads the top-level CMakeLists.txt the way the
# IDF build includes a component's, with ESP_PLATFORM set and stand-ins
# that record what it registers, and checks that it registers every
# source in src/ and the public headers, without IDNA unless REDIR_IDNA
# is ON, and that nothing after the registration runs (project() would
# fail in script mode).
cmake_minimum_required(VERSION 3.21)

set(ESP_PLATFORM 1)
set(COMPONENT_LIB __idf_redir)
function(idf_component_register)
    set(registered "${ARGN}" PARENT_SCOPE)
endfunction()
function(target_compile_definitions)
    set(definitions "${ARGN}" PARENT_SCOPE)
endfunction()

include("${SOURCE_DIR}/CMakeLists.txt")
set(without_idna "${definitions}")
set(definitions "")
set(REDIR_IDNA ON)
include("${SOURCE_DIR}/CMakeLists.txt")

file(GLOB sources RELATIVE "${SOURCE_DIR}" "${SOURCE_DIR}/src/*.c")
list(SORT sources)
set(want SRCS ${sources} INCLUDE_DIRS include)
if(NOT registered STREQUAL want)
    message(FATAL_ERROR "esp_idf_component: registered\n  ${registered}\n"
                        "want\n  ${want}")
endif()
if(NOT without_idna STREQUAL "__idf_redir;PRIVATE;REDIR_NO_IDNA" OR
   NOT definitions STREQUAL "")
    message(FATAL_ERROR "esp_idf_component: definitions '${without_idna}', "
                        "with REDIR_IDNA ON '${definitions}'")
endif()
message(STATUS "esp_idf_component: registers ${sources} with include/")
