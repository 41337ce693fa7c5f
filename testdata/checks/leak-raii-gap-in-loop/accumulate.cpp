// RUN: %check_leakguard %s leak-raii-gap-in-loop %t

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <vector>

struct FileCloser {
  void operator()(std::FILE *f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

void merge(std::vector<std::FILE *> &) noexcept;
void process(std::FILE *) noexcept;

void warn_pushed_until_after_loop(const std::vector<const char *> &paths) {
  std::vector<std::FILE *> opened;
  for (const char *p : paths) {
    std::FILE *f = std::fopen(p, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: FILE stream 'f' is acquired in each iteration and kept in 'opened' until after the loop; the number held grows with the input [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:20: warning: FILE stream 'f'
    if (!f)
      continue;
    opened.push_back(f);
    // CHECK-NOTES: :[[@LINE-1]]:5: note: kept in 'opened' here
    // CHECK-NOTES: :[[@LINE-2]]:5: note: release it in the same iteration, or bound how many are held at once
  }
  merge(opened);
  for (std::FILE *f : opened)
    std::fclose(f);
}

void warn_pushed_directly(int n) {
  std::vector<char *> bufs;
  for (int i = 0; i < n; ++i)
    bufs.push_back(static_cast<char *>(std::malloc(64)));
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: heap memory malloc is acquired in each iteration and kept in 'bufs' until after the loop; the number held grows with the input [leak-raii-gap-in-loop]
  // CHECK-NOTES: :[[@LINE-2]]:40: warning: heap memory malloc
  // CHECK-NOTES: :[[@LINE-3]]:5: note: kept in 'bufs' here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: release it in the same iteration, or bound how many are held at once
  for (char *b : bufs)
    std::free(b);
}

// At most 16 are held, whatever n is: nothing grows with the input.
void no_warn_stored_in_bounded_array(int n) {
  int *slots[16];
  for (int i = 0; i < n && i < 16; ++i) {
    int *p = new int(i);
    slots[i] = p;
  }
  for (int i = 0; i < n && i < 16; ++i)
    delete slots[i];
}

void no_warn_batch_flushed_in_loop(const std::vector<const char *> &paths) {
  std::vector<std::FILE *> batch;
  for (const char *p : paths) {
    std::FILE *f = std::fopen(p, "r");
    if (!f)
      continue;
    batch.push_back(f);
    if (batch.size() == 8) {
      merge(batch);
      for (std::FILE *b : batch)
        std::fclose(b);
      batch.clear();
    }
  }
}

void no_warn_raii_elements(const std::vector<const char *> &paths) {
  std::vector<FilePtr> opened;
  for (const char *p : paths)
    opened.emplace_back(std::fopen(p, "r"));
}

void no_warn_container_declared_in_body(const std::vector<const char *> &paths) {
  for (const char *p : paths) {
    std::vector<std::FILE *> one;
    std::FILE *f = std::fopen(p, "r");
    if (!f)
      continue;
    one.push_back(f);
    merge(one);
    std::fclose(f);
  }
}

struct Pool {
  std::vector<std::FILE *> files;
  void warm(const std::vector<const char *> &paths) {
    // Kept by the object, not until the end of a loop: not this check's case.
    for (const char *p : paths)
      files.push_back(std::fopen(p, "r"));
  }
};

void warn_deferred_cleanup(const std::vector<const char *> &paths) {
  std::vector<std::function<void()>> cleanups;
  for (const char *p : paths) {
    std::FILE *f = std::fopen(p, "r");
    if (!f)
      continue;
    cleanups.push_back([f] { std::fclose(f); });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: cleanup pushed into 'cleanups' in each iteration runs only after the loop; what it releases is held until then [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: cleanup pushed
    // CHECK-NOTES: :[[@LINE-3]]:5: note: release in the same iteration, or hold the resource in an RAII type declared in the loop body
    process(f);
  }
  for (auto &c : cleanups)
    c();
}

void no_warn_callbacks_that_release_nothing(const std::vector<const char *> &paths) {
  std::vector<std::function<void()>> tasks;
  for (const char *p : paths)
    tasks.push_back([p] { std::puts(p); });
  for (auto &t : tasks)
    t();
}

// A constant trip count: a fixed number held, all released after the loop.
void no_warn_constant_trip_count() {
  std::vector<char *> bufs;
  for (int i = 0; i < 8; ++i)
    bufs.push_back(new char[64]);
  for (char *b : bufs)
    delete[] b;
}

// Collected, then handed to an owner once the loop is done: building a
// structure for someone else, not holding resources open.
struct Meter {
  int Window = 0;
};
struct Board {
  std::vector<std::vector<Meter *>> Rows; // freed by dropBoard
};
Board *no_warn_rows_moved_into_owner(int NRows, int NCols) {
  auto *B = new Board;
  for (int I = 0; I < NRows; ++I) {
    std::vector<Meter *> Row;
    for (int J = 0; J < NCols; ++J)
      Row.push_back(new Meter);
    B->Rows.push_back(std::move(Row));
  }
  return B;
}
void install(Meter *M);
void no_warn_each_installed_after(int N) {
  std::vector<Meter *> Staged;
  for (int I = 0; I < N; ++I)
    Staged.push_back(new Meter);
  for (Meter *M : Staged)
    install(M);
}
// Only read after the loop: the vector dies with them.
int warn_read_then_dropped(int N) {
  std::vector<Meter *> Staged;
  for (int I = 0; I < N; ++I)
    Staged.push_back(new Meter);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: object new is acquired in each iteration and kept in 'Staged' until after the loop; the number held grows with the input [leak-raii-gap-in-loop]
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: object new
  // CHECK-NOTES: :[[@LINE-3]]:5: note: kept in 'Staged' here
  // CHECK-NOTES: :[[@LINE-4]]:5: note: release it in the same iteration, or bound how many are held at once
  int Total = 0;
  for (Meter *M : Staged)
    Total += M->Window;
  return Total;
}
