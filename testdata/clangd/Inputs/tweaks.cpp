// clangd's own refactorings must be there too.
int twice(int X) {
  return X + X * 2;
}
