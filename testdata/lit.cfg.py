# -*- Python -*-
# lit configuration for LeakGuard's test suite.
import os
import shutil
import subprocess

import lit.formats

config.name = "LeakGuard"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test", ".cc"]
config.excludes = ["Inputs", "tools", "sanitizer", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.leakguard_obj_root, "testdata")

tools = config.llvm_tools_dir
config.environment["PATH"] = os.pathsep.join(
    [tools, config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ("HOME", "TMPDIR", "LANG", "LC_ALL"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

headers = os.path.join(config.test_source_root, "Inputs", "Headers")
clang_tidy = os.path.join(tools, "clang-tidy")

# A sanitized build (LEAKGUARD_SANITIZE): the executables carry the sanitizer
# runtime; Debian's clang-tidy-22 does not, so it runs the plugin with the
# runtime preloaded, through a wrapper (only clang-tidy: Python and the other
# tools must not run under LeakSanitizer). Any report fails the test: the
# runtime exits non-zero. LLVM's own leaks are suppressed by
# testdata/sanitizer/lsan.supp, each entry explained there.
if getattr(config, "asan_runtime", ""):
    config.available_features.add("sanitized")
    supp = os.path.join(config.test_source_root, "sanitizer", "lsan.supp")
    # allow_user_poisoning=0: LLVM's allocators poison their free memory in
    # instrumented code only; where LeakGuard's instrumented copy of an inline
    # allocator function meets Debian's uninstrumented LLVM and clangd code,
    # that code would write to memory it never unpoisoned.
    # LEAKGUARD_DETECT_LEAKS=0 where LeakSanitizer cannot run (a container
    # without ptrace; scripts/sanitized-tests.sh finds out).
    detect_leaks = os.environ.get("LEAKGUARD_DETECT_LEAKS", "1")
    config.environment["ASAN_OPTIONS"] = (
        "detect_leaks=%s:abort_on_error=0:halt_on_error=1:exitcode=86:"
        "allow_user_poisoning=0:detect_stack_use_after_return=0" % detect_leaks)
    config.environment["LSAN_OPTIONS"] = "suppressions=%s:print_suppressions=0" % supp
    config.environment["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    wrapper = os.path.join(config.leakguard_obj_root, "testdata", "clang-tidy-sanitized")
    os.makedirs(os.path.dirname(wrapper), exist_ok=True)
    with open(wrapper, "w") as f:
        f.write('#!/bin/sh\nLD_PRELOAD="%s" exec "%s" "$@"\n' %
                (config.asan_runtime, clang_tidy))
    os.chmod(wrapper, 0o755)
    clang_tidy = wrapper
check_tool = os.path.join(config.test_source_root, "tools", "check_leakguard.py")
check_cmd = "%s %s --clang-tidy=%s --plugin=%s --resource-dir=%s" % (
    config.python_executable, check_tool, clang_tidy, config.plugin,
    config.clang_resource_dir)

config.substitutions.append(("%check_leakguard_real", check_cmd + " --real-headers"))
config.substitutions.append(("%check_leakguard", check_cmd + " --mock-headers=" + headers))
config.substitutions.append(
    ("%clang_tidy_leak", "%s --load=%s" % (clang_tidy, config.plugin)))
config.substitutions.append(("%clang_tidy", clang_tidy))
config.substitutions.append(("%clang_cc", os.path.join(tools, "clang")))
config.substitutions.append(("%mock_headers", headers))
config.substitutions.append(("%clang_resource_dir", config.clang_resource_dir))
config.substitutions.append(("%plugin", config.plugin))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%src_root", config.leakguard_src_root))
config.substitutions.append(("%obj_root", config.leakguard_obj_root))
config.substitutions.append(("%LGVERSION", config.leakguard_version))
config.substitutions.append(("%cmake", config.cmake_command))
config.substitutions.append(("%cpack", config.cpack_command))
config.substitutions.append(("%examples", os.path.join(config.leakguard_src_root, "examples")))
config.substitutions.append(("%FileCheck", os.path.join(tools, "FileCheck")))
# %leakguard_clangd must come before its prefix %leakguard.
if config.leakguard_clangd:
    config.available_features.add("leakguard-clangd")
    config.substitutions.append(("%leakguard_clangd", config.leakguard_clangd))
# The checks were built with a solver for path feasibility (LLVM's Z3).
if getattr(config, "leakguard_with_z3", "").upper() in ("1", "ON", "TRUE", "YES"):
    config.available_features.add("z3")
if config.leakguard_driver:
    config.available_features.add("leakguard-driver")
    config.substitutions.append(("%leakguard", config.leakguard_driver))


def host_clang_tidy_is_older():
    """True when /usr/bin/clang-tidy exists and is not LLVM 22 (a foreign host)."""
    path = shutil.which("clang-tidy", path="/usr/bin")
    if not path:
        return False
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True,
                             timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return "version 22." not in out


if host_clang_tidy_is_older():
    config.available_features.add("foreign-clang-tidy")
    config.substitutions.append(("%foreign_clang_tidy", "/usr/bin/clang-tidy"))


# The official SARIF 2.1.0 schema is read in place from shared/schemas beside
# the checkout (never copied into it); LEAKGUARD_SARIF_SCHEMA overrides. Tests
# that validate against it require the feature.
sarif_schema = os.environ.get("LEAKGUARD_SARIF_SCHEMA") or os.path.join(
    os.path.dirname(config.leakguard_src_root), "shared", "schemas",
    "sarif-schema-2.1.0.json")
if os.path.isfile(sarif_schema):
    config.available_features.add("sarif-schema")
    config.substitutions.append(("%sarif_schema", sarif_schema))
else:
    lit_config.note("SARIF schema not found at %s: schema validation tests are "
                    "unsupported" % sarif_schema)

# GitHub-flavoured Markdown renderer (Debian's cmark-gfm, from scripts/setup.sh):
# the reviewer report is checked as GitHub shows it.
if shutil.which("cmark-gfm"):
    config.available_features.add("cmark-gfm")

# The Debian package test builds and inspects a .deb.
if shutil.which("dpkg-deb"):
    config.available_features.add("dpkg-deb")
# Debian's bear records a compilation database for a Make project.
if shutil.which("bear") and shutil.which("make"):
    config.available_features.add("bear")
# Headless Chromium (Debian's chromium) loads the HTML report as users see it.
if shutil.which("chromium"):
    config.available_features.add("chromium")
