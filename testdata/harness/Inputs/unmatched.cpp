void f() {
  int unused = 0;
}
