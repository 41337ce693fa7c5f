// Any source file: a broken rule file is reported at its top.
int answer() { return 42; }
