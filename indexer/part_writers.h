// Writers of a fresh build's databases, one thread each, fed through small bounded queues.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "indexer/progress_bar.h"

namespace caravan {

// Where one writer writes: its database and, when spelling is not empty, a database of its
// own for the spelling words of its documents' titles (a sharded build's aux part).
struct PartPaths {
  std::filesystem::path db;
  std::filesystem::path spelling;  // "": the spelling words go into db
};

// One writer per part, each with a new WritableDatabase where an id seen before in this build
// replaces its document (replace_document) and any other is added (add_document: no look-up of
// the id term). With threaded, each part is written on a thread of its own, in the order its
// documents were pushed; else push writes on the caller's thread. A part holds at most
// kQueueDocuments documents not yet written: push blocks while its writer is behind. The first
// failure of a writer stops them all: push and finish rethrow it.
class PartWriters {
 public:
  static constexpr std::size_t kQueueDocuments = 64;

  PartWriters(const std::vector<PartPaths>& parts, bool threaded, ProgressBar& progress);
  ~PartWriters();  // ends the threads; what is not written yet is dropped
  PartWriters(const PartWriters&) = delete;
  PartWriters& operator=(const PartWriters&) = delete;

  void push(unsigned part, std::string id_term, Xapian::Document&& doc);
  // Waits until every pushed document is written and ends the threads; from then on push
  // writes on the caller's thread. Rethrows the first failure of a writer.
  void finish();
  void commit();  // every part; after finish

  unsigned size() const { return static_cast<unsigned>(parts_.size()); }
  // A part's database, for the caller's thread only, after finish (or without threads).
  Xapian::WritableDatabase& db(unsigned part) { return parts_[part]->db; }
  Xapian::WritableDatabase& spelling(unsigned part) { return parts_[part]->spelling; }
  std::size_t written() const;  // documents written, a replaced one counted again

 private:
  struct Pending {
    std::string id_term;
    Xapian::Document doc;
  };
  struct Part {
    explicit Part(const PartPaths& paths);
    Xapian::WritableDatabase db, spelling;  // the same database unless paths.spelling was given
    bool own_spelling;
    std::unordered_map<std::string, Xapian::docid> docids;  // of the ids written so far
    std::deque<Pending> queue;
    std::condition_variable ready;
    std::thread thread;
  };

  void run(Part& part);
  void write(Part& part, std::string&& id_term, const Xapian::Document& doc);
  void counted();  // with mutex_ held
  void fail(std::exception_ptr failure);
  void stop_threads(bool abort);

  ProgressBar& progress_;
  std::vector<std::unique_ptr<Part>> parts_;
  std::size_t written_ = 0;
  bool closing_ = false;  // the threads end when their queues are empty
  bool aborted_ = false;  // the threads end now
  std::exception_ptr failure_;
  mutable std::mutex mutex_;
  std::condition_variable space_;
};

}  // namespace caravan
