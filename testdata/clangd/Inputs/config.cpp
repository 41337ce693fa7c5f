// Any source file: configuration problems are reported at its top.
int answer() { return 42; }
