#pragma once
#include <stdexcept>
struct Client {
  explicit Client(int I) : Id(I) {}
  void connect(const char *Url) {
    if (!Url)
      throw std::invalid_argument("no url");
  }
  int Id;
};
int runMore(const char *Url, int N);
