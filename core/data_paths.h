// Where the data directories (gazetteers, stopwords, web) are by default: beside an installed
// binary, else in the source tree the binary was built from.
#pragma once

#include <string>

namespace caravan {

// <exe_dir>/<relative>/<name> (relative is CARAVAN_INSTALL_DATA_RELATIVE, "../share/caravan"
// for an install under PREFIX/bin and PREFIX/share) when that directory exists, where exe_dir
// is the directory of /proc/self/exe; otherwise source_fallback, the source tree's directory
// compiled in, so binaries run from the build tree (tests, make demo) use the checkout's data.
std::string default_data_dir(const std::string& name, const std::string& source_fallback);

}  // namespace caravan
