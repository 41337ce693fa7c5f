#pragma once
#include <map>
#include <string>
#include <vector>

// A process-wide table of a library: registrations its users make, a memo of
// resolved names, and a log of requests the server records.
class SchemeTable {
public:
  static SchemeTable &instance();
  void registerPort(const std::string &Scheme, int Port);
  int resolve(const std::string &Host);
  void recordRequest(int Id);
  void trustHost(const std::string &Host);

private:
  void rememberHost(const std::string &Host);
  SchemeTable() = default;
  std::map<std::string, int> Ports;
  std::map<std::string, int> Resolved;
  std::vector<int> Requests;
  std::vector<std::string> Trusted;
};
