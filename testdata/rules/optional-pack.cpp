// Optional packs are off by default and enabled by name in RulePacks.
// RUN: %check_leakguard %s leak-unreleased-resource %t --config="{CheckOptions: {RulePacks: 'zlib'}}"
// RUN: %check_leakguard --check-suffix=OFF %s leak-unreleased-resource %t

typedef struct gzFile_s *gzFile;
gzFile gzopen(const char *Path, const char *Mode);
int gzclose(gzFile File);
bool ready() noexcept;

int warn_gz_early_return(const char *Path) {
  gzFile F = gzopen(Path, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: gzip stream 'F' opened by 'gzopen' is not closed on every path [leak-unreleased-resource]
  if (!F)
    return -1;
  if (!ready())
    return -2;
  gzclose(F);
  return 0;
}
