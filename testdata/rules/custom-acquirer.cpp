// A rule file adding an acquirer/releaser pair makes leak-unreleased-resource
// follow it like the built-in ones.
// RUN: %check_leakguard %s leak-unreleased-resource %t --config="{CheckOptions: {RuleFiles: '%S/Inputs/mylib.yaml'}}"

int my_open(const char *Path);
void my_close(int Handle);
bool ready() noexcept;

int warn_custom_early_return(const char *Path) {
  int H = my_open(Path);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: mylib handle 'H' opened by 'my_open' is not closed on every path [leak-unreleased-resource]
  if (H < 0)
    return -1;
  if (!ready())
    return -2;
  my_close(H);
  return 0;
}

int no_warn_custom_released(const char *Path) {
  int H = my_open(Path);
  if (H < 0)
    return -1;
  if (!ready()) {
    my_close(H);
    return -2;
  }
  my_close(H);
  return 0;
}
