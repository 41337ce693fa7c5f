//===--- OptionUtils.cpp - Reading LeakGuard's check options -------------===//

#include "OptionUtils.h"
#include "llvm/ADT/StringSwitch.h"
#include <optional>

namespace clang::tidy::leak::utils {

std::vector<std::string> splitList(StringRef List) {
  llvm::SmallVector<StringRef, 8> Parts;
  List.split(Parts, ';', -1, /*KeepEmpty=*/false);
  std::vector<std::string> Result;
  for (StringRef Part : Parts)
    if (!Part.trim().empty())
      Result.push_back(Part.trim().str());
  return Result;
}

std::string joinList(const std::vector<std::string> &Items) {
  std::string Result;
  for (const std::string &Item : Items) {
    if (!Result.empty())
      Result += ';';
    Result += Item;
  }
  return Result;
}

bool readBoolOption(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyContext *Context, StringRef CheckName,
                    StringRef Name, bool Default) {
  std::optional<StringRef> Raw = Options.get(Name);
  if (!Raw)
    return Default;
  std::optional<bool> Value =
      llvm::StringSwitch<std::optional<bool>>(Raw->trim().lower())
          .Cases({"true", "1", "yes", "on"}, true)
          .Cases({"false", "0", "no", "off"}, false)
          .Default(std::nullopt);
  if (Value)
    return *Value;
  // The same wording as clang-tidy's own option errors.
  Context->configurationDiag(
      "invalid configuration value '%0' for option '%1'; expected a bool")
      << *Raw << (CheckName + "." + Name).str();
  return Default;
}

} // namespace clang::tidy::leak::utils
