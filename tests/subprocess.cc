// fork/exec with a pipe, for tests that drive the real binaries.
#include "tests/subprocess.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <regex>
#include <stdexcept>

namespace caravan::test {
namespace {

std::vector<char*> c_args(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  return args;
}

pid_t spawn(const std::vector<std::string>& argv, int out_fd, bool merge_stderr) {
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    dup2(out_fd, STDOUT_FILENO);
    if (merge_stderr) dup2(out_fd, STDERR_FILENO);
    auto args = c_args(argv);
    execv(args[0], args.data());
    _exit(127);
  }
  return pid;
}

int exit_code(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

}  // namespace

RunResult run(const std::vector<std::string>& argv) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = spawn(argv, fds[1], true);
  close(fds[1]);
  std::string output;
  char buffer[4096];
  ssize_t got;
  while ((got = read(fds[0], buffer, sizeof buffer)) > 0) output.append(buffer, static_cast<size_t>(got));
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return {exit_code(status), output};
}

Process::Process(const std::vector<std::string>& argv, bool merge_stderr) {
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
  pid_ = spawn(argv, fds[1], merge_stderr);
  close(fds[1]);
  stdout_fd_ = fds[0];
}

Process::~Process() {
  stop();
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::string Process::read_line(int timeout_ms) {
  for (;;) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    pollfd poller{stdout_fd_, POLLIN, 0};
    if (poll(&poller, 1, timeout_ms) <= 0) return "";
    char chunk[4096];
    const ssize_t got = read(stdout_fd_, chunk, sizeof chunk);
    if (got <= 0) return "";
    buffer_.append(chunk, static_cast<size_t>(got));
  }
}

bool Process::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == 0) return true;
  pid_ = -1;
  return false;
}

int Process::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return exit_code(status);
}

int listening_port(Process& searchd) {
  const std::string line = searchd.read_line();
  std::smatch match;
  if (!std::regex_search(line, match, std::regex(R"(127\.0\.0\.1:(\d+))")))
    throw std::runtime_error("searchd did not say where it listens: " + line);
  return std::stoi(match[1]);
}

}  // namespace caravan::test
