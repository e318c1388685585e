// The build command: read, analyze, write, compact, swap.
#include "indexer/index_builder.h"

#include <unistd.h>
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "core/schema.h"
#include "indexer/progress_line.h"
#include "indexer/readers/input_files.h"
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

// Points live at generation with one rename, then removes generations older than the previous one.
void publish(const fs::path& live, const fs::path& generation) {
  const fs::path link_tmp = live.string() + ".link-" + std::to_string(::getpid());
  fs::remove(link_tmp);
  fs::create_symlink(generation.filename(), link_tmp);
  fs::path previous;
  if (fs::is_symlink(live)) previous = fs::read_symlink(live);
  fs::rename(link_tmp, live);
  const std::string prefix = live.filename().string() + ".gen-";
  for (const auto& entry : fs::directory_iterator(fs::absolute(live).parent_path())) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix) && name != generation.filename() && name != previous.filename())
      fs::remove_all(entry.path());
  }
}

// Reads every input into a new database at tmp and, unless the build failed, compacts it into a
// new generation directory. Fills summary; leaves tmp for the caller to remove.
void write_generation(const BuildConfig& config, const fs::path& tmp, BuildSummary& summary,
                      const std::function<void(const ReadProblem&)>& on_problem) {
  const auto files = list_input_files(config.inputs);
  const Analyzer analyzer(config.stopwords_dir);
  const Gazetteers gazetteers = Gazetteers::load(config.gazetteers_dir);
  DocumentBuilder builder(analyzer, gazetteers, config.options);
  summary.files = files.size();
  ProgressLine progress(config.progress);
  Xapian::WritableDatabase db(tmp.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  builder.record_spelling(db);
  ReaderSink sink;
  sink.on_item = [&](NewsItem&& item) {
    Xapian::Document doc = builder.build(item);
    db.replace_document(schema::id_term(item.id), doc);
    progress.update(++summary.indexed);
  };
  sink.on_problem = [&](const ReadProblem& problem) {
    ++(problem.skipped ? summary.skipped : summary.warnings);
    on_problem(problem);
  };
  const ReaderSink limited = limited_sink(config.limits, sink);
  for (const auto& file : files) read_input_file(file, limited, config.limits.max_record_bytes);
  add_organization_synonyms(db, gazetteers.organizations);
  db.commit();
  progress.finish();
  if (summary.indexed == 0) summary.failure = "no documents were indexed";
  else if (config.strict && summary.skipped > 0) summary.failure = "--strict and records were skipped";
  if (!summary.failure.empty()) return;
  summary.generation = config.live_path.string() + ".gen-" + timestamp();
  db.compact(summary.generation.string());
}

}  // namespace

BuildSummary build_index(const BuildConfig& config, const std::function<void(const ReadProblem&)>& on_problem) {
  const auto started = std::chrono::steady_clock::now();
  check_live_path(config.live_path);
  list_input_files(config.inputs);  // a missing input fails before anything is written
  const IndexLock lock(config.live_path, "build", config.lock);
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "1000", 0);
  const fs::path tmp = config.live_path.string() + ".tmp-" + std::to_string(::getpid());
  fs::remove_all(tmp);
  BuildSummary summary;
  try {
    write_generation(config, tmp, summary, on_problem);
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
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

}  // namespace caravan
