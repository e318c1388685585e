// update and delete: transactions on the live generation, which searchd reopens per request.
#include "indexer/index_updater.h"

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "core/schema.h"
#include "indexer/document_pipeline.h"
#include "indexer/input_reading.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/page_url.h"
#include "indexer/shard_router.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

void require_index(const fs::path& live_path) {
  if (!fs::exists(live_path)) throw std::runtime_error(live_path.string() + ": no index (run caravan-indexer build first)");
}

// The generation live_path points to now (its one database or its shards): open it only under
// the lock, or a build may replace it.
ShardWriters open_live(const fs::path& live_path) {
  require_index(live_path);
  try {
    return ShardWriters(fs::canonical(live_path));
  } catch (const Xapian::Error& error) {
    throw std::runtime_error(live_path.string() + ": cannot open the index for writing: " + error.get_msg());
  }
}

}  // namespace

UpdateSummary update_index(const BuildConfig& config, RunReport& report) {
  const auto started = std::chrono::steady_clock::now();
  const SplitInputs inputs = split_inputs(config.inputs);
  const InputListing listing = find_inputs(inputs.paths);
  require_index(config.live_path);
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  const auto make_builder = [&] { return std::make_unique<DocumentBuilder>(analyzer, gazetteers, config.options); };
  const IndexLock lock(config.live_path, "update", config.lock);
  ShardWriters db = open_live(config.live_path);
  UpdateSummary summary;
  summary.files = listing.files.size();
  summary.bytes = listing.bytes;
  const auto write = [&](NewsItem& item, Xapian::Document& doc) {
    const std::string id_term = schema::id_term(item.id);
    Xapian::WritableDatabase& shard = db.for_id(item.id);
    ++(shard.term_exists(id_term) ? summary.changes.replaced : summary.changes.added);  // sees this transaction's own changes
    shard.replace_document(id_term, doc);
    record_title_spelling(db.aux(), doc);
    ++summary.indexed;
    report.progress().add_documents();
  };
  const auto sink_into = [&](DocumentPipeline& pipeline) { return pipeline_sink(pipeline, report, config.limits); };
  db.begin_transaction();
  try {
    DocumentPipeline files(config.threads, make_builder, write);
    read_inputs(listing, sink_into(files), config.limits.max_record_bytes, report.progress(), config.base_url, inputs.paths);
    files.finish();
    if (!inputs.urls.empty() && db.shards() > 1)
      throw std::runtime_error("a sharded index is updated from files only: fetch the URLs into an unsharded index");
    if (!inputs.urls.empty()) {
      DocumentPipeline pages(1, make_builder, write);  // the crawler writes its validators into db.aux()
      summary.crawl = crawl(inputs.urls, config.fetch, db.aux(), /*conditional=*/true, sink_into(pages));
    }
  } catch (...) {
    db.cancel_transaction();
    throw;
  }
  summary.skipped = report.skipped();
  summary.warnings = report.warnings();
  if (config.strict && summary.skipped > 0) {
    db.cancel_transaction();
    summary.changes = {};
  } else {
    db.commit_transaction();
    summary.committed = true;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

std::vector<std::string> delete_documents(const fs::path& live_path, const std::vector<std::string>& ids,
                                          const LockWait& wait) {
  require_index(live_path);
  const IndexLock lock(live_path, "delete", wait);
  ShardWriters db = open_live(live_path);
  std::vector<std::string> missing;
  db.begin_transaction();
  for (const auto& id : ids) {
    const std::string term = schema::id_term(id);
    Xapian::WritableDatabase& shard = db.for_id(id);
    if (shard.get_termfreq(term) == 0) missing.push_back(id);
    else shard.delete_document(term);
  }
  db.commit_transaction();
  return missing;
}

}  // namespace caravan
