// Read-only index handles for concurrent requests, reopened when a new index generation appears.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace caravan {

// Xapian::Database objects must not be shared between threads, so each request leases one.
// The live path is a symlink switched atomically by caravan-indexer: when its target changes,
// the next lease opens the new generation, while requests already running finish on the old
// one (its files stay readable until they close). Database::reopen() is called on every lease
// for in-place updates, as Xapian documents it is cheap.
class IndexPool {
 public:
  explicit IndexPool(std::filesystem::path live_path);

  class Lease {
   public:
    Lease(IndexPool& pool, std::unique_ptr<Xapian::Database> db, std::string generation);
    ~Lease();
    Lease(Lease&&) = default;
    Xapian::Database& db() { return *db_; }
    const std::string& generation() const { return generation_; }

   private:
    IndexPool* pool_;
    std::unique_ptr<Xapian::Database> db_;
    std::string generation_;
  };

  // Throws ApiError(kNoIndex, "no index is available") when the index cannot be opened; the
  // path and Xapian's reason go to stderr, once until the reason changes or an open succeeds.
  Lease acquire();

  // Names what the index holds now: its generation, UUID and committed revision, which change
  // with every build, swap, update and delete (for ETags). Throws as acquire() does.
  std::string revision();

  const std::filesystem::path& path() const { return live_path_; }

 private:
  std::string current_generation() const;
  void give_back(std::unique_ptr<Xapian::Database> db, const std::string& generation);
  void log_failure(const std::string& why);  // "" after a success

  std::filesystem::path live_path_;
  std::mutex mutex_;
  std::string generation_;
  std::vector<std::unique_ptr<Xapian::Database>> idle_;
  std::string logged_failure_;  // the last failure written to stderr; "" while opening works
};

}  // namespace caravan
