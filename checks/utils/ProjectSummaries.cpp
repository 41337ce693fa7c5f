//===--- ProjectSummaries.cpp - Function summaries across units -----------===//

#include "ProjectSummaries.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/xxhash.h"
#include <functional>
#include <mutex>
#include <sqlite3.h>

namespace clang::tidy::leak::utils {

/// Where the lookups of this thread are recorded, when it is asked to.
static thread_local llvm::StringSet<> *LookupRecorder = nullptr;

bool ExternalSummary::operator==(const ExternalSummary &O) const {
  return Usr == O.Usr && NeverReturns == O.NeverReturns &&
         ReturnsConstant == O.ReturnsConstant && ReturnsKind == O.ReturnsKind &&
         ValidityParam == O.ValidityParam && ValidityOp == O.ValidityOp &&
         ValidityValue == O.ValidityValue && OutParam == O.OutParam &&
         Params == O.Params && Forwards == O.Forwards;
}

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (!D || index::generateUSRForDecl(D, Buf))
    return "";
  return std::string(Buf);
}

std::string callKeyOf(const FunctionDecl *FD) {
  if (!FD)
    return "";
  std::string Key = usrOf(FD->getCanonicalDecl());
  if (!Key.empty() && !llvm::StringRef(Key).contains('#'))
    Key += "#" + std::to_string(FD->getNumParams()) +
           (FD->isVariadic() ? "." : "");
  return Key;
}

bool isSummarizedAcrossUnits(const Decl *D) {
  const auto *ND = dyn_cast_or_null<NamedDecl>(D);
  if (!ND || !ND->isExternallyVisible() || D->isInvalidDecl())
    return false;
  if (const auto *FD = dyn_cast<FunctionDecl>(D))
    return !FD->isInlined() && !FD->isDependentContext() &&
           !FD->isTemplateInstantiation() && !FD->isMain();
  return true;
}

// ---------------------------------------------------------------------------
// JSON: what a worker writes for the driver.

llvm::json::Value toJSON(const UnitSummaries &S) {
  llvm::json::Array Functions;
  for (const ExternalSummary &F : S.Functions) {
    llvm::json::Array Forwards;
    for (const std::vector<Forward> &List : F.Forwards) {
      llvm::json::Array Targets;
      for (const Forward &T : List)
        Targets.push_back(llvm::json::Array{T.Usr, T.Param});
      Forwards.push_back(std::move(Targets));
    }
    llvm::json::Object O{{"usr", F.Usr},
                         {"name", F.Name},
                         {"neverReturns", F.NeverReturns},
                         {"returnsKind", F.ReturnsKind},
                         {"outParam", F.OutParam},
                         {"params", F.Params},
                         {"forwards", std::move(Forwards)}};
    if (std::optional<int64_t> Constant = F.ReturnsConstant)
      O["returnsConstant"] = *Constant;
    if (F.ValidityParam >= 0)
      O["validity"] =
          llvm::json::Array{F.ValidityParam, F.ValidityOp, F.ValidityValue};
    Functions.push_back(std::move(O));
  }
  llvm::json::Array Constants;
  for (const ExternalConstant &C : S.Constants)
    Constants.push_back(llvm::json::Object{{"usr", C.Usr},
                                           {"name", C.Name},
                                           {"value", C.Value},
                                           {"mutable", C.Mutable}});
  llvm::json::Array Calls;
  for (const CallSiteFact &C : S.Calls)
    Calls.push_back(llvm::json::Object{{"callee", C.Callee},
                                       {"caller", C.Caller},
                                       {"main", C.CallerIsMain},
                                       {"once", C.Once},
                                       {"loop", C.InLoop},
                                       {"after", C.After}});
  llvm::json::Array Tables;
  for (const TakenFunction &T : S.Tables)
    Tables.push_back(llvm::json::Array{T.Usr, T.TypeKey});
  return llvm::json::Object{{"functions", std::move(Functions)},
                            {"constants", std::move(Constants)},
                            {"written", S.Written},
                            {"calls", std::move(Calls)},
                            {"addressTaken", S.AddressTaken},
                            {"tables", std::move(Tables)},
                            {"escapedTypes", S.EscapedTypes}};
}

static bool fromJSON(const llvm::json::Value &V, Forward &F,
                     llvm::json::Path P) {
  const llvm::json::Array *A = V.getAsArray();
  if (!A || A->size() != 2) {
    P.report("expected [usr, parameter]");
    return false;
  }
  std::optional<llvm::StringRef> Usr = (*A)[0].getAsString();
  std::optional<int64_t> Param = (*A)[1].getAsInteger();
  if (!Usr || !Param || *Param < 0) {
    P.report("expected [usr, parameter]");
    return false;
  }
  F.Usr = Usr->str();
  F.Param = static_cast<unsigned>(*Param);
  return true;
}

static bool fromJSON(const llvm::json::Value &V, ExternalSummary &F,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  if (const llvm::json::Object *O = V.getAsObject())
    if (const llvm::json::Array *Validity = O->getArray("validity");
        Validity && Validity->size() == 3) {
      std::optional<int64_t> Param = (*Validity)[0].getAsInteger();
      std::optional<llvm::StringRef> Op = (*Validity)[1].getAsString();
      std::optional<int64_t> Value = (*Validity)[2].getAsInteger();
      if (Param && Op && Value && *Param >= 0) {
        F.ValidityParam = static_cast<int>(*Param);
        F.ValidityOp = Op->str();
        F.ValidityValue = *Value;
      }
    }
  return M && M.map("usr", F.Usr) && M.map("name", F.Name) &&
         M.map("neverReturns", F.NeverReturns) &&
         M.mapOptional("returnsConstant", F.ReturnsConstant) &&
         M.map("returnsKind", F.ReturnsKind) && M.map("outParam", F.OutParam) &&
         M.map("params", F.Params) && M.map("forwards", F.Forwards);
}

static bool fromJSON(const llvm::json::Value &V, ExternalConstant &C,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("usr", C.Usr) && M.map("name", C.Name) &&
         M.map("value", C.Value) && M.mapOptional("mutable", C.Mutable);
}

static bool fromJSON(const llvm::json::Value &V, CallSiteFact &C,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("callee", C.Callee) && M.map("caller", C.Caller) &&
         M.mapOptional("main", C.CallerIsMain) &&
         M.mapOptional("once", C.Once) && M.mapOptional("loop", C.InLoop) &&
         M.mapOptional("after", C.After);
}

static bool fromJSON(const llvm::json::Value &V, TakenFunction &Taken,
                     llvm::json::Path P) {
  const llvm::json::Array *A = V.getAsArray();
  std::optional<llvm::StringRef> First, Second;
  if (A && A->size() == 2) {
    First = (*A)[0].getAsString();
    Second = (*A)[1].getAsString();
  }
  if (!First || !Second) {
    P.report("expected [usr, type]");
    return false;
  }
  Taken = {First->str(), Second->str()};
  return true;
}

static bool fromJSON(const llvm::json::Value &V, UnitSummaries &S,
                     llvm::json::Path P) {
  llvm::json::ObjectMapper M(V, P);
  return M && M.map("functions", S.Functions) &&
         M.map("constants", S.Constants) &&
         M.mapOptional("written", S.Written) &&
         M.mapOptional("calls", S.Calls) &&
         M.mapOptional("addressTaken", S.AddressTaken) &&
         M.mapOptional("tables", S.Tables) &&
         M.mapOptional("escapedTypes", S.EscapedTypes);
}

std::string indirectCallee(llvm::StringRef TypeKey) {
  return ("indirect:" + TypeKey).str();
}

llvm::Expected<UnitSummaries> unitSummariesFromJSON(llvm::StringRef Text) {
  llvm::Expected<llvm::json::Value> V = llvm::json::parse(Text);
  if (!V)
    return V.takeError();
  UnitSummaries S;
  llvm::json::Path::Root Root("summaries");
  if (!fromJSON(*V, S, Root))
    return Root.getError();
  return S;
}

// ---------------------------------------------------------------------------
// The index the checks read.

SummaryIndex SummaryIndex::build(llvm::ArrayRef<UnitSummaries> Units,
                                 bool Complete) {
  SummaryIndex Index;
  Index.Complete = Complete;
  llvm::StringSet<> Twice;
  llvm::StringSet<> Written;
  for (const UnitSummaries &U : Units)
    for (const std::string &Usr : U.Written)
      Written.insert(Usr);
  for (const UnitSummaries &U : Units) {
    // One source built into several programs or libraries defines the same
    // function in several units: the same summary is no conflict.
    for (const ExternalSummary &F : U.Functions)
      if (auto [It, New] = Index.Functions.try_emplace(F.Usr, F);
          !New && !(It->second == F))
        Twice.insert(F.Usr);
    for (const ExternalConstant &C : U.Constants) {
      if (C.Mutable && (!Complete || Written.contains(C.Usr)))
        continue;
      if (!Index.Constants.try_emplace(C.Usr, C.Value).second)
        Twice.insert(C.Usr);
    }
  }
  for (const auto &Usr : Twice) {
    Index.Functions.erase(Usr.getKey());
    Index.Constants.erase(Usr.getKey());
  }
  Index.resolveForwards();
  llvm::StringSet<> Escaped;
  for (const UnitSummaries &U : Units)
    for (const std::string &Key : U.EscapedTypes)
      Escaped.insert(Key);
  for (const UnitSummaries &U : Units) {
    for (const std::string &Usr : U.AddressTaken)
      Index.AddressTaken.insert(Usr);
    // A function kept in a table is called through pointers of its type;
    // one whose type reaches unseen code may be called from anywhere.
    for (const TakenFunction &T : U.Tables)
      if (Escaped.contains(T.TypeKey))
        Index.AddressTaken.insert(T.Usr);
      else
        Index.TakenAs[T.Usr].insert(T.TypeKey);
    for (const CallSiteFact &C : U.Calls) {
      std::vector<CallSiteFact> &Sites = Index.CallSites[C.Callee];
      // The same source in several units records the same calls.
      if (!llvm::is_contained(Sites, C))
        Sites.push_back(C);
    }
  }
  Index.resolveCallers();
  return Index;
}

void SummaryIndex::resolveCallers() {
  if (!Complete)
    return; // A unit not summarized may call anything.
  // The calls through pointers are calls of every function taken as that
  // type.
  for (const auto &[Usr, Keys] : TakenAs) {
    if (AddressTaken.contains(Usr))
      continue;
    std::vector<CallSiteFact> Through;
    for (const auto &Key : Keys) {
      auto It = CallSites.find(indirectCallee(Key.getKey()));
      if (It != CallSites.end())
        Through.insert(Through.end(), It->second.begin(), It->second.end());
    }
    std::vector<CallSiteFact> &Sites = CallSites[Usr];
    for (CallSiteFact &C : Through) {
      C.Callee = Usr;
      if (!llvm::is_contained(Sites, C))
        Sites.push_back(C);
    }
  }
  auto Visible = [&](llvm::StringRef Usr, const std::vector<CallSiteFact> &S) {
    return !S.empty() && !AddressTaken.contains(Usr);
  };
  // Least fixpoints: start from "no" and add what the call sites prove,
  // until nothing changes (recursion never proves itself).
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const auto &[Usr, Sites] : CallSites) {
      if (!Visible(Usr, Sites))
        continue;
      if (!OnlyOnce.contains(Usr) &&
          llvm::all_of(Sites, [&](const CallSiteFact &C) {
            return C.Once || (!C.InLoop &&
                              (C.CallerIsMain || OnlyOnce.contains(C.Caller)));
          })) {
        OnlyOnce.insert(Usr);
        Changed = true;
      }
      unsigned &Ends = EndsOn[Usr];
      for (unsigned I = 0; I < std::size(CallResultValues); ++I) {
        if (Ends & (1U << I))
          continue;
        bool All = llvm::all_of(Sites, [&](const CallSiteFact &C) {
          AfterCall A = C.after(I);
          if (A == AfterCall::EndsProgram)
            return true;
          int Returned = A == AfterCall::ReturnsZero       ? 0
                         : A == AfterCall::ReturnsOne      ? 1
                         : A == AfterCall::ReturnsMinusOne ? 2
                                                           : -1;
          if (Returned < 0 || C.Caller.empty())
            return false;
          auto It = EndsOn.find(C.Caller);
          return It != EndsOn.end() && (It->second & (1U << Returned));
        });
        if (All) {
          Ends |= 1U << I;
          Changed = true;
        }
      }
    }
  }
}

bool SummaryIndex::reachedOnlyOnce(llvm::StringRef Usr) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  return OnlyOnce.contains(Usr);
}

bool SummaryIndex::neverCalled(llvm::StringRef Usr) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  return Complete && !Usr.empty() && !CallSites.contains(Usr) &&
         !AddressTaken.contains(Usr) && !TakenAs.contains(Usr);
}

bool SummaryIndex::calledOnlyFromApi(llvm::StringRef Usr,
                                     unsigned Depth) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  if (!Complete || Depth == 0 || AddressTaken.contains(Usr) ||
      TakenAs.contains(Usr))
    return false;
  auto It = CallSites.find(Usr);
  if (It == CallSites.end() || It->second.empty())
    return false;
  return llvm::all_of(It->second, [&](const CallSiteFact &C) {
    return !C.InLoop && !C.CallerIsMain && !C.Caller.empty() &&
           C.Caller != Usr &&
           (neverCalled(C.Caller) || calledOnlyFromApi(C.Caller, Depth - 1));
  });
}

std::optional<std::vector<std::string>>
SummaryIndex::callersOf(llvm::StringRef Usr) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  if (!Complete || Usr.empty() || AddressTaken.contains(Usr) ||
      TakenAs.contains(Usr))
    return std::nullopt;
  std::vector<std::string> Callers;
  auto It = CallSites.find(Usr);
  if (It != CallSites.end())
    for (const CallSiteFact &C : It->second)
      if (!llvm::is_contained(Callers, C.Caller))
        Callers.push_back(C.Caller);
  return Callers;
}

bool SummaryIndex::returnEndsProgram(llvm::StringRef Usr, int64_t Value) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  const auto *Pos = llvm::find(CallResultValues, Value);
  if (Pos == std::end(CallResultValues))
    return false;
  auto It = EndsOn.find(Usr);
  return It != EndsOn.end() &&
         (It->second & (1U << (Pos - std::begin(CallResultValues))));
}

void SummaryIndex::resolveForwards() {
  // A forwarded parameter borrows when every function it is handed to
  // borrows it; a forward to an unknown function, or around a cycle, keeps.
  enum class Mark { Unvisited, Active, Done };
  llvm::StringMap<std::vector<Mark>> Marks;
  std::function<ParamFate(ExternalSummary &, unsigned)> Resolve =
      [&](ExternalSummary &F, unsigned I) -> ParamFate {
    std::vector<Mark> &M = Marks[F.Usr];
    M.resize(F.Params.size(), Mark::Unvisited);
    if (I >= F.Params.size())
      return ParamFate::Kept;
    if (M[I] == Mark::Done)
      return F.param(I);
    if (M[I] == Mark::Active)
      return ParamFate::Kept;
    if (F.param(I) != ParamFate::Borrowed || I >= F.Forwards.size() ||
        F.Forwards[I].empty()) {
      M[I] = Mark::Done;
      return F.param(I);
    }
    M[I] = Mark::Active;
    ParamFate Fate = ParamFate::Borrowed;
    for (const Forward &T : F.Forwards[I]) {
      auto It = Functions.find(T.Usr);
      if (It == Functions.end() ||
          Resolve(It->second, T.Param) != ParamFate::Borrowed) {
        Fate = ParamFate::Kept;
        break;
      }
    }
    // Marks may have been reallocated by the recursion.
    Marks[F.Usr][I] = Mark::Done;
    F.Params[I] = static_cast<char>(Fate);
    return Fate;
  };
  for (auto &Entry : Functions)
    for (unsigned I = 0; I < Entry.second.Params.size(); ++I)
      Resolve(Entry.second, I);
  for (auto &Entry : Functions)
    Entry.second.Forwards.clear();
}

void SummaryIndex::recordLookups(llvm::StringSet<> *Into) {
  LookupRecorder = Into;
}

const ExternalSummary *SummaryIndex::function(llvm::StringRef Usr) const {
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  auto It = Functions.find(Usr);
  return It == Functions.end() ? nullptr : &It->second;
}

std::optional<int64_t> SummaryIndex::constant(llvm::StringRef Usr) const {
  auto It = Constants.find(Usr);
  if (It == Constants.end())
    return std::nullopt;
  return It->second;
}

std::vector<const ExternalSummary *> SummaryIndex::functions() const {
  std::vector<const ExternalSummary *> All;
  All.reserve(Functions.size());
  for (const auto &Entry : Functions)
    All.push_back(&Entry.second);
  llvm::sort(All, [](const ExternalSummary *A, const ExternalSummary *B) {
    return std::tie(A->Name, A->Usr) < std::tie(B->Name, B->Usr);
  });
  return All;
}

std::string SummaryIndex::fingerprint(llvm::StringRef Usr) const {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (auto It = Functions.find(Usr); It != Functions.end()) {
    UnitSummaries One;
    One.Functions.push_back(It->second);
    OS << toJSON(One);
  }
  if (auto It = Constants.find(Usr); It != Constants.end())
    OS << "constant:" << It->second;
  // What the callers decide: derived from every unit's calls, so a change
  // anywhere that alters the answer alters the fingerprint.
  if (OnlyOnce.contains(Usr))
    OS << "once";
  if (neverCalled(Usr))
    OS << "uncalled";
  else if (calledOnlyFromApi(Usr))
    OS << "api-only";
  if (auto It = EndsOn.find(Usr); It != EndsOn.end() && It->second)
    OS << "ends:" << It->second;
  OS.flush();
  return Text.empty() ? "-" : llvm::utohexstr(llvm::xxh3_64bits(Text));
}

const ExternalSummary *SummaryIndex::function(const FunctionDecl *FD) const {
  if (!FD || FD->hasBody() || !isSummarizedAcrossUnits(FD) ||
      (Functions.empty() && !LookupRecorder))
    return nullptr;
  return function(usrOf(FD->getCanonicalDecl()));
}

std::optional<int64_t> SummaryIndex::constant(const VarDecl *Var) const {
  if (!Var || Var->hasInit() || !Var->hasExternalStorage() ||
      Var->getType().isVolatileQualified() ||
      (Constants.empty() && !LookupRecorder))
    return std::nullopt;
  std::string Usr = usrOf(Var->getCanonicalDecl());
  if (LookupRecorder)
    LookupRecorder->insert(Usr);
  auto It = Constants.find(Usr);
  if (It == Constants.end())
    return std::nullopt;
  return It->second;
}

// ---------------------------------------------------------------------------
// SQLite.

namespace {
/// An open database, closed on scope exit.
class Database {
public:
  ~Database() { sqlite3_close(Db); }
  llvm::Error open(llvm::StringRef Path, bool Write) {
    this->Path = Path.str();
    int Flags = Write ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
                      : SQLITE_OPEN_READONLY;
    if (sqlite3_open_v2(this->Path.c_str(), &Db, Flags, nullptr) != SQLITE_OK)
      return error("cannot open it");
    // A second writer waits for the first instead of failing at once.
    sqlite3_busy_timeout(Db, 30000);
    return llvm::Error::success();
  }
  llvm::Error exec(const char *Sql) {
    if (sqlite3_exec(Db, Sql, nullptr, nullptr, nullptr) != SQLITE_OK)
      return error("");
    return llvm::Error::success();
  }
  llvm::Error error(llvm::StringRef What) const {
    std::string Detail = Db ? sqlite3_errmsg(Db) : "out of memory";
    int Code = Db ? sqlite3_errcode(Db) : SQLITE_NOMEM;
    if (What.empty() && (Code == SQLITE_NOTADB || Code == SQLITE_CORRUPT))
      What = "not a LeakGuard summary store";
    return llvm::createStringError(
        llvm::formatv("summary store '{0}': {1}{2}{3}", Path, What,
                      What.empty() ? "" : ": ", Detail)
            .str());
  }
  sqlite3 *get() const { return Db; }
  const std::string &path() const { return Path; }

private:
  sqlite3 *Db = nullptr;
  std::string Path;
};

/// A prepared statement, finalized on scope exit.
class Statement {
public:
  Statement(Database &Db, const char *Sql) {
    if (sqlite3_prepare_v2(Db.get(), Sql, -1, &Stmt, nullptr) != SQLITE_OK)
      Stmt = nullptr;
  }
  ~Statement() { sqlite3_finalize(Stmt); }
  explicit operator bool() const { return Stmt != nullptr; }
  sqlite3_stmt *get() const { return Stmt; }
  void bind(int I, llvm::StringRef Text) {
    sqlite3_bind_text(Stmt, I, Text.data(), static_cast<int>(Text.size()),
                      SQLITE_TRANSIENT);
  }
  int step() { return sqlite3_step(Stmt); }
  void reset() { sqlite3_reset(Stmt); }
  llvm::StringRef column(int I) const {
    const auto *Text =
        reinterpret_cast<const char *>(sqlite3_column_text(Stmt, I));
    return Text ? llvm::StringRef(Text, sqlite3_column_bytes(Stmt, I)) : "";
  }

private:
  sqlite3_stmt *Stmt = nullptr;
};

/// Fails unless \p Db is a store of this schema (or, when \p Create, empty,
/// in which case the schema is created).
llvm::Error checkSchema(Database &Db, bool Create) {
  Statement Tables(Db, "SELECT count(*) FROM sqlite_master WHERE type='table' "
                       "AND name='meta'");
  if (!Tables || Tables.step() != SQLITE_ROW)
    return Db.error("not a LeakGuard summary store");
  if (sqlite3_column_int(Tables.get(), 0) == 0) {
    Statement Any(Db, "SELECT count(*) FROM sqlite_master");
    bool Empty = Any && Any.step() == SQLITE_ROW &&
                 sqlite3_column_int(Any.get(), 0) == 0;
    if (!Create || !Empty)
      return Db.error("not a LeakGuard summary store (no schema version)");
    std::string Sql =
        llvm::formatv(
            "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
            "INSERT INTO meta VALUES('schema', '{0}');"
            "CREATE TABLE units(unit TEXT PRIMARY KEY, summaries TEXT);",
            store::SchemaVersion)
            .str();
    return Db.exec(Sql.c_str());
  }
  Statement Version(Db, "SELECT value FROM meta WHERE key='schema'");
  if (!Version || Version.step() != SQLITE_ROW)
    return Db.error("not a LeakGuard summary store (no schema version)");
  if (Version.column(0) != std::to_string(store::SchemaVersion))
    return llvm::createStringError(
        llvm::formatv("summary store '{0}' has schema version {1}; this "
                      "LeakGuard reads version {2}",
                      Db.path(), Version.column(0), store::SchemaVersion)
            .str());
  return llvm::Error::success();
}
} // namespace

namespace store {

llvm::Error write(llvm::StringRef Path,
                  llvm::ArrayRef<std::pair<std::string, UnitSummaries>> Units,
                  bool Complete, bool ReplaceAll) {
  Database Db;
  if (llvm::Error E = Db.open(Path, /*Write=*/true))
    return E;
  // BEGIN IMMEDIATE takes the write lock before reading the schema, so two
  // drivers filling one store cannot both create it.
  if (llvm::Error E = Db.exec("BEGIN IMMEDIATE"))
    return E;
  if (llvm::Error E = checkSchema(Db, /*Create=*/true)) {
    consumeError(Db.exec("ROLLBACK"));
    return E;
  }
  // A run over the whole project replaces the store (units no longer in it
  // are dropped); a run over some units replaces theirs only.
  std::string Reset;
  if (ReplaceAll)
    Reset = llvm::formatv("DELETE FROM units; INSERT OR REPLACE INTO meta "
                          "VALUES('complete', '{0}');",
                          Complete ? 1 : 0)
                .str();
  else if (!Complete)
    Reset = "INSERT OR REPLACE INTO meta VALUES('complete', '0');";
  else
    Reset = "INSERT OR IGNORE INTO meta VALUES('complete', '0');";
  if (llvm::Error E = Db.exec(Reset.c_str())) {
    consumeError(Db.exec("ROLLBACK"));
    return E;
  }
  Statement Put(Db, "INSERT OR REPLACE INTO units VALUES(?1, ?2)");
  if (!Put) {
    llvm::Error E = Db.error("cannot write");
    consumeError(Db.exec("ROLLBACK"));
    return E;
  }
  for (const auto &[Unit, Summaries] : Units) {
    std::string Json;
    llvm::raw_string_ostream OS(Json);
    OS << toJSON(Summaries);
    OS.flush();
    Put.bind(1, Unit);
    Put.bind(2, Json);
    if (Put.step() != SQLITE_DONE) {
      llvm::Error E = Db.error("cannot write");
      consumeError(Db.exec("ROLLBACK"));
      return E;
    }
    Put.reset();
  }
  return Db.exec("COMMIT");
}

llvm::Expected<std::vector<UnitSummaries>> read(llvm::StringRef Path,
                                                bool *Complete) {
  Database Db;
  if (llvm::Error E = Db.open(Path, /*Write=*/false))
    return std::move(E);
  if (llvm::Error E = checkSchema(Db, /*Create=*/false))
    return std::move(E);
  if (Complete) {
    Statement Flag(Db, "SELECT value FROM meta WHERE key='complete'");
    *Complete = Flag && Flag.step() == SQLITE_ROW && Flag.column(0) == "1";
  }
  Statement All(Db, "SELECT unit, summaries FROM units ORDER BY unit");
  if (!All)
    return Db.error("cannot read");
  std::vector<UnitSummaries> Units;
  int RC;
  while ((RC = All.step()) == SQLITE_ROW) {
    llvm::Expected<UnitSummaries> S = unitSummariesFromJSON(All.column(1));
    if (!S)
      return llvm::createStringError(
          llvm::formatv("summary store '{0}': the entry of '{1}' is damaged: "
                        "{2}",
                        Path, All.column(0), llvm::toString(S.takeError()))
              .str());
    Units.push_back(std::move(*S));
  }
  if (RC != SQLITE_DONE)
    return Db.error("cannot read");
  return Units;
}
} // namespace store

llvm::Expected<std::shared_ptr<const SummaryIndex>>
SummaryIndex::load(llvm::StringRef Path) {
  // One index per store path and process: every check of every unit a
  // clang-tidy or clangd process runs reads the same store.
  static std::mutex Lock;
  static llvm::StringMap<std::shared_ptr<const SummaryIndex>> Loaded;
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Loaded.find(Path);
  if (It != Loaded.end())
    return It->second;
  bool Complete = false;
  llvm::Expected<std::vector<UnitSummaries>> Units =
      store::read(Path, &Complete);
  if (!Units)
    return Units.takeError();
  auto Index = std::make_shared<const SummaryIndex>(build(*Units, Complete));
  Loaded[Path] = Index;
  return Index;
}

} // namespace clang::tidy::leak::utils
