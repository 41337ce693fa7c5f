#include <string>
struct SessionLog {
  void open(const std::string &Peer);
};
extern SessionLog *TheLog;

void handleRequests(const std::string *Peers, int N) {
  for (int I = 0; I < N; ++I)
    TheLog->open(Peers[I]);
}
