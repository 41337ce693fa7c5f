//===--- LeakGuardDocLinks.cpp - Documentation links of leak-* diagnostics ===//
//
// clangd links every clang-tidy diagnostic to clang-tidy's own site
// (https://clang.llvm.org/extra/clang-tidy/checks/<module>/<name>.html),
// where no page exists for LeakGuard's `leak` module. The editor's side of
// the connection is relayed through a pipe, and in each publishDiagnostics
// notification the link of a leak-* diagnostic is pointed at LeakGuard's
// documentation (docs/checks/<check>.md under the configured base URL) or,
// with no base configured, removed: never a page that does not exist.
//
//===----------------------------------------------------------------------===//

#include "LeakGuardDocLinks.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/raw_ostream.h"
#include <cerrno>
#include <string>
#include <unistd.h>

namespace clang::leakguard {

/// Points the documentation link of each leak-* diagnostic of \p Message at
/// \p Base, or removes it when \p Base is empty. False when nothing changed.
static bool relink(llvm::json::Value &Message, llvm::StringRef Base) {
  llvm::json::Object *O = Message.getAsObject();
  if (!O || O->getString("method") != "textDocument/publishDiagnostics")
    return false;
  llvm::json::Object *Params = O->getObject("params");
  llvm::json::Array *Diags = Params ? Params->getArray("diagnostics") : nullptr;
  if (!Diags)
    return false;
  bool Changed = false;
  for (llvm::json::Value &D : *Diags) {
    llvm::json::Object *Diag = D.getAsObject();
    std::optional<llvm::StringRef> Code =
        Diag ? Diag->getString("code") : std::nullopt;
    if (!Code || !Code->starts_with("leak-") || !Diag->get("codeDescription"))
      continue;
    if (Base.empty()) {
      Diag->erase("codeDescription");
    } else {
      std::string Url = Base.str();
      if (!llvm::StringRef(Url).ends_with("/"))
        Url += '/';
      Url += "docs/checks/" + Code->str() + ".md";
      (*Diag)["codeDescription"] = llvm::json::Object{{"href", Url}};
    }
    Changed = true;
  }
  return Changed;
}

static bool writeAll(int FD, llvm::StringRef Data) {
  while (!Data.empty()) {
    ssize_t N = ::write(FD, Data.data(), Data.size());
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Data = Data.drop_front(static_cast<size_t>(N));
  }
  return true;
}

void relayMessages(int From, int To, llvm::StringRef Base) {
  std::string Buffer;
  char Chunk[1 << 16];
  bool Forwarding = true;
  while (true) {
    ssize_t N = ::read(From, Chunk, sizeof(Chunk));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    if (!Forwarding) {
      if (!writeAll(To, llvm::StringRef(Chunk, static_cast<size_t>(N))))
        return;
      continue;
    }
    Buffer.append(Chunk, static_cast<size_t>(N));
    // Whole messages: "Content-Length: N\r\n...\r\n\r\n" then N bytes.
    while (true) {
      size_t HeaderEnd = Buffer.find("\r\n\r\n");
      if (HeaderEnd == std::string::npos)
        break;
      llvm::StringRef Header(Buffer.data(), HeaderEnd);
      size_t LengthAt = Header.find("Content-Length:");
      unsigned long long Length = 0;
      if (LengthAt == llvm::StringRef::npos ||
          llvm::getAsUnsignedInteger(
              Header.substr(LengthAt + 15).split('\r').first.trim(), 10,
              Length)) {
        // Not LSP framing: pass everything through untouched from here.
        Forwarding = false;
        if (!writeAll(To, Buffer))
          return;
        Buffer.clear();
        break;
      }
      size_t BodyStart = HeaderEnd + 4;
      if (Buffer.size() - BodyStart < Length)
        break;
      llvm::StringRef Body(Buffer.data() + BodyStart, Length);
      std::string Out;
      llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Body);
      if (Parsed && relink(*Parsed, Base)) {
        std::string Text;
        llvm::raw_string_ostream OS(Text);
        OS << *Parsed;
        OS.flush();
        Out = "Content-Length: " + std::to_string(Text.size()) + "\r\n\r\n" +
              Text;
      } else {
        if (!Parsed)
          llvm::consumeError(Parsed.takeError());
        Out = Buffer.substr(0, BodyStart + Length);
      }
      if (!writeAll(To, Out))
        return;
      Buffer.erase(0, BodyStart + Length);
    }
  }
  writeAll(To, Buffer);
}

std::string docBaseUrl() {
  if (std::optional<std::string> Env =
          llvm::sys::Process::GetEnv("LEAKGUARD_DOC_BASE_URL"))
    return *Env;
  return LEAKGUARD_DOC_BASE_URL;
}

} // namespace clang::leakguard
