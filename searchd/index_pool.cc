// Leasing database handles and following index generations.
#include "searchd/index_pool.h"

#include <cstdio>

#include "searchd/api_error.h"

namespace caravan {
namespace fs = std::filesystem;

IndexPool::IndexPool(fs::path live_path) : live_path_(std::move(live_path)) {}

IndexPool::Lease::Lease(IndexPool& pool, std::unique_ptr<Xapian::Database> db, std::string generation)
    : pool_(&pool), db_(std::move(db)), generation_(std::move(generation)) {}

IndexPool::Lease::~Lease() {
  if (db_) pool_->give_back(std::move(db_), generation_);
}

std::string IndexPool::current_generation() const {
  std::error_code error;
  const auto target = fs::read_symlink(live_path_, error);
  return error ? live_path_.string() : target.string();
}

IndexPool::Lease IndexPool::acquire() {
  const std::string generation = current_generation();
  std::unique_ptr<Xapian::Database> db;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      idle_.clear();
      generation_ = generation;
    } else if (!idle_.empty()) {
      db = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  try {
    if (db) db->reopen();
    else db = std::make_unique<Xapian::Database>(live_path_.string());
  } catch (const Xapian::Error& error) {
    log_failure(error.get_msg());
    throw ApiError(ErrorCode::kNoIndex, "no index is available");
  }
  log_failure("");
  return Lease(*this, std::move(db), generation);
}

std::string IndexPool::revision() {
  Lease lease = acquire();
  return lease.generation() + " " + lease.db().get_uuid() + " " + std::to_string(lease.db().get_revision());
}

// Where and why go to the operator, not to the client: once per failure, not once per request.
void IndexPool::log_failure(const std::string& why) {
  std::lock_guard lock(mutex_);
  if (why == logged_failure_) return;
  logged_failure_ = why;
  if (!why.empty())
    std::fprintf(stderr, "caravan-searchd: no index can be opened at %s: %s\n", live_path_.c_str(), why.c_str());
}

void IndexPool::give_back(std::unique_ptr<Xapian::Database> db, const std::string& generation) {
  std::lock_guard lock(mutex_);
  if (generation == generation_ && idle_.size() < 64) idle_.push_back(std::move(db));
}

}  // namespace caravan
