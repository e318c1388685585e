// Default data directories resolved at run time from the executable's location.
#include "core/data_paths.h"

#include <filesystem>
#include <system_error>

namespace caravan {
namespace fs = std::filesystem;

std::string default_data_dir(const std::string& name, const std::string& source_fallback) {
  std::error_code error;
  const fs::path exe = fs::read_symlink("/proc/self/exe", error);
  if (error) return source_fallback;
  const fs::path installed = (exe.parent_path() / CARAVAN_INSTALL_DATA_RELATIVE / name).lexically_normal();
  return fs::is_directory(installed, error) ? installed.string() : source_fallback;
}

}  // namespace caravan
