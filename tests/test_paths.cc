// Temporary directories for tests.
#include "tests/test_paths.h"

#include <stdlib.h>

#include <stdexcept>
#include <string>

namespace caravan::test {

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "caravan-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace caravan::test
