# What `cmake --install` puts where, and the Debian package `cpack -G DEB`
# makes of it:
#   bin/leakguard, bin/leakguard-clangd
#   lib/leakguard/<version>/libLeakGuard.so and libLeakGuardChecks.so — the
#     clang-tidy plugin; the first loads the second from its own directory,
#     so the two stay together (clang-tidy-22 --load=<dir>/libLeakGuard.so)
#   share/leakguard/rules/*.yaml — the rule packs (built into the checks;
#     installed to read and to start rule files of one's own from)
#   share/doc/leakguard/ — README.md and docs/
include(GNUInstallDirs)
set(LEAKGUARD_PLUGIN_INSTALL_DIR lib/leakguard/${PROJECT_VERSION})
install(TARGETS LeakGuard LeakGuardChecks
        LIBRARY DESTINATION ${LEAKGUARD_PLUGIN_INSTALL_DIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/leakguard/rules
        FILES_MATCHING PATTERN "*.yaml" PATTERN "README.md")
install(FILES ${PROJECT_SOURCE_DIR}/README.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/leakguard)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/leakguard/docs
        FILES_MATCHING PATTERN "*.md" PATTERN "*.png"
        PATTERN "tools" EXCLUDE)

# The Debian package. Its Depends are the packages of the shared libraries
# the installed binaries load (a test compares them with ldd's view of the
# installed files), plus clang-tidy-22, which loads the plugin, and
# libclang-common-22-dev, which holds clang's builtin headers the analysis
# parses with.
set(CPACK_PACKAGE_NAME leakguard)
set(CPACK_PACKAGE_VENDOR "LeakGuard")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Static analysis of leaks in C and C++: threads, waits, caches, resources")
set(CPACK_PACKAGE_CONTACT "LeakGuard maintainers <leakguard@users.noreply.invalid>")
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(LEAKGUARD_DEB_DEPENDS
    libc6 libgcc-s1 libstdc++6 libllvm22 libclang-cpp22 libyaml-cpp0.7
    libsqlite3-0 clang-tidy-22 libclang-common-22-dev)
if(TARGET leakguard-clangd)
  # clangd-22's remote index, linked into leakguard-clangd.
  list(APPEND LEAKGUARD_DEB_DEPENDS
       libgrpc++1.51 libgrpc29 libprotobuf32 libabsl20220623)
endif()
string(REPLACE ";" ", " CPACK_DEBIAN_PACKAGE_DEPENDS "${LEAKGUARD_DEB_DEPENDS}")
include(CPack)
