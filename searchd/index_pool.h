// Read-only index handles for concurrent requests, reopened when a new index generation appears.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "searchd/shard_set.h"

namespace caravan {

// Xapian::Database objects must not be shared between threads, so each request leases one.
// The live path is a symlink switched atomically by caravan-indexer: when its target changes,
// the next lease opens the new generation, while requests already running finish on the old
// one (its files stay readable until they close). Database::reopen() is called on every lease
// for in-place updates, as Xapian documents it is cheap.
// A live path that is a stub of shards (searchd/shard_set.h) is opened shard by shard: remote
// ones with the time budget as timeout; a shard that cannot be opened fails the lease with a
// 503 (kShardUnavailable), or with options.partial_results is left out and named by the lease.
class IndexPool {
 public:
  explicit IndexPool(std::filesystem::path live_path, ShardOptions options = {});

  class Lease {
   public:
    Lease(IndexPool& pool, OpenedShards opened, std::string generation);
    ~Lease();
    Lease(Lease&&) = default;
    Xapian::Database& db() { return *db_; }
    // The generation's directory name (or the path, for an index that is not a symlink).
    std::string generation() const { return generation_.substr(0, generation_.find('\n')); }
    // Some shard is remote: the stock xapian-tcpsrv knows only Xapian's own posting sources,
    // match spies and no match deciders.
    bool remote() const { return remote_; }
    // The shards left out of this lease (--partial-results); such a lease is never pooled.
    const std::vector<std::string>& missing() const { return missing_; }
    // The shards of db() one by one, in its order (empty for an index that is not a stub).
    const std::vector<Xapian::Database>& parts() const { return parts_; }
    // Drops the handle instead of pooling it (a remote shard failed under it).
    void discard() {
      db_.reset();
      parts_.clear();
    }

   private:
    friend class IndexPool;
    IndexPool* pool_;
    std::unique_ptr<Xapian::Database> db_;
    std::string generation_;
    bool remote_ = false;
    std::vector<std::string> missing_;
    std::vector<Xapian::Database> parts_;
  };

  // Throws ApiError(kNoIndex, "no index is available") when the index cannot be opened; the
  // path and Xapian's reason go to stderr, once until the reason changes or an open succeeds.
  Lease acquire();

  // Names what the index holds now: its generation, UUID and committed revision, which change
  // with every build, swap, update and delete (for ETags); for several shards, which have no one
  // revision in Xapian 1.4, their document count, last docid and total length. Throws as
  // acquire() does.
  std::string revision();

  // Runs work(lease) on a lease; when a shard fails during it (Xapian::NetworkError), drops the
  // lease and, with partial results, runs work once more on a fresh one (which leaves out the
  // shards that do not answer); else, or when that fails too, throws ApiError(kShardUnavailable).
  template <class Work>
  auto with_lease(Work&& work) {
    for (int attempt = 0;; ++attempt) {
      Lease lease = acquire();
      try {
        return work(lease);
      } catch (const Xapian::NetworkError& error) {
        lease.discard();
        drop_idle();  // the other pooled handles hold connections to the same shards
        log_failure("a shard failed during a request: " + error.get_msg());
        if (!options_.partial_results || attempt > 0) throw_shard_unavailable();
      }
    }
  }

  const std::filesystem::path& path() const { return live_path_; }

 private:
  struct Pooled {
    std::unique_ptr<Xapian::Database> db;
    bool remote = false;
    std::vector<Xapian::Database> parts;
  };
  [[noreturn]] static void throw_shard_unavailable();
  void drop_idle();
  std::string current_generation() const;
  OpenedShards open_fresh();
  void give_back(Lease& lease);
  void log_failure(const std::string& why);  // "" after a success

  std::filesystem::path live_path_;
  std::mutex mutex_;
  std::string generation_;
  ShardOptions options_;
  std::vector<Pooled> idle_;
  std::string logged_failure_;  // the last failure written to stderr; "" while opening works
};

}  // namespace caravan
