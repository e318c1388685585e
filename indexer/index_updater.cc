// update and delete: transactions on the live generation, which searchd reopens per request.
#include "indexer/index_updater.h"

#include <xapian.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "core/schema.h"
#include "indexer/progress_line.h"
#include "indexer/readers/input_files.h"
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

UpdateSummary update_index(const BuildConfig& config, const std::function<void(const ReadProblem&)>& on_problem) {
  const auto started = std::chrono::steady_clock::now();
  const auto files = list_input_files(config.inputs);
  require_index(config.live_path);
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  DocumentBuilder builder(analyzer, gazetteers, config.options);
  const IndexLock lock(config.live_path, "update", config.lock);
  ShardWriters db = open_live(config.live_path);
  builder.record_spelling(db.aux());
  UpdateSummary summary;
  summary.files = files.size();
  ProgressLine progress(config.progress);
  ReaderSink sink;
  sink.on_item = [&](NewsItem&& item) {
    const Xapian::Document doc = builder.build(item);
    db.for_id(item.id).replace_document(schema::id_term(item.id), doc);
    progress.update(++summary.replaced);
  };
  sink.on_problem = [&](const ReadProblem& problem) {
    ++(problem.skipped ? summary.skipped : summary.warnings);
    on_problem(problem);
  };
  const ReaderSink limited = limited_sink(config.limits, sink);
  db.begin_transaction();
  try {
    for (const auto& file : files) read_input_file(file, limited, config.limits.max_record_bytes);
  } catch (...) {
    db.cancel_transaction();
    throw;
  }
  progress.finish();
  if (config.strict && summary.skipped > 0) {
    db.cancel_transaction();
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
