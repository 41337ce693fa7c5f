void f() {
  int unused = 0;
  // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: unused variable 'unused' [clang-diagnostic-unused-variable]
}
