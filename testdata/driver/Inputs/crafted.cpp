// A file whose lines try to break out of a Markdown report.
void f() {
  int <script>alert(1)</script> = ```; [link](javascript:alert(1)) @team
}
