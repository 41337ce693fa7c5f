#include "registry.h"

SchemeTable &SchemeTable::instance() {
  static SchemeTable Table;
  return Table;
}

// Called by the library's users only: nothing in the project registers.
void SchemeTable::registerPort(const std::string &Scheme, int Port) {
  Ports[Scheme] = Port;
}

// A memo: looked up, then filled; one entry per host ever resolved.
int SchemeTable::resolve(const std::string &Host) {
  auto It = Resolved.find(Host);
  if (It != Resolved.end())
    return It->second;
  int Address = static_cast<int>(Host.size());
  Resolved.emplace(Host, Address);
  return Address;
}

// Called by the server for every request.
void SchemeTable::recordRequest(int Id) { Requests.push_back(Id); }

// Reached only through an API nothing in the project calls.
void SchemeTable::rememberHost(const std::string &Host) {
  Trusted.push_back(Host);
}
void SchemeTable::trustHost(const std::string &Host) { rememberHost(Host); }
