# exports.cmake - a shared libredir exports exactly the functions the
# public headers declare with REDIR_API, nothing internal.
#
#   cmake -D SOURCE_DIR=. -D WORK_DIR=build/exports -P tests/cmake/exports.cmake
#
# Builds the library alone as a shared library in WORK_DIR, lists its
# dynamic symbols with `nm -D --defined-only`, and compares the function
# names with the REDIR_API declarations of include/*.h.

foreach(var SOURCE_DIR WORK_DIR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "exports: -D ${var}=... is required")
    endif()
endforeach()

function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc
        OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "exports: '${ARGN}' failed (${rc}):\n${out}${err}")
    endif()
    set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" -S "${SOURCE_DIR}" -B "${WORK_DIR}"
    -DBUILD_SHARED_LIBS=ON -DREDIR_BUILD_TESTS=OFF -DREDIR_BUILD_EXAMPLES=OFF
    -DCMAKE_BUILD_TYPE=Release)
run("${CMAKE_COMMAND}" --build "${WORK_DIR}" -j2)
file(GLOB libs "${WORK_DIR}/libredir.so.*.*")
list(GET libs 0 lib)
run(nm -D --defined-only "${lib}")
string(REGEX MATCHALL "[0-9a-f]+ T [A-Za-z_0-9]+" lines "${out}")
set(exported "")
foreach(line IN LISTS lines)
    string(REGEX REPLACE ".* T " "" name "${line}")
    list(APPEND exported "${name}")
endforeach()
list(SORT exported)

set(declared "")
file(GLOB headers "${SOURCE_DIR}/include/*.h")
foreach(h IN LISTS headers)
    file(STRINGS "${h}" decls REGEX "^REDIR_API ")
    foreach(d IN LISTS decls)
        string(REGEX MATCH "redir_[a-z0-9_]+\\(" name "${d}")
        string(REPLACE "(" "" name "${name}")
        list(APPEND declared "${name}")
    endforeach()
endforeach()
list(SORT declared)

list(LENGTH declared n)
if(NOT exported STREQUAL declared)
    set(extra ${exported})
    list(REMOVE_ITEM extra ${declared})
    set(missing ${declared})
    list(REMOVE_ITEM missing ${exported})
    message(FATAL_ERROR "exports: libredir exports other functions than "
        "the headers declare.\n  exported, not declared: ${extra}\n"
        "  declared, not exported: ${missing}")
endif()
message(STATUS "exports: ${n} functions, exactly the REDIR_API ones")
