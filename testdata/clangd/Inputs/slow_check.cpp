// misc-const-correctness is in clangd's table of slow checks.
int answer() {
  int Value = 42;
  return Value;
}
