// Leasing database handles and following index generations.
#include "searchd/index_pool.h"

#include <cstdio>

#include "searchd/api_error.h"

namespace caravan {
namespace fs = std::filesystem;

IndexPool::IndexPool(fs::path live_path, ShardOptions options)
    : live_path_(std::move(live_path)), options_(options) {}

IndexPool::Lease::Lease(IndexPool& pool, OpenedShards opened, std::string generation)
    : pool_(&pool),
      db_(std::move(opened.db)),
      generation_(std::move(generation)),
      remote_(opened.remote),
      missing_(std::move(opened.missing)),
      parts_(std::move(opened.parts)) {}

IndexPool::Lease::~Lease() {
  if (db_) pool_->give_back(*this);
}

std::string IndexPool::current_generation() const {
  std::error_code error;
  const auto target = fs::read_symlink(live_path_, error);
  return error ? live_path_.string() + "\n" + stub_generation(live_path_) : target.string();
}

void IndexPool::throw_shard_unavailable() {
  throw ApiError(ErrorCode::kShardUnavailable, "a shard of the index is unavailable");
}

// A plain database, or the shards its stub names. Throws Xapian::Error or std::runtime_error
// when the index cannot be opened, ApiError when a shard is missing without partial results.
OpenedShards IndexPool::open_fresh() {
  const auto shards = read_stub(live_path_);
  if (shards.empty()) return {std::make_unique<Xapian::Database>(live_path_.string()), false, {}};
  OpenedShards opened = open_shards(shards, options_);
  if (!opened.missing.empty()) {
    std::string reasons;
    for (const auto& reason : opened.reasons) reasons += (reasons.empty() ? "" : "; ") + reason;
    log_failure("shards not answering: " + reasons);
    if (!options_.partial_results) throw_shard_unavailable();
  } else {
    log_failure("");
  }
  return opened;
}

IndexPool::Lease IndexPool::acquire() {
  const std::string generation = current_generation();
  Pooled pooled;
  {
    std::lock_guard lock(mutex_);
    if (generation != generation_) {
      idle_.clear();
      generation_ = generation;
    } else if (!idle_.empty()) {
      pooled = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (pooled.db) {
    try {
      pooled.db->reopen();
      return Lease(*this, {std::move(pooled.db), pooled.remote, {}, {}, std::move(pooled.parts)}, generation);
    } catch (const Xapian::NetworkError&) {
      // A remote shard went away under a pooled handle: open the shards afresh.
    } catch (const Xapian::Error& error) {
      log_failure(error.get_msg());
      throw ApiError(ErrorCode::kNoIndex, "no index is available");
    }
  }
  try {
    OpenedShards opened = open_fresh();
    if (opened.missing.empty()) log_failure("");
    return Lease(*this, std::move(opened), generation);
  } catch (const Xapian::Error& error) {
    log_failure(error.get_msg());
  } catch (const std::runtime_error& error) {
    if (dynamic_cast<const ApiError*>(&error)) throw;
    log_failure(error.what());
  }
  throw ApiError(ErrorCode::kNoIndex, "no index is available");
}

std::string IndexPool::revision() {
  Lease lease = acquire();
  Xapian::Database& db = lease.db();
  std::string uuid;
  try {
    uuid = db.get_uuid();
  } catch (const Xapian::Error&) {  // a remote shard may not tell
  }
  try {
    return lease.generation() + " " + uuid + " " + std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    // Several shards have no one revision in Xapian 1.4: what an update or delete changes instead
    // (an update that keeps every count and length the same keeps the tag: answers are no-cache).
    return lease.generation() + " " + uuid + " " + std::to_string(db.get_doccount()) + " " +
           std::to_string(db.get_lastdocid()) + " " + std::to_string(db.get_total_length());
  }
}

// Where and why go to the operator, not to the client: once per failure, not once per request.
void IndexPool::log_failure(const std::string& why) {
  std::lock_guard lock(mutex_);
  if (why == logged_failure_) return;
  logged_failure_ = why;
  if (!why.empty())
    std::fprintf(stderr, "caravan-searchd: no index can be opened at %s: %s\n", live_path_.c_str(), why.c_str());
}

void IndexPool::drop_idle() {
  std::lock_guard lock(mutex_);
  idle_.clear();
}

void IndexPool::give_back(Lease& lease) {
  if (!lease.missing_.empty()) return;  // asks the missing shards again on the next request
  std::lock_guard lock(mutex_);
  if (lease.generation_ == generation_ && idle_.size() < 64)
    idle_.push_back({std::move(lease.db_), lease.remote_, std::move(lease.parts_)});
}

}  // namespace caravan
