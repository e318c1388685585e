// build --shards N: the items spread over N shard databases, written by one thread per shard.
#pragma once

#include <filesystem>
#include <functional>

#include "indexer/index_builder.h"
#include "indexer/readers/input_files.h"
#include "indexer/run_report.h"

namespace caravan {

// Reads every input of listing (progress and problems through report) on the calling thread,
// analyses the items on config.threads threads (indexer/document_pipeline.h) and hands each
// document, in input order, to the writer thread of shard shard_of(id, config.shards) under tmp.
// Unless the build failed (summary.failure), compacts each shard, and the merged spelling and
// synonyms as aux, into the directory `compacted` with its stub file (indexer/shard_router.h).
// Fills summary; leaves tmp for the caller to remove.
void write_sharded_generation(const BuildConfig& config, const InputListing& listing, const std::filesystem::path& tmp,
                              const std::filesystem::path& compacted, BuildSummary& summary, RunReport& report);

}  // namespace caravan
