// Worker threads build documents into a ring of slots; the writer takes them in push order.
#include "indexer/document_pipeline.h"

#include <utility>

namespace caravan {

DocumentPipeline::DocumentPipeline(unsigned threads, MakeBuilder make_builder, Write write) : write_(std::move(write)) {
  if (threads <= 1) {
    inline_builder_ = make_builder();
    return;
  }
  slots_.resize(kSlotsPerThread * threads);
  try {
    for (unsigned i = 0; i < threads; ++i) threads_.emplace_back([this, make_builder] { run_worker(make_builder); });
    threads_.emplace_back([this] { run_writer(); });
  } catch (...) {
    stop_threads(/*abort=*/true);
    throw;
  }
}

DocumentPipeline::~DocumentPipeline() { stop_threads(/*abort=*/true); }

void DocumentPipeline::push(NewsItem&& item) {
  if (inline_builder_) {
    Xapian::Document doc = inline_builder_->build(item);
    write_(item, doc);
    return;
  }
  std::unique_lock lock(mutex_);
  space_.wait(lock, [&] { return pushed_ - written_ < slots_.size() || failure_; });
  if (failure_) std::rethrow_exception(failure_);
  Slot& slot = slots_[pushed_ % slots_.size()];
  slot.item = std::move(item);
  slot.built = false;
  ++pushed_;
  work_.notify_one();
}

void DocumentPipeline::finish() {
  stop_threads(/*abort=*/false);
  rethrow_failure();
}

// A slot claimed here is this worker's alone until it is marked built: the writer waits for
// that mark and push does not reuse a slot before the writer is done with it.
void DocumentPipeline::run_worker(const MakeBuilder& make_builder) {
  try {
    const std::unique_ptr<DocumentBuilder> builder = make_builder();
    for (;;) {
      std::unique_lock lock(mutex_);
      work_.wait(lock, [&] { return claimed_ < pushed_ || closed_ || failure_ || aborted_; });
      if (failure_ || aborted_ || claimed_ == pushed_) return;
      Slot& slot = slots_[claimed_++ % slots_.size()];
      lock.unlock();
      slot.doc = builder->build(*slot.item);
      lock.lock();
      slot.built = true;
      built_.notify_one();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void DocumentPipeline::run_writer() {
  try {
    for (;;) {
      std::unique_lock lock(mutex_);
      built_.wait(lock, [&] {
        return failure_ || aborted_ || (written_ < pushed_ && slots_[written_ % slots_.size()].built) || (closed_ && written_ == pushed_);
      });
      if (failure_ || aborted_ || written_ == pushed_) return;
      Slot& slot = slots_[written_ % slots_.size()];
      lock.unlock();
      write_(*slot.item, slot.doc);
      slot.item.reset();
      slot.doc = Xapian::Document();
      lock.lock();
      ++written_;
      space_.notify_one();
    }
  } catch (...) {
    fail(std::current_exception());
  }
}

void DocumentPipeline::fail(std::exception_ptr failure) {
  std::lock_guard lock(mutex_);
  if (!failure_) failure_ = std::move(failure);
  space_.notify_all();
  work_.notify_all();
  built_.notify_all();
}

void DocumentPipeline::stop_threads(bool abort) {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    aborted_ = aborted_ || abort;
    work_.notify_all();
    built_.notify_all();
  }
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  threads_.clear();
}

void DocumentPipeline::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace caravan
