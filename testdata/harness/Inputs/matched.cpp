void f() {
  int unused = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: unused variable 'unused' [clang-diagnostic-unused-variable]
}
