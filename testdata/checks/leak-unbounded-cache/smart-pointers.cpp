// RUN: %check_leakguard_real %s leak-unbounded-cache %t -- -std=c++17

// Objects owned by a global smart pointer live as long as the program,
// whether it is initialized with std::make_unique or assigned one later; an
// object made per call with std::make_unique does not.

#include <memory>
#include <string>
#include <vector>

class Metrics {
public:
  void observe(const std::string &Name) { names_.push_back(Name); }

private:
  std::vector<std::string> names_;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'names_' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: warning: 'names_' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-7]]:50: note: grows here; no code path removes entries
};
std::unique_ptr<Metrics> g_metrics = std::make_unique<Metrics>();
void observe(const std::string &Name) { g_metrics->observe(Name); }

class Journal {
public:
  void add(const std::string &Line) { lines_.push_back(Line); }

private:
  std::vector<std::string> lines_;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'lines_' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: warning: 'lines_' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-7]]:46: note: grows here; no code path removes entries
};
std::shared_ptr<Journal> g_journal;
void init_journal() { g_journal = std::make_shared<Journal>(); }
void log_line(const std::string &Line) { g_journal->add(Line); }

// Made per request: its vector dies with it.
class Request {
public:
  void header(const std::string &H) { headers_.push_back(H); }

private:
  std::vector<std::string> headers_;
};
void handle(const std::string &H) {
  auto R = std::make_unique<Request>();
  R->header(H);
}
