# Embeds the default rule packs (rules/*.yaml) into the binaries, so LeakGuard works with
# zero configuration. Produces generated/EmbeddedRules.inc with one entry per pack:
#   {"libc.yaml", R"lgrules(...)lgrules"},
file(GLOB LEAKGUARD_RULE_PACKS CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/rules/*.yaml)
set(LEAKGUARD_EMBEDDED_RULES_INC ${CMAKE_CURRENT_BINARY_DIR}/generated/EmbeddedRules.inc)
# The pack list is passed as one argument: $<SEMICOLON> keeps add_custom_command
# from splitting it, VERBATIM quotes it for the shell.
string(REPLACE ";" "$<SEMICOLON>" LEAKGUARD_RULE_PACKS_ARG "${LEAKGUARD_RULE_PACKS}")
add_custom_command(
  OUTPUT ${LEAKGUARD_EMBEDDED_RULES_INC}
  COMMAND ${CMAKE_COMMAND} -DOUT=${LEAKGUARD_EMBEDDED_RULES_INC}
          "-DPACKS=${LEAKGUARD_RULE_PACKS_ARG}"
          -P ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteEmbeddedRules.cmake
  DEPENDS ${LEAKGUARD_RULE_PACKS} ${CMAKE_CURRENT_SOURCE_DIR}/cmake/WriteEmbeddedRules.cmake
  COMMENT "Embedding LeakGuard rule packs"
  VERBATIM)
add_custom_target(leakguard_embedded_rules DEPENDS ${LEAKGUARD_EMBEDDED_RULES_INC})
set(LEAKGUARD_EMBEDDED_RULES_CPP ${LEAKGUARD_EMBEDDED_RULES_INC})
set_source_files_properties(${LEAKGUARD_EMBEDDED_RULES_INC} PROPERTIES
  HEADER_FILE_ONLY ON GENERATED ON)
