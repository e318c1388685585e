// Starting the shard cluster of the sharding tests: indexer builds, xapian-tcpsrv, three searchd.
#include "tests/shard_cluster.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <signal.h>
#include <unistd.h>

#include <doctest/doctest.h>
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

namespace caravan::test {
namespace fs = std::filesystem;

int free_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

bool wait_for_port(int port, int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < deadline) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    if (connected) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::unique_ptr<Process> start_tcpsrv(const fs::path& database, int port) {
  // setsid: its own process group, so that a test can kill or stop it with the children it
  // forks for each connection (kill_group).
  auto process = std::make_unique<Process>(std::vector<std::string>{
      "/usr/bin/setsid", "/usr/bin/xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1", "--port", std::to_string(port), database.string()});
  REQUIRE_MESSAGE(wait_for_port(port), "xapian-tcpsrv did not listen on port " << port);
  return process;
}

void kill_group(const Process& process, int signal) { ::kill(-process.pid(), signal); }

Searchd start_searchd(const std::string& index, const std::vector<std::string>& options) {
  std::vector<std::string> argv{CARAVAN_SEARCHD_BIN, "--index", index, "--listen", "127.0.0.1:0"};
  argv.insert(argv.end(), options.begin(), options.end());
  Searchd searchd;
  searchd.process = std::make_unique<Process>(argv);
  searchd.port = listening_port(*searchd.process);
  return searchd;
}

Answer get_from(int port, const std::string& path) {
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  const auto started = std::chrono::steady_clock::now();
  auto res = client.Get(path);
  Answer answer;
  answer.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!res) return answer;
  answer.status = res->status;
  answer.body = nlohmann::json::parse(res->body, nullptr, false);
  return answer;
}

std::vector<std::string> ShardCluster::inputs() const {
  return {corpus.string(), (fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "news_ru.jsonl").string(),
          (demo_dir() / "news_region.jsonl").string()};
}

ShardCluster::ShardCluster() {
  const fs::path shared = source_dir().parent_path() / "shared" / "data";
  if (!fs::exists(shared / "bench" / "reuters-21578.jsonl.gz")) return;
  const RunResult generated = run({"/usr/bin/python3", (source_dir() / "bench" / "gen_corpus.py").string(), "--docs", "2000",
                                   "--shared", shared.string(), "--out", corpus.string()});
  REQUIRE_MESSAGE(generated.exit_code == 0, generated.output);
  std::vector<std::string> build_one{CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", one};
  std::vector<std::string> build_sharded{CARAVAN_INDEXER_BIN, "build", "--quiet", "--shards", "2", "--out", sharded};
  for (const auto& input : inputs()) {
    build_one.push_back(input);
    build_sharded.push_back(input);
  }
  const RunResult built_one = run(build_one);
  REQUIRE_MESSAGE(built_one.exit_code == 0, built_one.output);
  const RunResult built_sharded = run(build_sharded);
  REQUIRE_MESSAGE(built_sharded.exit_code == 0, built_sharded.output);
  generation = fs::canonical(sharded);
  std::ofstream stub(remote_stub);
  for (const char* shard : {"shard-000", "shard-001"}) {
    const int port = free_port();
    tcpsrvs.push_back(start_tcpsrv(generation / shard, port));
    tcpsrv_ports.push_back(port);
    stub << "remote 127.0.0.1:" << port << "\n";
  }
  stub << "auto " << (generation / "aux").string() << "\n";
  stub.close();
  // No time budget: these three are compared answer for answer, also under load, where a budget
  // running out would turn exact counts into estimates on one side only.
  const std::vector<std::string> unbudgeted{"--time-budget-ms", "0"};
  one_searchd = start_searchd(one, unbudgeted);
  sharded_searchd = start_searchd(sharded, unbudgeted);
  remote_searchd = start_searchd(remote_stub, unbudgeted);
  available = true;
}

ShardCluster::~ShardCluster() {
  for (const auto& tcpsrv : tcpsrvs) kill_group(*tcpsrv, SIGKILL);
}

ShardCluster& shard_cluster() {
  static ShardCluster instance;
  return instance;
}

}  // namespace caravan::test
