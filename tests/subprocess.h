// Runs the real caravan binaries from tests: start, read the first stdout line, stop.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace caravan::test {

struct RunResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs a command to completion.
RunResult run(const std::vector<std::string>& argv);

// A background process whose stdout (and, with merge_stderr, its stderr) the test reads line
// by line; killed on destruction.
class Process {
 public:
  explicit Process(const std::vector<std::string>& argv, bool merge_stderr = false);
  ~Process();
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  // The next stdout line, waiting at most timeout_ms; "" on timeout or end of output.
  std::string read_line(int timeout_ms = 10000);
  // Whether the process has not exited (nor been stopped).
  bool running();
  // Sends SIGTERM and waits; returns the exit status.
  int stop();
  // The process id, or -1 once it has been waited for.
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  std::string buffer_;
};

// The port a caravan-searchd started with --listen 127.0.0.1:0 serves on, read from its first
// line ("serving INDEX on http://127.0.0.1:PORT/"); throws std::runtime_error with that line
// when it names none (searchd failed to start).
int listening_port(Process& searchd);

}  // namespace caravan::test
