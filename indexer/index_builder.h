// Builds a whole new index beside the live one and switches to it atomically.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/document_builder.h"
#include "indexer/fetch/crawler.h"
#include "indexer/fetch/http_client.h"
#include "indexer/index_lock.h"
#include "indexer/record_limits.h"
#include "indexer/run_report.h"
#include "indexer/readers/reader.h"

namespace caravan {

struct BuildConfig {
  std::filesystem::path live_path;    // a symlink to the current generation; created if absent
  std::vector<std::string> inputs;    // files, directories or http(s) URLs
  std::string base_url;               // where each input directory is published (--base-url); "" none
  std::filesystem::path gazetteers_dir;
  std::filesystem::path stopwords_dir;
  BuildOptions options;
  RecordLimits limits;                // longer titles and bodies are cut (a warning each)
  bool strict = false;                // any skipped record fails the build
  LockWait lock;                      // how long to wait for another build, update or delete
  FetchPolicy fetch;                  // how the URLs among the inputs are fetched
  unsigned shards = 1;                // build: > 1 writes a sharded generation (indexer/shard_router.h)
  unsigned threads = 1;               // analysis threads (indexer/document_pipeline.h) and up to 4
                                      // writers (indexer/part_writers.h); 1: none
};

struct BuildSummary {
  std::size_t files = 0;
  std::uint64_t bytes = 0;            // of the files, as on disk
  std::size_t indexed = 0;            // records written (a repeated id replaces the earlier one)
  std::size_t skipped = 0;
  std::size_t warnings = 0;
  ChangeCounts changes;               // the new index's ids against those of the one served before
  CrawlCounts crawl;                  // of the URLs among the inputs
  double seconds = 0;
  std::filesystem::path generation;   // the directory the live path now points to
  bool published = false;             // false: the live index was left as it was
  std::string failure;                // why it was not published
};

// Reads every input, writes a new index in a temporary directory, compacts it into a new
// generation directory next to live_path, then renames a new symlink over live_path: readers
// see the old index or the new one, never a partial one. An interrupted build leaves only
// temporary files behind. Problems go to report, counted by code, and unknown files among
// them; its progress bar advances by input bytes and documents. Holds the IndexLock of live_path
// throughout. Throws std::runtime_error when an input path does not exist, live_path is a real
// directory or the lock is not got in time (nothing is changed then).
// Before writing, removes what builds killed earlier left beside live_path (INDEX.tmp-*,
// INDEX.link-*): safe, since every writer of those holds the lock this build now holds.
BuildSummary build_index(const BuildConfig& config, RunReport& report);

// The same without progress or printing (for programs and tests): each problem goes to on_problem.
BuildSummary build_index(const BuildConfig& config, const std::function<void(const ReadProblem&)>& on_problem);

struct RollbackSummary {
  bool rolled_back = false;
  std::filesystem::path from;  // generation served before (file name)
  std::filesystem::path to;    // generation served now, when rolled_back
  unsigned documents = 0;      // in it
  std::string failure;         // why not: no other generation kept, or it cannot be opened
};

// Points live_path back at the generation a build kept (the newest one older than the served
// one, else the other kept one: rolling back twice returns), with one rename, under the lock.
// Keeps both generations; the next build removes the one not served. Throws when live_path is not
// the indexer's symlink or the lock is not got in time.
RollbackSummary rollback_index(const std::filesystem::path& live_path, const LockWait& wait);

}  // namespace caravan
