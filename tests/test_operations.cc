// Caravan as operators run it in production: versions, interrupted builds, rollback.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <httplib.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <string>
#include <thread>
#include <vector>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
namespace fs = std::filesystem;

TEST_CASE("--version names the CMake project version and the Xapian library") {
  const std::string xapian = std::string("(Xapian ") + Xapian::version_string() + ")\n";
  const auto indexer = run({CARAVAN_INDEXER_BIN, "--version"});
  CHECK(indexer.exit_code == 0);
  CHECK(indexer.output == std::string("caravan-indexer ") + CARAVAN_VERSION + " " + xapian);
  const auto searchd = run({CARAVAN_SEARCHD_BIN, "--version"});
  CHECK(searchd.exit_code == 0);
  CHECK(searchd.output == std::string("caravan-searchd ") + CARAVAN_VERSION + " " + xapian);
}

namespace {

RunResult build(const fs::path& out, const std::vector<std::string>& inputs) {
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", out.string()};
  argv.insert(argv.end(), inputs.begin(), inputs.end());
  return run(argv);
}

RunResult rollback(const fs::path& out, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, "rollback", "--out", out.string()};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

unsigned doc_count(const fs::path& path) { return Xapian::Database(path.string()).get_doccount(); }

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Names beside the index that a build writes only while it runs.
std::vector<std::string> temporaries(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto name = entry.path().filename().string();
    if (name.starts_with("index.tmp-") || name.starts_with("index.link-")) found.push_back(name);
  }
  return found;
}

// A JSON Lines file big enough that its build runs for seconds.
fs::path big_input(const fs::path& dir, int items) {
  const fs::path path = dir / "big.jsonl";
  std::ofstream file(path);
  for (int i = 0; i < items; ++i)
    file << R"({"id":"big-)" << i << R"(","lang":"en","title":"Caravan route report )" << i
         << R"(","body":"Traders from Bishkek and Tashkent met on day )" << i
         << R"( to discuss the customs rules of the Eurasian Economic Union, the roads through the mountains, )"
            R"(the prices of cotton and wool, and the new border posts that the governments plan to open next year."})"
         << '\n';
  return path;
}

// Starts a build of input into out and returns once it is writing its temporary database.
std::unique_ptr<Process> start_build(const fs::path& out, const fs::path& input) {
  auto indexer = std::make_unique<Process>(
      std::vector<std::string>{CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", out.string(), input.string()}, true);
  const fs::path tmp = out.string() + ".tmp-" + std::to_string(indexer->pid());
  for (int waited = 0; waited < 600 && !fs::exists(tmp) && indexer->running(); ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(fs::exists(tmp));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // well into the documents
  REQUIRE(indexer->running());
  return indexer;
}

void kill_hard(Process& process) {
  REQUIRE(::kill(process.pid(), SIGKILL) == 0);
  while (process.running()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
}

}  // namespace

TEST_CASE("a build killed with kill -9 leaves its temporary directory; the next build removes it") {
  TempDir dir;
  const fs::path out = dir.path() / "index";
  REQUIRE(build(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  const auto served = fs::read_symlink(out);
  auto indexer = start_build(out, big_input(dir.path(), 20000));
  const std::string killed_tmp = "index.tmp-" + std::to_string(indexer->pid());
  kill_hard(*indexer);
  CHECK(fs::read_symlink(out) == served);
  CHECK(doc_count(out) == 8);
  CHECK(temporaries(dir.path()) == std::vector<std::string>{killed_tmp});
  // What a build killed at other moments leaves: a half-compacted copy, a symlink not yet renamed.
  fs::create_directory(dir.path() / "index.tmp-999999.compact");
  fs::create_symlink("index.gen-1", dir.path() / "index.link-999999");
  fs::create_directory(dir.path() / "other.tmp-999999");  // another index's: not ours to remove

  const auto rerun = build(out, {(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "portal_listing_page1.txt").string()});
  CHECK_MESSAGE(rerun.exit_code == 0, rerun.output);
  CHECK(contains(rerun.output, "removing " + killed_tmp + ", left by an interrupted build"));
  CHECK(temporaries(dir.path()).empty());
  CHECK(fs::exists(dir.path() / "other.tmp-999999"));
  CHECK(doc_count(out) == 16);
  CHECK(fs::read_symlink(out) != served);
  CHECK(fs::exists(dir.path() / served));  // kept as the previous generation
}

TEST_CASE("a running build's temporary directory is never removed: another build waits on INDEX.lock, naming its pid") {
  TempDir dir;
  const fs::path out = dir.path() / "index";
  REQUIRE(build(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  auto running = start_build(out, big_input(dir.path(), 20000));
  const std::string running_tmp = "index.tmp-" + std::to_string(running->pid());
  const auto second = run({CARAVAN_INDEXER_BIN, "build", "--lock-timeout", "0", "--out", out.string(),
                           (demo_dir() / "news_ru.jsonl").string()});
  CHECK(second.exit_code == 2);
  CHECK_MESSAGE(contains(second.output, "index.lock is still held by pid " + std::to_string(running->pid()) + " (build)"), second.output);
  CHECK_FALSE(contains(second.output, "removing"));
  CHECK(running->running());
  CHECK(temporaries(dir.path()) == std::vector<std::string>{running_tmp});  // still there, and no second one
  // Once the holder is dead (kill -9 releases its flock), its directory is stale: the next build removes it.
  kill_hard(*running);
  const auto third = run({CARAVAN_INDEXER_BIN, "build", "--out", out.string(), (demo_dir() / "news_ru.jsonl").string()});
  CHECK_MESSAGE(third.exit_code == 0, third.output);
  CHECK(contains(third.output, "removing " + running_tmp + ", left by an interrupted build"));
  CHECK(temporaries(dir.path()).empty());
}

TEST_CASE("rollback points the index back at the kept generation, atomically and under the lock") {
  TempDir dir;
  const fs::path out = dir.path() / "index";
  const auto none = rollback(out);
  CHECK(none.exit_code == 2);
  CHECK(contains(none.output, "not an index made by caravan-indexer build"));
  REQUIRE(build(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  const auto first = fs::read_symlink(out);
  const auto only = rollback(out);
  CHECK(only.exit_code == 1);
  CHECK(contains(only.output, "no previous generation of index is kept"));
  CHECK(fs::read_symlink(out) == first);
  CHECK(rollback(out, {"extra"}).exit_code == 2);

  REQUIRE(build(out, {(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "portal_listing_page1.txt").string()}).exit_code == 0);
  const auto second = fs::read_symlink(out);
  CHECK(doc_count(out) == 16);
  const auto back = rollback(out);
  CHECK_MESSAGE(back.exit_code == 0, back.output);
  CHECK(contains(back.output, out.string() + " -> " + first.string() + " (8 documents; was " + second.string() + ")"));
  CHECK(fs::read_symlink(out) == first);
  CHECK(doc_count(out) == 8);
  CHECK(temporaries(dir.path()).empty());
  // Rolling back again returns to the generation rolled back from.
  CHECK(rollback(out).exit_code == 0);
  CHECK(fs::read_symlink(out) == second);

  // Another writer holds INDEX.lock: rollback waits, then gives up changing nothing.
  const int fd = ::open((out.string() + ".lock").c_str(), O_RDWR);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  const auto locked = rollback(out, {"--lock-timeout", "0"});
  ::close(fd);
  CHECK(locked.exit_code == 2);
  CHECK(contains(locked.output, "nothing was changed"));
  CHECK(fs::read_symlink(out) == second);
}

TEST_CASE("kill -9 of a build over a served index: searchd serves the old one unchanged, a rerun the new one") {
  TempDir dir;
  const fs::path out = dir.path() / "index";
  REQUIRE(build(out, {(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "portal_listing_page1.txt").string()}).exit_code == 0);
  Process searchd({CARAVAN_SEARCHD_BIN, "--index", out.string(), "--listen", "127.0.0.1:0"});
  httplib::Client client("127.0.0.1", listening_port(searchd));
  // The totals and facet counts searchd answers for a few queries, as one comparable text.
  auto answers = [&] {
    std::string all;
    for (const std::string q : {"", "Miralizoda", "Caravan", "Samarkand"}) {
      auto res = client.Get("/api/search?facets=country,organization,lang&q=" + q);
      REQUIRE(res);
      REQUIRE(res->status == 200);
      const auto json = nlohmann::json::parse(res->body);
      all += q + ":" + std::to_string(json["total"].get<int>()) + json["facets"].dump() + "\n";
    }
    return all;
  };
  const std::string before = answers();
  CHECK(before.starts_with(":16{"));  // q= first: all 16 items
  const auto served = fs::read_symlink(out);

  auto indexer = start_build(out, big_input(dir.path(), 20000));
  CHECK(answers() == before);  // while it writes
  const auto pid = indexer->pid();
  kill_hard(*indexer);
  CHECK(answers() == before);
  CHECK(fs::read_symlink(out) == served);
  CHECK(fs::exists(out.string() + ".tmp-" + std::to_string(pid)));

  const auto late = dir.path() / "late.jsonl";
  std::ofstream(late) << R"({"id":"late-1","body":"A late item about Samarkand.","lang":"en"})" << '\n';
  const auto rerun = build(out, {(fixtures() / "news" / "mixed.jsonl").string(), late.string()});
  CHECK_MESSAGE(rerun.exit_code == 0, rerun.output);
  CHECK(temporaries(dir.path()).empty());
  const std::string after = answers();
  CHECK(after != before);
  auto total = [&](const std::string& q) {
    auto res = client.Get("/api/search?q=" + q);
    REQUIRE(res);
    return nlohmann::json::parse(res->body)["total"].get<int>();
  };
  CHECK(total("") == 9);
  CHECK(total("Samarkand") == 1);
  CHECK(total("Miralizoda") == 0);
  // A rollback is served on the next request too: the answers from before the killed build.
  REQUIRE(rollback(out).exit_code == 0);
  CHECK(fs::read_symlink(out) == served);
  CHECK(answers() == before);
}
