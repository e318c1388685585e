// One writer thread per shard, fed with built documents through small bounded queues.
#include "indexer/sharded_build.h"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/schema.h"
#include "indexer/document_pipeline.h"
#include "indexer/input_reading.h"
#include "indexer/readers/input_files.h"
#include "indexer/shard_router.h"
#include "indexer/synonyms.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

constexpr std::size_t kQueueItems = 64;  // per shard: bounds memory while the analysis runs ahead

// A document for a shard's writer, with the id it is written under.
struct ShardDocument {
  std::string id_term;
  Xapian::Document doc;
};

// A bounded queue of documents for one shard's writer; close() ends it.
class DocumentQueue {
 public:
  void push(ShardDocument&& item) {
    std::unique_lock lock(mutex_);
    not_full_.wait(lock, [&] { return items_.size() < kQueueItems || closed_; });
    if (closed_) return;
    items_.push_back(std::move(item));
    not_empty_.notify_one();
  }

  std::optional<ShardDocument> pop() {
    std::unique_lock lock(mutex_);
    not_empty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    ShardDocument item = std::move(items_.front());
    items_.pop_front();
    not_full_.notify_one();
    return item;
  }

  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable not_empty_, not_full_;
  std::deque<ShardDocument> items_;
  bool closed_ = false;
};

// One shard's writer: its own shard database and its own part of the spelling table, merged
// into aux at compaction. The documents come analysed (DocumentPipeline) in input order.
struct ShardWriter {
  ShardWriter(const fs::path& tmp, unsigned shard)
      : db((tmp / shard_name(shard)).string(), Xapian::DB_CREATE_OR_OVERWRITE),
        spelling((tmp / (std::string(kAuxDatabase) + "-" + std::to_string(shard))).string(), Xapian::DB_CREATE_OR_OVERWRITE) {}

  void run(std::size_t& written_total, std::mutex& count_mutex, ProgressBar& progress) {
    try {
      // A fresh shard: add_document, and replace_document only for an id seen before in this build.
      std::unordered_map<std::string, Xapian::docid> docids;
      while (auto item = queue.pop()) {
        auto [seen, added] = docids.try_emplace(std::move(item->id_term), 0);
        if (added) seen->second = db.add_document(item->doc);
        else db.replace_document(seen->second, item->doc);
        record_title_spelling(spelling, item->doc);
        std::lock_guard lock(count_mutex);
        ++written_total;
        progress.add_documents();
      }
      db.commit();
      spelling.commit();
    } catch (...) {
      failure = std::current_exception();
      queue.close();  // the analysis must not wait on a writer that stopped
    }
  }

  Xapian::WritableDatabase db;
  Xapian::WritableDatabase spelling;
  DocumentQueue queue;
  std::exception_ptr failure;
};

// Compacts every shard and the merged spelling parts (with the synonyms) into `compacted`.
void compact_shards(std::vector<std::unique_ptr<ShardWriter>>& writers, const Gazetteers& gazetteers,
                    const fs::path& compacted) {
  fs::create_directories(compacted);
  Xapian::Database spelling_parts;
  for (unsigned shard = 0; shard < writers.size(); ++shard) {
    writers[shard]->db.compact((compacted / shard_name(shard)).string());
    spelling_parts.add_database(writers[shard]->spelling);
  }
  spelling_parts.compact((compacted / kAuxDatabase).string());
  Xapian::WritableDatabase aux((compacted / kAuxDatabase).string(), Xapian::DB_OPEN);
  add_organization_synonyms(aux, gazetteers.organizations);
  aux.commit();
  write_stub(compacted, static_cast<unsigned>(writers.size()));
}

}  // namespace

void write_sharded_generation(const BuildConfig& config, const InputListing& listing, const fs::path& tmp, const fs::path& compacted,
                              BuildSummary& summary, RunReport& report) {
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  summary.files = listing.files.size();
  summary.bytes = listing.bytes;
  ProgressBar& progress = report.progress();
  fs::create_directories(tmp);
  std::vector<std::unique_ptr<ShardWriter>> writers;
  for (unsigned shard = 0; shard < config.shards; ++shard) writers.push_back(std::make_unique<ShardWriter>(tmp, shard));
  std::mutex count_mutex;
  std::vector<std::thread> threads;
  for (auto& writer : writers)
    threads.emplace_back([&, w = writer.get()] { w->run(summary.indexed, count_mutex, progress); });
  std::exception_ptr read_failure;
  try {
    // The analysis spread over config.threads threads; its writer hands each document to its shard.
    DocumentPipeline pipeline(
        config.threads, [&] { return std::make_unique<DocumentBuilder>(analyzer, gazetteers, config.options); },
        [&](NewsItem& item, Xapian::Document& doc) {
          writers[shard_of(item.id, config.shards)]->queue.push({schema::id_term(item.id), std::move(doc)});
        });
    ReaderSink sink;
    sink.on_item = [&](NewsItem&& item) { pipeline.push(std::move(item)); };
    sink.on_problem = [&](const ReadProblem& problem) { report.problem(problem); };
    read_inputs(listing, limited_sink(config.limits, sink), config.limits.max_record_bytes, progress, config.base_url,
                config.inputs);
    pipeline.finish();
  } catch (...) {
    read_failure = std::current_exception();
  }
  for (auto& writer : writers) writer->queue.close();
  for (auto& thread : threads) thread.join();
  for (auto& writer : writers)
    if (writer->failure) std::rethrow_exception(writer->failure);
  if (read_failure) std::rethrow_exception(read_failure);
  summary.skipped = report.skipped();
  summary.warnings = report.warnings();
  if (summary.indexed == 0) summary.failure = "no documents were indexed";
  else if (config.strict && summary.skipped > 0) summary.failure = "--strict and records were skipped";
  if (!summary.failure.empty()) return;
  compact_shards(writers, gazetteers, compacted);
}

}  // namespace caravan
