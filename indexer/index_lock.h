// One writer at a time per live index: build, update and delete each hold an exclusive flock on
// INDEX.lock for their whole run, so an update cannot commit to a generation that a running
// build is about to replace (it used to be lost at the swap, without a word).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>

namespace caravan {

struct LockWait {
  std::chrono::seconds timeout{3600};               // then give up, changing nothing
  std::function<void(const std::string&)> on_wait;  // told once when another writer holds the lock
};

class IndexLock {
 public:
  // Locks live_path + ".lock" (created if absent, never removed) for command ("build", ...),
  // waiting while another writer holds it. The directory must exist. Throws
  // std::runtime_error when the lock file cannot be opened or wait.timeout passes.
  IndexLock(const std::filesystem::path& live_path, const std::string& command, const LockWait& wait);
  ~IndexLock();
  IndexLock(const IndexLock&) = delete;
  IndexLock& operator=(const IndexLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace caravan
