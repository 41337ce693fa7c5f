int x;
void f() {
  int x = 1;
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: declaration shadows a variable in the global namespace [clang-diagnostic-shadow]
  (void)x;
}
