// The BuildConfig tests use to index their inputs with the repository's gazetteers and stopwords.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "indexer/index_builder.h"
#include "tests/test_paths.h"

namespace caravan::test {

inline BuildConfig build_config(const std::filesystem::path& live_path, std::vector<std::string> inputs) {
  BuildConfig config;
  config.live_path = live_path;
  config.inputs = std::move(inputs);
  config.gazetteers_dir = gazetteers_dir();
  config.stopwords_dir = stopwords_dir();
  return config;
}

}  // namespace caravan::test
