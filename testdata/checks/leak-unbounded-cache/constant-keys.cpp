// RUN: %check_leakguard %s leak-unbounded-cache %t

// A map entry under a constant key is one entry per call site, however often
// the code runs; a key from the input is not.

#include <map>
#include <string>

enum class Kind { Html, Png };
const char *const DefaultType = "text/plain";

std::map<std::string, std::string> MimeTypes;
std::map<Kind, int> Counts;
std::map<std::string, int> warn_hits;

const std::string &mimeFor(const std::string &Ext) {
  return MimeTypes[Ext.empty() ? "html" : "png"];
}
void count(bool Html) {
  Counts[Html ? Kind::Html : Kind::Png] += 1;
  Counts.try_emplace(Kind::Png, 0);
  MimeTypes.insert_or_assign(DefaultType, "text/plain");
}
void hit(const std::string &Path) { warn_hits[Path] += 1; }
// CHECK-MESSAGES: :[[@LINE-11]]:28: warning: 'warn_hits' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-12]]:28: warning: 'warn_hits' is a long-lived container that only grows; entries are never removed
// CHECK-NOTES: :[[@LINE-13]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
// CHECK-NOTES: :[[@LINE-4]]:37: note: grows here; no code path removes entries

// Keyed by an enumeration: at most one entry per value, whatever the caller
// passes (a table filled once, read with operator[]).
enum class Tier : unsigned char { None, Fast, Slow };
std::map<Tier, std::string> TierNames = {{Tier::None, "none"}};
const std::string &nameOf(Tier T) { return TierNames[T]; }
