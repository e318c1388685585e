// Analysis on worker threads, writing on one writer thread in input order (build --threads N).
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "core/news_item.h"
#include "indexer/document_builder.h"

namespace caravan {

// Items pushed in order are turned into documents by `threads` workers, each with a builder of
// its own (builders hold stemmers, transliterators and extractors, none of them shareable); one
// writer thread gets them back in the order they were pushed, so doc ids, "a repeated id
// replaces the earlier item" and the spelling table come out as with one thread. At most
// kSlotsPerThread * threads items are in flight: push blocks while the writer is behind.
// With threads == 1 there are no threads: push builds and writes on the caller's thread.
// The first exception of a builder or of write stops the pipeline; push or finish rethrows it.
class DocumentPipeline {
 public:
  using MakeBuilder = std::function<std::unique_ptr<DocumentBuilder>()>;
  // Called on the writer thread, in push order, with the item as the builder completed it.
  using Write = std::function<void(NewsItem& item, Xapian::Document& doc)>;

  static constexpr std::size_t kSlotsPerThread = 32;

  DocumentPipeline(unsigned threads, MakeBuilder make_builder, Write write);
  ~DocumentPipeline();  // after a failure or without finish(): drops what is not written yet
  DocumentPipeline(const DocumentPipeline&) = delete;
  DocumentPipeline& operator=(const DocumentPipeline&) = delete;

  void push(NewsItem&& item);
  // Waits until every pushed item is written and the threads have ended.
  void finish();

 private:
  struct Slot {
    std::optional<NewsItem> item;
    Xapian::Document doc;
    bool built = false;
  };

  void run_worker(const MakeBuilder& make_builder);
  void run_writer();
  void fail(std::exception_ptr failure);
  void stop_threads(bool abort);  // abort: leave what is not written yet
  void rethrow_failure();

  Write write_;
  std::unique_ptr<DocumentBuilder> inline_builder_;  // threads == 1
  std::vector<Slot> slots_;                          // a ring: item n in slots_[n % size]
  std::uint64_t pushed_ = 0, claimed_ = 0, written_ = 0;
  bool closed_ = false;   // no more pushes: the threads end when all is written
  bool aborted_ = false;  // the threads end now
  std::exception_ptr failure_;
  std::mutex mutex_;
  std::condition_variable space_, work_, built_;
  std::vector<std::thread> threads_;
};

}  // namespace caravan
