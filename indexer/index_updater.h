// Incremental changes to the live index: add or replace items by id, delete ids, in transactions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/index_builder.h"

namespace caravan {

struct UpdateSummary {
  std::size_t files = 0;
  std::uint64_t bytes = 0;   // of the files, as on disk
  std::size_t indexed = 0;   // records written: changes.added + changes.replaced
  std::size_t skipped = 0;
  std::size_t warnings = 0;
  ChangeCounts changes;      // by id: new ones added, known ones replaced (none deleted)
  CrawlCounts crawl;         // of the URLs among the inputs; 304s keep their items
  double seconds = 0;
  bool committed = false;    // false: nothing changed (--strict with skipped records)
};

// Reads the inputs and adds or replaces each item by id in the live index (the generation
// live_path points to), in one transaction: searchd sees none of the changes or all of them,
// on its next request. With config.strict, any skipped record cancels the transaction.
// Problems (and unknown files) go to report, whose progress bar advances by input bytes.
// Holds the IndexLock of live_path throughout, so a build cannot swap the generation under it.
// Throws std::runtime_error when live_path is not an index, an input does not exist or the
// lock is not got in time.
UpdateSummary update_index(const BuildConfig& config, RunReport& report);

// Deletes the documents with these ids in one transaction, under the IndexLock; returns the ids
// that were not there.
std::vector<std::string> delete_documents(const std::filesystem::path& live_path, const std::vector<std::string>& ids,
                                          const LockWait& wait = {});

}  // namespace caravan
