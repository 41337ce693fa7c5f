int x;
void f() {
  int x = 1;
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: declaration shadows a variable in the global namespace [clang-diagnostic-shadow]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: previous declaration is here
  (void)x;
}
