#include "metrics.h"

void parse() {
  RECORD("parse");
  RecordedMetric->Count++;
}

void build() {
  RECORD("build");
  RecordedMetric->Count++;
}
