// A demo program: main hands its work to helpers. An exception out of
// connect() leaves runClients, then main, and ends the program: the raw
// pointer alive for one statement leaks nothing.
#include "client.h"
#include <memory>
#include <vector>

int runClients(const char *Url, int N) {
  std::vector<std::unique_ptr<Client>> Clients(N);
  for (int I = 0; I < N; ++I) {
    Client *C = new Client(I);
    C->connect(Url);
    Clients[I].reset(C);
  }
  return 0;
}

// Also called by the service in service.cpp, which goes on after an error.
int runMore(const char *Url, int N) {
  std::vector<std::unique_ptr<Client>> Clients(N);
  for (int I = 0; I < N; ++I) {
    Client *C = new Client(I);
    C->connect(Url);
    Clients[I].reset(C);
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 2)
    return runMore(argv[1], argc);
  return runClients(argv[1], argc);
}
