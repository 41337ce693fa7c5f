# LeakGuard's own sources must satisfy clang-format and clang-tidy-22 (with the leak-*
# checks themselves). Both run as ordinary tests so the test command fails on them.
add_test(NAME self-format
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/self-lint.sh ${CMAKE_BINARY_DIR} format)
add_test(NAME self-tidy
         COMMAND ${CMAKE_SOURCE_DIR}/scripts/self-lint.sh ${CMAKE_BINARY_DIR} tidy)
set_tests_properties(self-tidy PROPERTIES TIMEOUT 1800)
