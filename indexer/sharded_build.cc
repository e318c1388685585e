// build --shards N: one writer thread per shard (indexer/part_writers.h), then the compaction.
#include "indexer/sharded_build.h"

#include <xapian.h>

#include <vector>

#include "core/schema.h"
#include "indexer/document_pipeline.h"
#include "indexer/input_reading.h"
#include "indexer/part_writers.h"
#include "indexer/readers/input_files.h"
#include "indexer/shard_router.h"
#include "indexer/synonyms.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

// Shard n's database under tmp, and its part of the spelling table (merged into aux at compaction).
std::vector<PartPaths> shard_paths(const fs::path& tmp, unsigned shards) {
  std::vector<PartPaths> paths;
  for (unsigned shard = 0; shard < shards; ++shard)
    paths.push_back({tmp / shard_name(shard), tmp / (std::string(kAuxDatabase) + "-" + std::to_string(shard))});
  return paths;
}

// Compacts every shard and the merged spelling parts (with the synonyms) into `compacted`.
void compact_shards(PartWriters& writers, const Gazetteers& gazetteers, const fs::path& compacted) {
  fs::create_directories(compacted);
  Xapian::Database spelling_parts;
  for (unsigned shard = 0; shard < writers.size(); ++shard) {
    writers.db(shard).compact((compacted / shard_name(shard)).string());
    spelling_parts.add_database(writers.spelling(shard));
  }
  spelling_parts.compact((compacted / kAuxDatabase).string());
  Xapian::WritableDatabase aux((compacted / kAuxDatabase).string(), Xapian::DB_OPEN);
  add_organization_synonyms(aux, gazetteers.organizations);
  aux.commit();
  write_stub(compacted, writers.size());
}

}  // namespace

void write_sharded_generation(const BuildConfig& config, const InputListing& listing, const fs::path& tmp, const fs::path& compacted,
                              BuildSummary& summary, RunReport& report) {
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  summary.files = listing.files.size();
  summary.bytes = listing.bytes;
  fs::create_directories(tmp);
  PartWriters writers(shard_paths(tmp, config.shards), /*threaded=*/true, report.progress());
  // The analysis spread over config.threads threads; its writer hands each document to its shard's.
  DocumentPipeline pipeline(
      config.threads, [&] { return std::make_unique<DocumentBuilder>(analyzer, gazetteers, config.options); },
      [&](NewsItem& item, Xapian::Document& doc) {
        writers.push(shard_of(item.id, config.shards), schema::id_term(item.id), std::move(doc));
      });
  read_inputs(listing, pipeline_sink(pipeline, report, config.limits), config.limits.max_record_bytes, report.progress(),
              config.base_url, config.inputs);
  pipeline.finish();
  writers.finish();
  writers.commit();
  summary.indexed = writers.written();
  summary.skipped = report.skipped();
  summary.warnings = report.warnings();
  if (summary.indexed == 0) summary.failure = "no documents were indexed";
  else if (config.strict && summary.skipped > 0) summary.failure = "--strict and records were skipped";
  if (!summary.failure.empty()) return;
  compact_shards(writers, gazetteers, compacted);
}

}  // namespace caravan
