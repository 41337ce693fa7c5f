//===--- SourceText.cpp - Source lines for reports ------------------------===//

#include "SourceText.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::leak::driver {

const SourceFiles::Text &SourceFiles::get(llvm::StringRef File) {
  auto [It, Inserted] = Files.try_emplace(File);
  Text &T = It->second;
  if (!Inserted)
    return T;
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
  if (!Buffer)
    return T;
  T.Buffer = std::move(*Buffer);
  llvm::StringRef Content = T.Buffer->getBuffer();
  T.LineStarts.push_back(0);
  for (size_t I = 0; I < Content.size(); ++I)
    if (Content[I] == '\n')
      T.LineStarts.push_back(I + 1);
  return T;
}

llvm::StringRef SourceFiles::line(llvm::StringRef File, unsigned Line) {
  const Text &T = get(File);
  if (!T.Buffer || Line == 0 || Line > T.LineStarts.size())
    return {};
  llvm::StringRef Content = T.Buffer->getBuffer();
  size_t Begin = T.LineStarts[Line - 1];
  if (Begin >= Content.size())
    return {};
  llvm::StringRef Rest = Content.substr(Begin);
  return Rest.take_until([](char C) { return C == '\n'; }).rtrim('\r');
}

std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef Text,
                                            unsigned Offset) {
  unsigned Line = 1;
  size_t LineStart = 0;
  size_t End = std::min<size_t>(Offset, Text.size());
  for (size_t I = 0; I < End; ++I) {
    if (Text[I] == '\n') {
      ++Line;
      LineStart = I + 1;
    }
  }
  return {Line, static_cast<unsigned>(End - LineStart + 1)};
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (Path == "-")
    return llvm::Error::success();
  if (llvm::sys::fs::is_directory(Path))
    return llvm::createStringError("%s is a directory", Path.str().c_str());
  llvm::StringRef Dir = llvm::sys::path::parent_path(Path);
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir))
    return llvm::createStringError("directory %s does not exist",
                                   Dir.str().c_str());
  if (llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return llvm::createStringError("directory %s is not writable",
                                   Dir.str().c_str());
  return llvm::Error::success();
}

/// The error \p OS met, cleared so that its destructor does not abort.
static std::error_code takeStreamError(llvm::raw_fd_ostream &OS) {
  std::error_code EC = OS.error();
  OS.clear_error();
  return EC;
}

/// Writes in place: stdout ("-"), a link, a device, a pipe or a terminal
/// (`/dev/stdout`, a FIFO), which a renamed temporary file would replace.
static llvm::Error
writeInPlace(llvm::StringRef Path,
             const std::function<void(llvm::raw_ostream &)> &Write) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC, llvm::sys::fs::OF_None);
  if (EC)
    return llvm::createFileError(Path, EC);
  Write(OS);
  // Standard output stays open for the rest of the run.
  if (Path == "-")
    OS.flush();
  else
    OS.close();
  if (OS.has_error())
    return llvm::createFileError(Path, takeStreamError(OS));
  return llvm::Error::success();
}

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    const std::function<void(llvm::raw_ostream &)> &Write) {
  // Not followed: a link (`/dev/stdout`, `/proc/self/fd/1`) is written
  // through, as renaming onto it would replace the link itself.
  llvm::sys::fs::file_status Status;
  if (Path == "-" || (!llvm::sys::fs::status(Path, Status, /*Follow=*/false) &&
                      llvm::sys::fs::exists(Status) &&
                      !llvm::sys::fs::is_regular_file(Status)))
    return writeInPlace(Path, Write);
  llvm::Expected<llvm::sys::fs::TempFile> Temp =
      llvm::sys::fs::TempFile::create(Path + ".leakguard-%%%%%%");
  if (!Temp)
    return llvm::createFileError(Path, Temp.takeError());
  std::error_code EC;
  {
    llvm::raw_fd_ostream OS(Temp->FD, /*shouldClose=*/false);
    Write(OS);
    OS.flush();
    if (OS.has_error())
      EC = takeStreamError(OS);
  }
  // A full disk or a failed write leaves the old report (or none), never a
  // truncated one.
  if (EC) {
    llvm::consumeError(Temp->discard());
    return llvm::createFileError(Path, EC);
  }
  if (llvm::Error E = Temp->keep(Path))
    return llvm::createFileError(Path, std::move(E));
  return llvm::Error::success();
}

} // namespace clang::tidy::leak::driver
