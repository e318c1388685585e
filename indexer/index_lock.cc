// The writers' lock file: flock, polled until a deadline, naming its holder.
#include "indexer/index_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace caravan {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);

bool try_lock(int fd) {
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return true;
  if (errno == EWOULDBLOCK || errno == EINTR) return false;
  throw std::runtime_error(std::string("cannot lock: ") + std::strerror(errno));
}

// Who holds the lock, as its holder wrote it: "pid 1234 (build)", or "another writer".
std::string holder(int fd) {
  char text[64] = {};
  const ssize_t got = ::pread(fd, text, sizeof text - 1, 0);
  std::string line(text, got > 0 ? static_cast<size_t>(got) : 0);
  line = line.substr(0, line.find('\n'));
  return line.empty() ? "another writer" : line;
}

// For the message of a writer that waits; failing to write it costs only that message.
void write_holder(int fd, const std::string& command) {
  const std::string line = "pid " + std::to_string(::getpid()) + " (" + command + ")\n";
  [[maybe_unused]] const bool written = ::ftruncate(fd, 0) == 0 && ::pwrite(fd, line.data(), line.size(), 0) > 0;
}

// Polls the lock until the deadline; tells on_wait once, unless it is not to wait at all.
void wait_for_lock(int fd, const std::string& path, const LockWait& wait) {
  if (try_lock(fd)) return;
  const auto seconds = std::to_string(wait.timeout.count());
  if (wait.timeout.count() > 0 && wait.on_wait) wait.on_wait(path + " is held by " + holder(fd) + "; waiting up to " + seconds + " s");
  const auto deadline = std::chrono::steady_clock::now() + wait.timeout;
  while (!try_lock(fd)) {
    if (std::chrono::steady_clock::now() >= deadline)
      throw std::runtime_error(path + " is still held by " + holder(fd) + " after " + seconds +
                               " s (--lock-timeout); nothing was changed");
    std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace

IndexLock::IndexLock(const std::filesystem::path& live_path, const std::string& command, const LockWait& wait) {
  const std::string path = live_path.string() + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw std::runtime_error(path + ": cannot open the lock file: " + std::strerror(errno));
  try {
    wait_for_lock(fd_, path, wait);
  } catch (...) {
    ::close(fd_);
    throw;
  }
  write_holder(fd_, command);
}

IndexLock::~IndexLock() { ::close(fd_); }

}  // namespace caravan
