// build --threads N writes the same index as one thread: terms, positions, values, data, spelling.
#include <doctest/doctest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bench/index_dump.h"
#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
namespace fs = std::filesystem;

namespace {

// The language fixture's paragraphs (18 languages and scripts) as items that give no language,
// date, countries or organizations, then every demo and news item, then a second version of
// the first item: the build must keep the later one, as with one thread.
fs::path write_corpus(const fs::path& dir) {
  const fs::path path = dir / "corpus.jsonl";
  std::ofstream out(path);
  std::ifstream paragraphs(fixtures() / "lang" / "paragraphs.tsv");
  unsigned n = 0;
  for (std::string line; std::getline(paragraphs, line);) {
    const auto tab = line.find('\t');
    if (line.starts_with("#") || tab == std::string::npos) continue;
    out << nlohmann::json{{"id", "p-" + std::to_string(++n)}, {"body", line.substr(tab + 1)}}.dump() << "\n";
  }
  for (const fs::path& file : {demo_dir() / "news_region.jsonl", demo_dir() / "news_ru.jsonl",
                               fixtures() / "news" / "mixed.jsonl", fixtures() / "news" / "related.jsonl"}) {
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) out << line << "\n";
  }
  out << nlohmann::json{{"id", "p-1"}, {"title", "Заголовок второй версии"}, {"body", "Вторая версия первого абзаца."}}.dump()
      << "\n";
  return path;
}

unsigned line_count(const fs::path& file) {
  std::ifstream in(file);
  unsigned lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

std::string build_and_dump(const fs::path& dir, const fs::path& corpus, const std::string& name,
                           std::vector<std::string> options, caravan::DumpOrder order = caravan::DumpOrder::kById) {
  const std::string out = (dir / name).string();
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", out};
  argv.insert(argv.end(), options.begin(), options.end());
  argv.push_back(corpus.string());
  const RunResult result = run(argv);
  REQUIRE_MESSAGE(result.exit_code == 0, result.output);
  return caravan::index_dump(Xapian::Database(out), order);
}

}  // namespace

TEST_CASE("build --threads 2 and 3 write the same documents, spelling and synonyms as --threads 1") {
  TempDir dir;
  const fs::path corpus = write_corpus(dir.path());
  const std::string one = build_and_dump(dir.path(), corpus, "one", {"--threads", "1"});
  CHECK(one.find("\nspelling ") != std::string::npos);
  CHECK(one.find(" term XC:KZ ") != std::string::npos);        // extracted from Kazakh and Russian text
  CHECK(one.find(" term Lky ") != std::string::npos);          // identified
  CHECK(one.find(" term XT") != std::string::npos);            // cross-script name keys
  CHECK(one.find("Заголовок второй версии") != std::string::npos);  // the repeated id kept its later item
  const unsigned items = line_count(corpus) - 1;  // the repeated id is one document
  CHECK(one.find("docs " + std::to_string(items) + " last " + std::to_string(items) + " ") != std::string::npos);
  CHECK(one.find("\nsynonym ") != std::string::npos);
  CHECK(one.find("\ndoc docid ") == std::string::npos);  // every document has its id term
  CHECK(build_and_dump(dir.path(), corpus, "two", {"--threads", "2"}) == one);
  CHECK(build_and_dump(dir.path(), corpus, "three", {"--threads", "3"}) == one);
  // The doc ids of several writers: the same for the same --threads, whatever the timing.
  const std::string two = build_and_dump(dir.path(), corpus, "two-ids", {"--threads", "2"}, caravan::DumpOrder::kByDocid);
  CHECK(build_and_dump(dir.path(), corpus, "two-ids-again", {"--threads", "2"}, caravan::DumpOrder::kByDocid) == two);
}

TEST_CASE("build --shards 2 --threads 2 writes the same shards as --threads 1") {
  TempDir dir;
  const fs::path corpus = write_corpus(dir.path());
  const auto shards_of = [&](const std::string& name, const std::string& threads) {
    build_and_dump(dir.path(), corpus, name, {"--shards", "2", "--threads", threads});
    const fs::path generation = fs::canonical(dir.path() / name);
    std::string dumps;
    for (const auto& part : {"shard-000", "shard-001", "aux"})
      if (fs::exists(generation / part)) dumps += std::string(part) + "\n" + caravan::index_dump(Xapian::Database((generation / part).string()), caravan::DumpOrder::kByDocid);
    return dumps;
  };
  const std::string one = shards_of("one", "1");
  CHECK(one.find("shard-001\n") != std::string::npos);
  CHECK(one.find("\nspelling ") != std::string::npos);
  CHECK(shards_of("two", "2") == one);
}

TEST_CASE("--threads wants a number from 1 to 256") {
  TempDir dir;
  for (const std::string bad : {"0", "-1", "x", "257"}) {
    const RunResult result = run({CARAVAN_INDEXER_BIN, "build", "--out", (dir.path() / "i").string(), "--threads", bad,
                                  (fixtures() / "news" / "mixed.jsonl").string()});
    CHECK(result.exit_code == 2);
    CHECK(result.output.find("--threads wants a number from 1 to 256, not '" + bad + "'") != std::string::npos);
  }
}
