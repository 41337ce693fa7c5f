// A second registry, grown once per request: unbounded.
#include <string>
#include <vector>

struct Session {
  std::string Peer;
};
struct SessionLog {
  void open(const std::string &Peer);

private:
  std::vector<Session *> Open;
};
SessionLog *TheLog = new SessionLog;

void SessionLog::open(const std::string &Peer) {
  Session *S = new Session;
  S->Peer = Peer;
  Open.push_back(S);
}
