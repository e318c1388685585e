// The build command: read, analyze, write, compact, swap.
#include "indexer/index_builder.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/schema.h"
#include "indexer/document_pipeline.h"
#include "indexer/input_reading.h"
#include "indexer/part_writers.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/page_url.h"
#include "indexer/shard_router.h"
#include "indexer/sharded_build.h"
#include "indexer/synonyms.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

std::string timestamp() {
  const auto now = std::chrono::system_clock::now();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  return std::to_string(micros);
}

void check_live_path(const fs::path& live) {
  if (fs::exists(fs::symlink_status(live)) && !fs::is_symlink(fs::symlink_status(live)))
    throw std::runtime_error(live.string() + " exists and is not a symlink made by caravan-indexer; "
                             "choose another --out or remove it");
  fs::create_directories(fs::absolute(live).parent_path());
}

// Renames a new symlink to generation over live: readers see the old target or the new one.
// Returns the old target ("" when live was absent).
fs::path point_live_at(const fs::path& live, const fs::path& generation) {
  const fs::path link_tmp = live.string() + ".link-" + std::to_string(::getpid());
  fs::remove(link_tmp);
  fs::create_symlink(generation.filename(), link_tmp);
  fs::path previous;
  if (fs::is_symlink(live)) previous = fs::read_symlink(live);
  fs::rename(link_tmp, live);
  return previous;
}

// Points live at generation, then removes generations older than the previous one.
void publish(const fs::path& live, const fs::path& generation) {
  const fs::path previous = point_live_at(live, generation);
  const std::string prefix = live.filename().string() + ".gen-";
  for (const auto& entry : fs::directory_iterator(fs::absolute(live).parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name != generation.filename() && name != previous.filename())
      fs::remove_all(entry.path());
  }
}

// What a killed build (kill -9, power loss) leaves beside live: its INDEX.tmp-<pid> database,
// the half-compacted INDEX.tmp-<pid>.compact, an INDEX.link-<pid> symlink not yet renamed.
// Only a holder of INDEX.lock may call this: every writer of these holds it, so none is running.
void remove_stale_temporaries(const fs::path& live, RunReport& report) {
  const std::string tmp_prefix = live.filename().string() + ".tmp-";
  const std::string link_prefix = live.filename().string() + ".link-";
  std::vector<fs::path> stale;
  for (const auto& entry : fs::directory_iterator(fs::absolute(live).parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(tmp_prefix) || name.starts_with(link_prefix)) stale.push_back(entry.path());
  }
  for (const auto& path : stale) {
    report.note("removing " + path.filename().string() + ", left by an interrupted build");
    fs::remove_all(path);
  }
}

// The generation directories of live, oldest first (their names end in microseconds).
std::vector<fs::path> generations_of(const fs::path& live) {
  const std::string prefix = live.filename().string() + ".gen-";
  std::vector<std::pair<unsigned long long, fs::path>> found;
  for (const auto& entry : fs::directory_iterator(fs::absolute(live).parent_path())) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with(prefix) || !entry.is_directory()) continue;
    const std::string stamp = name.substr(prefix.size());
    if (stamp.empty() || stamp.find_first_not_of("0123456789") != std::string::npos) continue;
    found.emplace_back(std::stoull(stamp), entry.path());
  }
  std::sort(found.begin(), found.end());
  std::vector<fs::path> paths;
  for (auto& [stamp, path] : found) paths.push_back(std::move(path));
  return paths;
}

// The ids (Q terms) of fresh against those of the index live serves: all added when there is
// none, or it cannot be opened.
ChangeCounts compare_ids(const fs::path& live, const Xapian::Database& fresh) {
  const std::string prefix(schema::kPrefixId);
  Xapian::Database old;  // no databases: no terms
  try {
    if (fs::exists(live)) old = Xapian::Database(live.string());
  } catch (const Xapian::Error&) {
  }
  ChangeCounts changes;
  auto before = old.allterms_begin(prefix), after = fresh.allterms_begin(prefix);
  const auto before_end = old.allterms_end(prefix), after_end = fresh.allterms_end(prefix);
  while (before != before_end || after != after_end) {
    if (after == after_end || (before != before_end && *before < *after)) {
      ++changes.deleted;
      ++before;
    } else if (before == before_end || *after < *before) {
      ++changes.added;
      ++after;
    } else {
      ++changes.replaced;
      ++before;
      ++after;
    }
  }
  return changes;
}

// With --threads N >= 2, up to kMaxWriters writers, each its own database: one writer thread
// was the bound of a 2-core build (README "Indexing on several cores").
constexpr unsigned kMaxWriters = 4;

unsigned writers_for(const BuildConfig& config) { return std::clamp(config.threads, 1u, kMaxWriters); }

// The part databases of a fresh build under tmp: item id i goes to part shard_of(i, n).
std::vector<PartPaths> part_paths(const fs::path& tmp, unsigned parts) {
  fs::create_directories(tmp);
  std::vector<PartPaths> paths;
  for (unsigned part = 0; part < parts; ++part) paths.push_back({tmp / ("part-" + std::to_string(part)), {}});
  return paths;
}

// Analyses every item of the inputs on config.threads threads and hands it, in input order, to
// the writer of its id's part; the URLs among the inputs are fetched afterwards, on this thread,
// and written there. Part 0 alone gets the crawler's validators and the synonyms.
void index_inputs(const BuildConfig& config, const SplitInputs& inputs, const InputListing& listing,
                  const Analyzer& analyzer, const Gazetteers& gazetteers, PartWriters& writers, BuildSummary& summary,
                  RunReport& report) {
  const auto make_builder = [&] { return std::make_unique<DocumentBuilder>(analyzer, gazetteers, config.options); };
  const auto write = [&](NewsItem& item, Xapian::Document& doc) {
    writers.push(shard_of(item.id, writers.size()), schema::id_term(item.id), std::move(doc));
  };
  const auto sink_into = [&](DocumentPipeline& pipeline) { return pipeline_sink(pipeline, report, config.limits); };
  {
    DocumentPipeline files(config.threads, make_builder, write);
    read_inputs(listing, sink_into(files), config.limits.max_record_bytes, report.progress(), config.base_url, inputs.paths);
    files.finish();
  }
  writers.finish();
  add_organization_synonyms(writers.db(0), gazetteers.organizations);
  if (inputs.urls.empty()) return;
  // The crawler keeps its validators in part 0 as it goes: no writer thread beside it.
  DocumentPipeline pages(1, make_builder, write);
  summary.crawl = crawl(inputs.urls, config.fetch, writers.db(0), /*conditional=*/false, sink_into(pages));
}

// Reads every input into new databases under tmp (one per writer; with --shards N, N shard
// databases) and, unless the build failed, compacts them into a new generation directory.
// Fills summary; leaves tmp for the caller to remove.
void write_generation(const BuildConfig& config, const fs::path& tmp, BuildSummary& summary, RunReport& report) {
  const SplitInputs inputs = split_inputs(config.inputs);
  const InputListing listing = find_inputs(inputs.paths);
  const fs::path compacted = tmp.string() + ".compact";
  if (config.shards > 1) {
    if (!inputs.urls.empty()) throw std::runtime_error("--shards builds read files only: fetch the URLs into an unsharded index");
    write_sharded_generation(config, listing, tmp, compacted, summary, report);
    if (!summary.failure.empty()) return;
    summary.changes = compare_ids(config.live_path, Xapian::Database(compacted.string()));
    summary.generation = config.live_path.string() + ".gen-" + timestamp();
    fs::rename(compacted, summary.generation);
    return;
  }
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  summary.files = listing.files.size();
  summary.bytes = listing.bytes;
  const std::vector<PartPaths> parts = part_paths(tmp, writers_for(config));
  {
    PartWriters writers(parts, /*threaded=*/config.threads > 1, report.progress());
    index_inputs(config, inputs, listing, analyzer, gazetteers, writers, summary, report);
    writers.commit();
    summary.indexed = writers.written();
  }
  summary.skipped = report.skipped();
  summary.warnings = report.warnings();
  if (summary.indexed == 0) summary.failure = "no documents were indexed";
  else if (config.strict && summary.skipped > 0) summary.failure = "--strict and records were skipped";
  if (!summary.failure.empty()) return;
  // The parts one after the other: compaction renumbers part 1's documents after part 0's,
  // sums the spelling frequencies and unites the synonyms (part 0's only) and metadata (part 0's).
  Xapian::Database merged;
  for (const auto& part : parts) merged.add_database(Xapian::Database(part.db.string()));
  summary.changes = compare_ids(config.live_path, merged);
  // Compacted under a temporary name and renamed when complete, so every INDEX.gen-* directory
  // is a whole index (rollback may serve it) and a killed compaction is only a stale temporary.
  merged.compact(compacted.string());
  summary.generation = config.live_path.string() + ".gen-" + timestamp();
  fs::rename(compacted, summary.generation);
}

// XAPIAN_FLUSH_THRESHOLD counts the documents each WritableDatabase buffers: unless given,
// 1000 in all, shared by the writers of a fresh build (a shard's writer buffers 1000 of its own).
void set_flush_threshold(const BuildConfig& config) {
  static const bool given = std::getenv("XAPIAN_FLUSH_THRESHOLD") != nullptr;
  if (given) return;
  const unsigned each = config.shards > 1 ? 1000 : 1000 / writers_for(config);
  ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(each).c_str(), 1);
}

}  // namespace

BuildSummary build_index(const BuildConfig& config, RunReport& report) {
  const auto started = std::chrono::steady_clock::now();
  check_live_path(config.live_path);
  list_input_files(split_inputs(config.inputs).paths);  // a missing input fails before anything is written
  const IndexLock lock(config.live_path, "build", config.lock);
  set_flush_threshold(config);
  remove_stale_temporaries(config.live_path, report);
  const fs::path tmp = config.live_path.string() + ".tmp-" + std::to_string(::getpid());
  BuildSummary summary;
  try {
    write_generation(config, tmp, summary, report);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    fs::remove_all(tmp.string() + ".compact", ignored);
    if (!summary.generation.empty()) fs::remove_all(summary.generation, ignored);
    throw;
  }
  fs::remove_all(tmp);
  if (summary.failure.empty()) {
    publish(config.live_path, summary.generation);
    summary.published = true;
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

BuildSummary build_index(const BuildConfig& config, const std::function<void(const ReadProblem&)>& on_problem) {
  ProgressBar silent(stderr, ProgressMode::kOff);
  RunReport report(silent, true, on_problem);
  return build_index(config, report);
}

RollbackSummary rollback_index(const fs::path& live, const LockWait& wait) {
  if (!fs::is_symlink(fs::symlink_status(live)))
    throw std::runtime_error(live.string() + " is not an index made by caravan-indexer build (no symlink)");
  const IndexLock lock(live, "rollback", wait);
  RollbackSummary summary;
  summary.from = fs::read_symlink(live).filename();
  // The kept generation: the newest one older than the served one; after a rollback the served
  // one is the oldest, and the other (the one rolled back from) is taken: a rollback undoes a rollback.
  fs::path target;
  for (const auto& generation : generations_of(live)) {
    if (generation.filename() == summary.from) {
      if (!target.empty()) break;
      continue;
    }
    target = generation;
  }
  if (target.empty()) {
    summary.failure = "no previous generation of " + live.filename().string() + " is kept";
    return summary;
  }
  try {
    Xapian::Database(target.string()).get_doccount();
  } catch (const Xapian::Error& error) {
    summary.failure = target.filename().string() + " cannot be opened: " + error.get_msg();
    return summary;
  }
  point_live_at(live, target);
  summary.to = target.filename();
  summary.documents = Xapian::Database(live.string()).get_doccount();
  summary.rolled_back = true;
  return summary;
}

}  // namespace caravan
