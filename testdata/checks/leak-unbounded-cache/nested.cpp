// RUN: %check_leakguard %s leak-unbounded-cache %t

// Maps whose values are themselves containers: emptying a value (through
// `C[k]`, `C.at(k)` or an iterator from `C.find`) removes the data an entry
// holds, so the map has a removal path; a map of lists that only ever grow
// does not.

#include <map>
#include <string>
#include <vector>

// ---- Positive: the lists only grow ------------------------------------------

class Journal {
public:
  static Journal &instance() {
    static Journal J;
    return J;
  }
  void record(const std::string &Topic, const std::string &Line);

private:
  std::map<std::string, std::vector<std::string>> warn_lists_;
  // CHECK-NOTES: :[[@LINE-1]]:51: warning: 'warn_lists_' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:51: note: bound it: {{.*}}
};
void Journal::record(const std::string &Topic, const std::string &Line) {
  warn_lists_[Topic].push_back(Line);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: grows here; no code path removes entries
}
void note(const std::string &T) { Journal::instance().record(T, "x"); }

// ---- Negatives: a value is emptied ------------------------------------------

// A registry of commands per module: remove() erases through an iterator.
class Commands {
public:
  static Commands &instance() {
    static Commands C;
    return C;
  }
  void add(const std::string &Module, const std::string &Command) {
    modules_[Module][Command] = 1;
    helps_[Module][Command] = "help";
  }
  void remove(const std::string &Module, const std::string &Command) {
    auto It = modules_.find(Module);
    if (It != modules_.end()) {
      It->second.erase(Command);
      helps_[Module].erase(Command);
    }
  }

private:
  std::map<std::string, std::map<std::string, int>> modules_;
  std::map<std::string, std::map<std::string, std::string>> helps_;
};
void addCommand(const std::string &M) { Commands::instance().add(M, "c"); }
void removeCommand(const std::string &M) {
  Commands::instance().remove(M, "c");
}

// Emptied through at() and through (*it).second.
std::map<int, std::vector<int>> batches;
std::map<int, std::vector<int>> pending;
void enqueue(int Key, int V) {
  batches[Key].push_back(V);
  pending[Key].push_back(V);
}
void flush(int Key) {
  batches.at(Key).clear();
  std::map<int, std::vector<int>>::iterator It = pending.find(Key);
  if (It != pending.end())
    (*It).second.clear();
}
