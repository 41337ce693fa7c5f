//===--- ArgumentOwnership.cpp - Who takes a handle passed to a call ------===//

#include "ArgumentOwnership.h"
#include "ApiModel.h"
#include "Escape.h"
#include "ProjectSummaries.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::leak::utils {

namespace {
/// Top-level headers of the C and POSIX libraries (and glibc's common
/// extensions), by the name they are included with.
bool isStandardHeaderName(llvm::StringRef Name) {
  static const llvm::StringSet<> Names = {
      // C.
      "assert.h", "complex.h", "ctype.h", "errno.h", "fenv.h", "float.h",
      "inttypes.h", "iso646.h", "limits.h", "locale.h", "math.h", "setjmp.h",
      "signal.h", "stdalign.h", "stdarg.h", "stdatomic.h", "stdbool.h",
      "stddef.h", "stdint.h", "stdio.h", "stdlib.h", "stdnoreturn.h",
      "string.h", "tgmath.h", "threads.h", "time.h", "uchar.h", "wchar.h",
      "wctype.h",
      // POSIX.
      "aio.h", "cpio.h", "dirent.h", "dlfcn.h", "fcntl.h", "fmtmsg.h",
      "fnmatch.h", "ftw.h", "glob.h", "grp.h", "iconv.h", "langinfo.h",
      "libgen.h", "monetary.h", "mqueue.h", "ndbm.h", "netdb.h", "nl_types.h",
      "poll.h", "pthread.h", "pwd.h", "regex.h", "sched.h", "search.h",
      "semaphore.h", "spawn.h", "strings.h", "stropts.h", "syslog.h", "tar.h",
      "termios.h", "trace.h", "ulimit.h", "unistd.h", "utime.h", "utmpx.h",
      "wordexp.h",
      // glibc and Linux extensions.
      "alloca.h", "byteswap.h", "endian.h", "err.h", "error.h", "execinfo.h",
      "features.h", "getopt.h", "ifaddrs.h", "link.h", "malloc.h", "memory.h",
      "mntent.h", "paths.h", "pty.h", "shadow.h", "sysexits.h", "utmp.h",
      "values.h", "stdio_ext.h", "printf.h", "argp.h", "obstack.h"};
  return Names.contains(Name);
}

/// Directories of the C, POSIX and Linux headers, and of the standard
/// libraries' internals.
bool isStandardHeaderDir(llvm::StringRef Dir) {
  static const llvm::StringSet<> Dirs = {
      "sys", "bits",  "netinet",   "netinet6",    "arpa",
      "net", "linux", "asm",       "asm-generic", "gnu",
      "rpc", "scsi",  "netpacket", "netax25"};
  return Dirs.contains(Dir);
}

/// True when \p Path names a standard header: its file name is one, or it
/// lies in one of the standard headers' directories, or in a C++ standard
/// library or compiler include tree.
bool isStandardHeaderPath(llvm::StringRef Path) {
  llvm::StringRef File = llvm::sys::path::filename(Path);
  llvm::StringRef Dir =
      llvm::sys::path::filename(llvm::sys::path::parent_path(Path));
  // sys/socket.h, bits/stdio2.h, linux/fs.h, stdio.h.
  if (isStandardHeaderDir(Dir) || isStandardHeaderName(File))
    return true;
  // libstdc++ (`.../include/c++/12/vector`), libc++ (`.../c++/v1/`) and the
  // compiler's own headers (`.../lib/clang/22/include/stddef.h`).
  return Path.contains("/c++/") || Path.contains("/lib/clang/");
}
} // namespace

bool isStandardLibraryDecl(const Decl *D) {
  if (!D)
    return false;
  if (const auto *FD = dyn_cast<FunctionDecl>(D); FD && FD->getBuiltinID())
    return true;
  const DeclContext *DC = D->getDeclContext();
  if (const auto *ND = dyn_cast<NamedDecl>(D); ND && ND->isInStdNamespace())
    return true;
  if (const auto *RD = dyn_cast<CXXRecordDecl>(DC);
      RD && RD->isInStdNamespace())
    return true;
  const SourceManager &SM = D->getASTContext().getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(D->getLocation());
  if (!SM.isInSystemHeader(Loc))
    return false;
  OptionalFileEntryRef File = SM.getFileEntryRefForID(SM.getFileID(Loc));
  return File && isStandardHeaderPath(File->getName());
}

namespace {
/// True when \p Callee carries `ownership_takes` or `ownership_holds` for
/// parameter \p Param (0-based).
bool ownershipAttributeTakes(const FunctionDecl *Callee, unsigned Param) {
  for (const auto *Attr : Callee->specific_attrs<OwnershipAttr>()) {
    if (Attr->getOwnKind() == OwnershipAttr::Returns)
      continue;
    for (const ParamIdx &Idx : Attr->args())
      if (Idx.getASTIndex() == Param)
        return true;
  }
  return false;
}

/// True for a call operator that forwards to code chosen at run time:
/// std::function and its kin.
bool isTypeErasedCall(const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  return Method && Method->getOverloadedOperator() == OO_Call &&
         Method->getParent()->isInStdNamespace() &&
         !Method->getParent()->isLambda();
}

/// True when the parameter only reads what it is given: a pointer or
/// reference to const (not a pointer to a pointer, through which the callee
/// could still reach and keep a handle).
bool isReadOnlyParam(QualType Param) {
  if (Param.isNull())
    return false;
  QualType Pointee;
  if (const auto *Ptr = Param->getAs<PointerType>())
    Pointee = Ptr->getPointeeType();
  else if (const auto *Ref = Param->getAs<LValueReferenceType>())
    Pointee = Ref->getPointeeType();
  else
    return false;
  return Pointee.isConstQualified() && !Pointee->isPointerType();
}

/// True when \p Arg builds a generic holder of the value it is given (a
/// constructor template: `std::any`, `std::function` from a lambda): a
/// callee given the holder, even by const reference, can copy it and keep
/// the handle inside. (`std::string` from a `char *` copies the characters,
/// through an ordinary constructor.)
bool buildsHolder(const Expr *Arg) {
  for (unsigned Depth = 0; Arg && Depth < 8; ++Depth) {
    Arg = Arg->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Arg))
      Arg = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Arg))
      Arg = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(Arg))
      Arg = C->getSubExpr();
    else
      break;
  }
  const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Arg);
  return Construct && Construct->getConstructor() &&
         Construct->getConstructor()->getPrimaryTemplate();
}

/// True when a virtual call may run an override LeakGuard does not see.
bool mayRunOverride(const CallExpr *Call, const FunctionDecl *Callee) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (!Method || !Method->isVirtual())
    return false;
  if (Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>())
    return false;
  // `Base::f(x)` names the function: no dispatch.
  if (const auto *Member =
          dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens()))
    return !Member->hasQualifier();
  return true;
}
} // namespace

/// True when \p S assigns \p Var or takes its address.
static bool writesVar(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(S); BO && BO->isAssignmentOp())
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == Var)
      return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->getOpcode() == UO_AddrOf)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == Var)
      return true;
  for (const Stmt *Child : S->children())
    if (writesVar(Child, Var))
      return true;
  return false;
}

const FunctionDecl *resolvedFunctionPointer(const CallExpr *Call) {
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *Deref = dyn_cast<UnaryOperator>(Callee);
      Deref && Deref->getOpcode() == UO_Deref)
    Callee = Deref->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Callee);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getInit() || !Var->getType()->isFunctionPointerType())
    return nullptr;
  const Expr *Init = Var->getInit()->IgnoreParenImpCasts();
  if (const auto *AddrOf = dyn_cast<UnaryOperator>(Init);
      AddrOf && AddrOf->getOpcode() == UO_AddrOf)
    Init = AddrOf->getSubExpr()->IgnoreParenImpCasts();
  const auto *Target = dyn_cast<DeclRefExpr>(Init);
  const auto *Fn = Target ? dyn_cast<FunctionDecl>(Target->getDecl()) : nullptr;
  const auto *Owner = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Fn || !Owner || !Owner->getBody() || writesVar(Owner->getBody(), Var))
    return nullptr;
  return Fn;
}

const FunctionDecl *knownCallee(const CallExpr *Call) {
  if (const FunctionDecl *Callee = calledFunction(Call))
    return Callee;
  return resolvedFunctionPointer(Call);
}

ArgumentUse argumentUse(const CallExpr *Call, unsigned ArgIndex,
                        const ApiModel &Model, bool UnknownTakes) {
  ArgumentUse Unknown =
      UnknownTakes ? ArgumentUse::Taken : ArgumentUse::Borrowed;
  const FunctionDecl *Callee = knownCallee(Call);
  if (!Callee || isTypeErasedCall(Callee))
    return Unknown; // A function pointer, std::function: anything may run.
  std::string Name = qualifiedName(Callee);
  if (ownershipEntryMatches(Model.TakeFunctions, Name, ArgIndex))
    return ArgumentUse::Taken;
  if (ownershipEntryMatches(Model.BorrowFunctions, Name, ArgIndex))
    return ArgumentUse::Borrowed;
  // The argument's parameter: a member operator's object is argument 0.
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  if (ArgIndex < Offset)
    return ArgumentUse::Borrowed; // The object a member operator runs on.
  unsigned Param = ArgIndex - Offset;
  if (ownershipAttributeTakes(Callee, Param))
    return ArgumentUse::Taken;
  if (isStandardLibraryDecl(Callee))
    return ArgumentUse::Borrowed;
  if (Param < Callee->getNumParams() &&
      isReadOnlyParam(Callee->getParamDecl(Param)->getType()) &&
      !buildsHolder(Call->getArg(ArgIndex))) {
    // `const` promises no write through the pointer, not that the callee
    // does not keep it (`table_put(t, const void *key)` storing the key):
    // a body or a summary that can be read decides.
    const FunctionDecl *Definition = nullptr;
    if (Callee->hasBody(Definition) && Definition &&
        Param < Definition->getNumParams() && !Definition->isVariadic())
      return ArgumentUse::ReadOnlyBody;
    if (!Definition && isSummarizedAcrossUnits(Callee))
      return ArgumentUse::ReadOnlyExternal;
    return ArgumentUse::Borrowed;
  }
  if (mayRunOverride(Call, Callee))
    return Unknown;
  const FunctionDecl *Definition = nullptr;
  if (Callee->hasBody(Definition) && Definition &&
      Param < Definition->getNumParams() && !Definition->isVariadic())
    return ArgumentUse::ReadBody;
  if (!Definition && Param < Callee->getNumParams() &&
      isSummarizedAcrossUnits(Callee))
    return ArgumentUse::External;
  return Unknown;
}

bool releasedByCleanupAttribute(const VarDecl *Var) {
  return Var && Var->hasAttr<CleanupAttr>();
}

} // namespace clang::tidy::leak::utils
