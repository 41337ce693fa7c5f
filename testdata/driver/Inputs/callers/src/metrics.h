#include <string>
#include <vector>
struct Metric {
  std::string Name;
  long Count = 0;
};
struct Registry {
  Metric *add(const std::string &Name);
  void report();

private:
  std::vector<Metric *> All;
};
extern Registry *TheRegistry;
#define RECORD(name) static Metric *RecordedMetric = TheRegistry->add(name)
