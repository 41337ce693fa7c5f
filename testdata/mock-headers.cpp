// Keeps the mock headers in Inputs/Headers compilable: includes every mock
// C++ and POSIX header and exercises the APIs LeakGuard's tests rely on.
// RUN: %clang_cc -fsyntax-only -std=c++20 -nostdinc++ -isystem %S/Inputs/Headers %s
// RUN: %clang_cc -fsyntax-only -std=c++17 -nostdinc++ -isystem %S/Inputs/Headers %s

#include <algorithm>
#include <array>
#include <atomic>
#include <barrier>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <exception>
#include <forward_list>
#include <functional>
#include <fstream>
#include <future>
#include <initializer_list>
#include <iostream>
#include <iterator>
#include <latch>
#include <limits>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <new>
#include <numeric>
#include <optional>
#include <ostream>
#include <queue>
#include <ratio>
#include <semaphore>
#include <set>
#include <shared_mutex>
#include <sstream>
#include <stack>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <alloca.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

// Qualified names the checks match on must be the real ones.
static_assert(std::is_same_v<std::string, std::basic_string<char>>);
static_assert(std::is_same_v<std::map<int, int>::mapped_type, int>);
static_assert(std::is_same_v<std::map<int, int>::key_type, int>);
static_assert(std::is_same_v<std::vector<int>::value_type, int>);
static_assert(std::is_same_v<std::vector<int>::size_type, std::size_t>);
static_assert(std::is_same_v<std::unique_ptr<FILE, int (*)(FILE *)>::pointer, FILE *>);
static_assert(noexcept(std::declval<std::thread &>().joinable()));
static_assert(!noexcept(std::declval<std::thread &>().join()));
static_assert(noexcept(std::declval<std::thread &>().~thread()));
static_assert(std::chrono::milliseconds(1500) == std::chrono::seconds(1) + std::chrono::milliseconds(500));
static_assert(std::numeric_limits<int>::max() == __INT_MAX__);

class ThreadPool {
public:
  explicit ThreadPool(unsigned N) {
    for (unsigned I = 0; I < N; ++I)
      Workers.emplace_back([this] { run(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> G(M);
      Stop = true;
    }
    CV.notify_all();
    for (std::thread &T : Workers)
      if (T.joinable())
        T.join();
  }
  template <class F> auto submit(F &&f) -> std::future<decltype(f())> {
    auto Task = std::make_shared<std::packaged_task<decltype(f())()>>(std::forward<F>(f));
    auto Fut = Task->get_future();
    {
      std::unique_lock<std::mutex> L(M);
      Q.push([Task] { (*Task)(); });
    }
    CV.notify_one();
    return Fut;
  }

private:
  void run() {
    for (;;) {
      std::function<void()> Job;
      {
        std::unique_lock<std::mutex> L(M);
        CV.wait(L, [this] { return Stop || !Q.empty(); });
        if (Stop && Q.empty())
          return;
        Job = std::move(Q.front());
        Q.pop();
      }
      Job();
    }
  }
  std::vector<std::thread> Workers;
  std::queue<std::function<void()>> Q;
  std::mutex M;
  std::condition_variable CV;
  bool Stop = false;
};

#if __cplusplus >= 202002L
void jthreads() {
  std::condition_variable_any CVA;
  std::mutex M;
  std::jthread J([&](std::stop_token ST) {
    std::unique_lock L(M);
    while (!ST.stop_requested()) {
      CVA.wait(L, ST, [] { return false; });
      CVA.wait_for(L, ST, std::chrono::milliseconds(10), [] { return false; });
    }
  });
  std::stop_callback CB(J.get_stop_token(), [] {});
  J.request_stop();
  J.join();
  std::jthread J2([] {});
  J2.detach();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  std::this_thread::yield();
  auto Id = std::this_thread::get_id();
  (void)Id;
  unsigned HC = std::thread::hardware_concurrency();
  (void)HC;
}

std::counting_semaphore<4> Slots(4);
std::binary_semaphore Ready(0);
void sems() {
  Slots.acquire();
  if (Slots.try_acquire_for(std::chrono::milliseconds(1)))
    Slots.release();
  Ready.release();
  std::atomic<int> N{0};
  N.fetch_add(1);
  N++;
  int V = N.load();
  N.store(V + 1);
  N = 4;
  std::atomic_bool B{false};
  B.exchange(true);
  std::atomic_flag Fl = ATOMIC_FLAG_INIT;
  while (Fl.test_and_set()) {}
  Fl.clear();
  std::cout << "v=" << V << ' ' << 1.5 << std::endl;
  std::cerr << std::string("x") << '\n';
}

void latchesAndBarriers() {
  std::latch Done(2);
  Done.count_down();
  Done.wait();
  std::barrier Sync(2);
  Sync.arrive_and_wait();
  std::barrier WithCompletion(2, []() noexcept {});
  WithCompletion.arrive_and_drop();
  std::stop_source Source;
  std::stop_token Token = Source.get_token();
  Source.request_stop();
  (void)Token.stop_requested();
}
#endif

struct Cache {
  std::map<std::string, int> M;
  std::unordered_map<int, std::string> U;
  int get(const std::string &K) {
    auto [It, Inserted] = M.try_emplace(K, 1);
    M[K] += 1;
    M.insert_or_assign(K, 3);
    for (auto &[Key, Val] : M)
      Val += (int)Key.size();
    for (const auto &P : U)
      (void)P.second.size();
    if (M.count(K) || M.find(K) != M.end())
      M.erase(K);
    auto N = M.extract(M.begin());
    U.emplace(1, "x");
    U[2] = "y";
    U.erase(U.begin());
#if __cplusplus >= 202002L
    std::erase_if(M, [](const auto &P) { return P.second > 3; });
#endif
    return It->second + Inserted;
  }
};

template <class K, class V> class LRU {
  std::list<std::pair<K, V>> Items;
  std::unordered_map<K, typename std::list<std::pair<K, V>>::iterator> Index;
  std::size_t Cap = 8;

public:
  void put(const K &Key, V Val) {
    auto It = Index.find(Key);
    if (It != Index.end()) {
      It->second->second = std::move(Val);
      Items.splice(Items.begin(), Items, It->second);
      return;
    }
    Items.emplace_front(Key, std::move(Val));
    Index[Key] = Items.begin();
    if (Items.size() > Cap) {
      Index.erase(Items.back().first);
      Items.pop_back();
    }
  }
};

void files() {
  std::unique_ptr<FILE, decltype(&fclose)> F(fopen("x", "r"), &fclose);
  auto Closer = [](FILE *P) { fclose(P); };
  std::unique_ptr<FILE, decltype(Closer)> G(fopen("y", "r"), Closer);
  if (!F || G == nullptr)
    return;
  char Buf[16];
  fgets(Buf, sizeof Buf, F.get());
  struct FdDel {
    using pointer = int;
    void operator()(int) const {}
  };
}

int asyncs() {
  auto A = std::async(std::launch::async, [] { return 1; });
  auto B = std::async(std::launch::deferred, [](int X) { return X; }, 2);
  auto C = std::async([] {});
  auto D = std::async(std::launch::async | std::launch::deferred, &asyncs);
  if (A.wait_for(std::chrono::seconds(1)) == std::future_status::ready)
    return A.get() + B.get();
  C.wait();
  std::promise<int> P;
  std::future<int> F = P.get_future();
  P.set_value(3);
  std::shared_future<int> SF = F.share();
  std::promise<void> PV;
  PV.set_value();
  return SF.get();
}

struct Member {
  void work(int) {}
  void start() {
    std::thread T(&Member::work, this, 1);
    T.detach();
    auto F = std::async(std::launch::async, &Member::work, this, 2);
    F.get();
  }
};

void containers() {
  std::vector<int> V{3, 1, 2};
  V.push_back(4);
  V.emplace_back(5);
  V.pop_back();
  V.reserve(10);
  V.resize(3);
  V.shrink_to_fit();
  (void)V.capacity();
  V.erase(std::remove_if(V.begin(), V.end(), [](int X) { return X > 2; }), V.end());
  std::sort(V.begin(), V.end(), [](int A, int B) { return A > B; });
  (void)std::find(V.begin(), V.end(), 1);
  (void)std::find_if(V.begin(), V.end(), [](int X) { return X == 1; });
  (void)std::accumulate(V.begin(), V.end(), 0);
  (void)std::min(1, 2);
  (void)std::max({1, 2, 3});
  std::copy(V.begin(), V.end(), std::back_inserter(V));
  std::deque<std::string> D;
  D.push_front("a");
  D.emplace_back("b");
  D.pop_front();
  std::forward_list<int> FL{1, 2};
  FL.push_front(0);
  FL.emplace_front(1);
  std::list<int> L{1, 2};
  L.remove_if([](int X) { return X == 1; });
  std::set<int> S{1, 2};
  S.insert(3);
  S.emplace(4);
  S.erase(1);
  std::multiset<int> MS;
  MS.insert(1);
  std::multimap<int, std::string> MM;
  MM.emplace(1, "a");
  MM.insert({2, "b"});
  std::unordered_set<std::string> US;
  US.insert("x");
  US.reserve(8);
  std::unordered_multimap<int, int> UMM;
  UMM.emplace(1, 1);
  std::unordered_map<std::string, std::vector<int>> UM;
  UM["k"].push_back(1);
  UM.emplace_hint(UM.end(), "z", std::vector<int>{});
  std::stack<int> St;
  St.push(1);
  St.pop();
  std::priority_queue<int> PQ;
  PQ.push(2);
  PQ.emplace(3);
  (void)PQ.top();
  PQ.pop();
  std::queue<int> Q;
  Q.emplace(1);
  (void)Q.front();
  std::array<int, 3> A = {1, 2, 3};
  for (int X : A)
    (void)X;
  std::optional<std::string> O;
  if (!O)
    O = "x";
  O.reset();
  std::string_view SV = "abc";
  (void)SV.size();
  std::tuple<int, std::string> T(1, "a");
  auto [TI, TS] = T;
  (void)TI;
  int I1 = 0;
  std::string S1;
  std::tie(I1, S1) = T;
  std::shared_mutex SM;
  {
    std::shared_lock<std::shared_mutex> R(SM);
    std::unique_lock<std::shared_mutex> W(SM, std::defer_lock);
  }
  std::recursive_mutex RM;
  std::timed_mutex TM;
  std::scoped_lock SL(RM, TM);
  std::once_flag Once;
  std::call_once(Once, [] {});
  alignas(int) unsigned char Raw[sizeof(int)];
  int *P = new (Raw) int(3);
  (void)P;
  try {
    throw std::system_error(std::error_code(), "x");
  } catch (const std::out_of_range &) {
  } catch (const std::exception &E) {
    std::cerr << E.what() << std::endl;
  }
  std::uint64_t U64 = 0;
  std::size_t Sz = std::strlen("x");
  void *M = std::malloc(Sz + U64);
  std::free(M);
  std::ofstream Out("x");
  if (Out.is_open())
    Out << "x" << 1 << std::endl;
  Out.close();
  std::ifstream In;
  In.open("y");
  std::string Line;
  std::getline(In, Line);
  std::ostringstream OS;
  OS << Line;
  (void)OS.str();
  std::FILE *F = std::fopen("x", "r");
  if (F)
    std::fclose(F);
}

#if __cplusplus >= 202002L
void eraseFree() {
  std::vector<int> V;
  std::erase(V, 1);
  std::erase_if(V, [](int X) { return X > 1; });
  std::list<int> L;
  std::erase_if(L, [](int X) { return X > 1; });
  std::unordered_map<int, int> UM;
  std::erase_if(UM, [](const auto &P) { return P.second > 1; });
  std::set<int> S;
  (void)S.contains(1);
}
#endif

// Chrono literals and clocks.
void times() {
  using namespace std::chrono_literals;
  auto Start = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_until(std::chrono::system_clock::now() + 1s);
  auto Elapsed = std::chrono::steady_clock::now() - Start;
  if (Elapsed > 2min || Elapsed < 1h || Elapsed == 5us || Elapsed != 7ns)
    (void)std::chrono::duration_cast<std::chrono::microseconds>(Elapsed).count();
  std::mutex M;
  std::condition_variable CV;
  std::unique_lock<std::mutex> L(M);
  CV.wait(L);
  if (CV.wait_for(L, 100ms) == std::cv_status::timeout)
    (void)CV.wait_for(L, 100ms, [] { return true; });
  (void)CV.wait_until(L, std::chrono::steady_clock::now() + 1s);
  (void)CV.wait_until(L, std::chrono::steady_clock::now() + 1s, [] { return true; });
  std::condition_variable_any CVA;
  CVA.wait(L, [] { return true; });
}

// POSIX from C++.
static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t Cond = PTHREAD_COND_INITIALIZER;
static int WorkerReady;

static void *worker(void *Arg) {
  pthread_mutex_lock(&Lock);
  while (!WorkerReady)
    pthread_cond_wait(&Cond, &Lock);
  pthread_mutex_unlock(&Lock);
  return Arg;
}

static void on_timer(union sigval V) { (void)V; }

int serve(unsigned short Port) {
  int S = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (S < 0)
    return -1;
  int One = 1;
  setsockopt(S, SOL_SOCKET, SO_REUSEADDR, &One, sizeof One);
  struct sockaddr_in Addr;
  memset(&Addr, 0, sizeof Addr);
  Addr.sin_family = AF_INET;
  Addr.sin_port = htons(Port);
  Addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(S, (struct sockaddr *)&Addr, sizeof Addr) < 0 || listen(S, SOMAXCONN) < 0) {
    close(S);
    return -1;
  }
  socklen_t Len = sizeof Addr;
  int C = accept4(S, (struct sockaddr *)&Addr, &Len, SOCK_NONBLOCK);
  char Buf[64];
  ssize_t N = recv(C, Buf, sizeof Buf, 0);
  if (N > 0)
    send(C, Buf, (size_t)N, MSG_NOSIGNAL);
  shutdown(C, SHUT_RDWR);
  close(C);
  close(S);
  return 0;
}

int posixMain() {
  pthread_t T;
  if (pthread_create(&T, NULL, worker, NULL) != 0)
    return 1;
  pthread_mutex_lock(&Lock);
  WorkerReady = 1;
  pthread_cond_broadcast(&Cond);
  pthread_mutex_unlock(&Lock);
  pthread_join(T, NULL);

  int Fd = open("/tmp/x", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  struct stat St;
  if (Fd < 0 || fstat(Fd, &St) != 0)
    return errno == ENOENT;
  void *P = mmap(NULL, (size_t)St.st_size, PROT_READ, MAP_PRIVATE, Fd, 0);
  if (P != MAP_FAILED)
    munmap(P, (size_t)St.st_size);
  close(Fd);

  int Ep = epoll_create1(EPOLL_CLOEXEC);
  int Ev = eventfd(0, EFD_NONBLOCK);
  struct epoll_event E;
  E.events = EPOLLIN;
  E.data.fd = Ev;
  epoll_ctl(Ep, EPOLL_CTL_ADD, Ev, &E);
  epoll_wait(Ep, &E, 1, 0);
  int Tf = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  struct itimerspec Its = {{0, 0}, {1, 0}};
  timerfd_settime(Tf, 0, &Its, NULL);
  sigset_t Mask;
  sigemptyset(&Mask);
  sigaddset(&Mask, SIGTERM);
  int Sf = signalfd(-1, &Mask, SFD_CLOEXEC);
  int In = inotify_init1(IN_NONBLOCK);
  int Mf = memfd_create("x", MFD_CLOEXEC);
  int Pipe[2];
  pipe2(Pipe, O_CLOEXEC);
  int D = dup(Pipe[0]);
  close(D); close(Pipe[0]); close(Pipe[1]); close(Mf); close(In); close(Sf); close(Tf); close(Ev); close(Ep);

  timer_t Timer;
  struct sigevent Sev;
  memset(&Sev, 0, sizeof Sev);
  Sev.sigev_notify = SIGEV_THREAD;
  Sev.sigev_notify_function = on_timer;
  timer_create(CLOCK_MONOTONIC, &Sev, &Timer);
  timer_settime(Timer, 0, &Its, NULL);
  timer_delete(Timer);
  struct timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  nanosleep(&Ts, NULL);

  FILE *F = fopen("/tmp/y", "w");
  if (!F)
    return 1;
  fprintf(F, "%d\n", 1);
  fflush(F);
  fclose(F);
  FILE *Pp = popen("ls", "r");
  pclose(Pp);
  FILE *Tmp = tmpfile();
  fclose(Tmp);
  char *S = strdup("abc");
  char *S2 = strndup(S, 2);
  free(S2);
  free(S);
  void *M = malloc(10), *Z = calloc(1, 2);
  M = realloc(M, 20);
  free(M); free(Z);
  char *A = static_cast<char *>(alloca(16));
  snprintf(A, 16, "%s", getenv("HOME"));
  DIR *Dir = opendir("/");
  struct dirent *De;
  while (Dir && (De = readdir(Dir)))
    printf("%s\n", De->d_name);
  if (Dir)
    closedir(Dir);
  void *H = dlopen("libm.so", RTLD_NOW | RTLD_LOCAL);
  if (H) {
    (void)dlsym(H, "cos");
    dlclose(H);
  }
  sem_t Sem;
  sem_init(&Sem, 0, 1);
  sem_wait(&Sem);
  sem_timedwait(&Sem, &Ts);
  sem_post(&Sem);
  sem_destroy(&Sem);
  pthread_detach(pthread_self());
  usleep(10); sleep(0);
  uint64_t X = UINT64_MAX; size_t Sz = SIZE_MAX; bool B = true; (void)X; (void)Sz; (void)B;
  (void)INT_MAX;
  return serve(8080) + (int)getpid() * 0 + (int)lseek(0, 0, SEEK_SET) * 0 + unlink("/tmp/y") * 0;
}
