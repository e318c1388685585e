// Each part's writer thread takes its queue's documents in push order and writes them.
#include "indexer/part_writers.h"

#include <utility>

#include "indexer/document_builder.h"

namespace caravan {

PartWriters::Part::Part(const PartPaths& paths)
    : db(paths.db.string(), Xapian::DB_CREATE_OR_OVERWRITE), own_spelling(!paths.spelling.empty()) {
  spelling = own_spelling ? Xapian::WritableDatabase(paths.spelling.string(), Xapian::DB_CREATE_OR_OVERWRITE) : db;
}

PartWriters::PartWriters(const std::vector<PartPaths>& parts, bool threaded, ProgressBar& progress) : progress_(progress) {
  for (const auto& paths : parts) parts_.push_back(std::make_unique<Part>(paths));
  if (!threaded) return;
  try {
    for (auto& part : parts_) part->thread = std::thread([this, p = part.get()] { run(*p); });
  } catch (...) {
    stop_threads(/*abort=*/true);
    throw;
  }
}

PartWriters::~PartWriters() { stop_threads(/*abort=*/true); }

void PartWriters::push(unsigned index, std::string id_term, Xapian::Document&& doc) {
  Part& part = *parts_[index];
  std::unique_lock lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
  if (!part.thread.joinable()) {
    lock.unlock();
    write(part, std::move(id_term), doc);
    lock.lock();
    counted();
    return;
  }
  space_.wait(lock, [&] { return part.queue.size() < kQueueDocuments || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  part.queue.push_back({std::move(id_term), std::move(doc)});
  part.ready.notify_one();
}

void PartWriters::finish() {
  stop_threads(/*abort=*/false);
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

void PartWriters::commit() {
  for (auto& part : parts_) {
    part->db.commit();
    if (part->own_spelling) part->spelling.commit();
  }
}

std::size_t PartWriters::written() const {
  std::lock_guard lock(mutex_);
  return written_;
}

// Only this thread touches part.db, part.spelling and part.docids until stop_threads joins it.
void PartWriters::run(Part& part) {
  try {
    std::unique_lock lock(mutex_);
    for (;;) {
      part.ready.wait(lock, [&] { return !part.queue.empty() || closing_ || aborted_ || failure_; });
      if (aborted_ || failure_ || part.queue.empty()) return;
      Pending next = std::move(part.queue.front());
      part.queue.pop_front();
      space_.notify_all();  // one condition for every part's pusher
      lock.unlock();
      write(part, std::move(next.id_term), next.doc);
      next.doc = Xapian::Document();  // its last reference dropped on this thread
      lock.lock();
      counted();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void PartWriters::write(Part& part, std::string&& id_term, const Xapian::Document& doc) {
  auto [seen, added] = part.docids.try_emplace(std::move(id_term), 0);
  if (added) seen->second = part.db.add_document(doc);
  else part.db.replace_document(seen->second, doc);
  record_title_spelling(part.spelling, doc);
}

void PartWriters::counted() {
  ++written_;
  progress_.add_documents();
}

void PartWriters::fail(std::exception_ptr failure) {
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = std::move(failure);
  space_.notify_all();
  for (auto& part : parts_) part->ready.notify_all();
}

void PartWriters::stop_threads(bool abort) {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    aborted_ = aborted_ || abort;
    for (auto& part : parts_) part->ready.notify_all();
  }
  for (auto& part : parts_)
    if (part->thread.joinable()) part->thread.join();
}

}  // namespace caravan
