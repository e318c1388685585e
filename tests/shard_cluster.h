// One index, the same items in two local shards, and those shards on two xapian-tcpsrv, served.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

namespace caravan::test {

// A free TCP port on 127.0.0.1 (bound, read, released).
int free_port();

// Waits until something accepts connections on 127.0.0.1:port; false after timeout_ms.
bool wait_for_port(int port, int timeout_ms = 10000);

// xapian-tcpsrv serving one database on 127.0.0.1:port.
std::unique_ptr<Process> start_tcpsrv(const std::filesystem::path& database, int port);

// Sends signal to the process group of a process started by start_tcpsrv.
void kill_group(const Process& process, int signal);

// caravan-searchd on a loopback port the OS picks, with extra options.
struct Searchd {
  std::unique_ptr<Process> process;
  int port = 0;
};
Searchd start_searchd(const std::string& index, const std::vector<std::string>& options = {});

// GET on 127.0.0.1:port; status and parsed body (null when the body is not JSON or no answer).
struct Answer {
  int status = 0;
  nlohmann::json body;
  double seconds = 0;
};
Answer get_from(int port, const std::string& path);

// Built once per test binary: a few thousand English and Russian news (bench/gen_corpus.py from
// the shared corpora, plus the fixtures and the demo's region-language items, which carry
// organizations and their synonyms) indexed as one index and as two shards; the two shards
// also served by two xapian-tcpsrv, and a stub naming them and the local aux database.
struct ShardCluster {
  TempDir dir;
  std::filesystem::path corpus = dir.path() / "corpus.jsonl";
  std::string one = (dir.path() / "one").string();
  std::string sharded = (dir.path() / "sharded").string();
  std::string remote_stub = (dir.path() / "remote.stub").string();
  std::filesystem::path generation;  // what `sharded` points to
  std::vector<int> tcpsrv_ports;
  std::vector<std::unique_ptr<Process>> tcpsrvs;
  Searchd one_searchd, sharded_searchd, remote_searchd;
  bool available = false;  // false when the shared corpora are not there (the tests say so)

  ShardCluster();
  ~ShardCluster();
  std::vector<std::string> inputs() const;
};

ShardCluster& shard_cluster();

}  // namespace caravan::test
