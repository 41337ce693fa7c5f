# libFuzzer target for the rule-file loader (checks/utils/fuzz/RulesFuzzer.cpp)
# and a short ctest run over the seed corpus in testdata/rules/fuzz-corpus/.
# The project's compiler may be g++; the fuzzer needs clang with
# -fsanitize=fuzzer, so it is built by invoking clang++-22 directly. It covers
# the yaml-cpp translation unit, schema validation and merging (LLVM Support
# only, no clang libraries).
find_program(LEAKGUARD_FUZZ_CXX NAMES clang++-22 clang++
             HINTS ${LEAKGUARD_LLVM_BIN} NO_DEFAULT_PATH)
if(NOT LEAKGUARD_FUZZ_CXX)
  find_program(LEAKGUARD_FUZZ_CXX NAMES clang++-22)
endif()
option(LEAKGUARD_BUILD_FUZZER "Build the rule-loader fuzzer with clang -fsanitize=fuzzer" ON)
if(NOT LEAKGUARD_BUILD_FUZZER OR NOT LEAKGUARD_FUZZ_CXX)
  return()
endif()

# What every fuzzer is built with, and its short run in ctest: new inputs go
# to a scratch directory in the build tree, the seed corpus in the source
# tree is only read.
set(LEAKGUARD_FUZZ_FLAGS -std=c++17 -g -O1
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined)
function(leakguard_fuzz_test name binary corpus)
  set(work ${CMAKE_CURRENT_BINARY_DIR}/${name}-work)
  add_test(NAME ${name}
           COMMAND sh -c "mkdir -p '${work}' && exec '${binary}' -max_total_time=20 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ${ARGN} '${work}' '${corpus}'")
  set_tests_properties(${name} PROPERTIES TIMEOUT 120)
endfunction()

set(LEAKGUARD_RULES_FUZZER ${CMAKE_CURRENT_BINARY_DIR}/leakguard-rules-fuzzer)
set(fuzz_sources
  ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/fuzz/RulesFuzzer.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/RulesYaml.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/RuleLoader.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/ApiModel.cpp)
# One compiler run; all of it with exceptions, which the yaml-cpp TU needs and
# the rest does not mind.
add_custom_command(
  OUTPUT ${LEAKGUARD_RULES_FUZZER}
  COMMAND ${LEAKGUARD_FUZZ_CXX} ${LEAKGUARD_FUZZ_FLAGS} -fexceptions -frtti
          ${LEAKGUARD_LLVM_DEFINITIONS}
          -I${CMAKE_CURRENT_SOURCE_DIR}/checks
          -I${CMAKE_CURRENT_BINARY_DIR}/generated
          -isystem ${LLVM_INCLUDE_DIRS}
          ${fuzz_sources}
          -L${LLVM_LIBRARY_DIR} -Wl,-rpath,${LLVM_LIBRARY_DIR} -lLLVM -lyaml-cpp
          -o ${LEAKGUARD_RULES_FUZZER}
  DEPENDS ${fuzz_sources} ${LEAKGUARD_EMBEDDED_RULES_INC}
          ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/RulesYaml.h
          ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/RuleLoader.h
          ${CMAKE_CURRENT_SOURCE_DIR}/checks/utils/ApiModel.h
  COMMENT "Building the rule-loader fuzzer with ${LEAKGUARD_FUZZ_CXX}"
  VERBATIM)
add_custom_target(leakguard_rules_fuzzer ALL DEPENDS ${LEAKGUARD_RULES_FUZZER})

leakguard_fuzz_test(rules-fuzz ${LEAKGUARD_RULES_FUZZER}
  ${CMAKE_CURRENT_SOURCE_DIR}/testdata/rules/fuzz-corpus
  "-dict='${CMAKE_CURRENT_SOURCE_DIR}/testdata/rules/fuzz.dict'")

# libFuzzer target for the driver's inputs (driver/leakguard/fuzz/): the diff
# parser, the baseline reader, the reader of unit results (the cache), every
# report writer fed findings with arbitrary text, and the compilation-database
# reader with the adaptation of its commands. Built the same way,
# with assertions on (no NDEBUG), so that llvm::json's checks fire too.
set(LEAKGUARD_DRIVER_FUZZER ${CMAKE_CURRENT_BINARY_DIR}/leakguard-driver-fuzzer)
set(driver_fuzz_sources ${CMAKE_CURRENT_SOURCE_DIR}/driver/leakguard/fuzz/DriverInputsFuzzer.cpp)
foreach(unit Baseline CheckInfo CompileDb Diff Finding FixesFormat GithubFormat HtmlFormat
             JsonFormat MarkdownFormat SarifFormat SourceText TextFormat)
  list(APPEND driver_fuzz_sources
       ${CMAKE_CURRENT_SOURCE_DIR}/driver/leakguard/${unit}.cpp)
endforeach()
file(GLOB driver_fuzz_headers ${CMAKE_CURRENT_SOURCE_DIR}/driver/leakguard/*.h)
add_custom_command(
  OUTPUT ${LEAKGUARD_DRIVER_FUZZER}
  COMMAND ${LEAKGUARD_FUZZ_CXX} ${LEAKGUARD_FUZZ_FLAGS} -fno-exceptions -fno-rtti
          ${LEAKGUARD_LLVM_DEFINITIONS}
          -DLEAKGUARD_VERSION="${PROJECT_VERSION}-fuzz"
          -DLEAKGUARD_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
          -DLEAKGUARD_DOC_BASE_URL=""
          -I${CMAKE_CURRENT_SOURCE_DIR}/driver/leakguard
          -isystem ${LLVM_INCLUDE_DIRS}
          ${driver_fuzz_sources}
          -L${LLVM_LIBRARY_DIR} -Wl,-rpath,${LLVM_LIBRARY_DIR}
          $<TARGET_FILE:clang-cpp> -lLLVM
          -o ${LEAKGUARD_DRIVER_FUZZER}
  DEPENDS ${driver_fuzz_sources} ${driver_fuzz_headers}
  COMMENT "Building the driver-inputs fuzzer with ${LEAKGUARD_FUZZ_CXX}"
  VERBATIM)
add_custom_target(leakguard_driver_fuzzer ALL DEPENDS ${LEAKGUARD_DRIVER_FUZZER})

leakguard_fuzz_test(driver-fuzz ${LEAKGUARD_DRIVER_FUZZER}
  ${CMAKE_CURRENT_SOURCE_DIR}/testdata/driver/fuzz-corpus)
