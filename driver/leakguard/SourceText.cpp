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

llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    const std::function<void(llvm::raw_ostream &)> &Write) {
  return llvm::writeToOutput(Path, [&](llvm::raw_ostream &OS) {
    Write(OS);
    return llvm::Error::success();
  });
}

} // namespace clang::tidy::leak::driver
