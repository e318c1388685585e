// Where tests find the repository's data and the built binaries (set by tests/CMakeLists.txt).
#pragma once

#include <filesystem>

namespace caravan::test {

inline std::filesystem::path source_dir() { return CARAVAN_SOURCE_DIR; }
inline std::filesystem::path fixtures() { return source_dir() / "tests" / "fixtures"; }
inline std::filesystem::path stopwords_dir() { return source_dir() / "stopwords"; }
inline std::filesystem::path gazetteers_dir() { return source_dir() / "gazetteers"; }
inline std::filesystem::path demo_dir() { return source_dir() / "data" / "demo"; }

// A fresh directory under the system temp dir, removed when the object goes away.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace caravan::test
