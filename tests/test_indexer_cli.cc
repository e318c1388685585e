// caravan-indexer as operators run it: exit codes, bad input, atomic publication.
#include <doctest/doctest.h>
#include <httplib.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
namespace fs = std::filesystem;

namespace {
RunResult index(const std::string& out, std::vector<std::string> extra) {
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, "build", "--out", out};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}
unsigned doc_count(const std::string& path) { return Xapian::Database(path).get_doccount(); }
}  // namespace

TEST_CASE("bad records are reported, skipped and counted; --strict fails without publishing") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const std::string bad = (fixtures() / "news" / "bad_records.jsonl").string();
  const auto lenient = index(out, {bad});
  CHECK(lenient.exit_code == 0);
  CHECK(lenient.output.find("bad_records.jsonl:3: missing or empty 'body'") != std::string::npos);
  CHECK(lenient.output.find("2 documents indexed") != std::string::npos);
  CHECK(lenient.output.find("4 records skipped, 1 warnings") != std::string::npos);
  CHECK(doc_count(out) == 2);

  const auto strict = index(out, {"--strict", (fixtures() / "news" / "mixed.jsonl").string(), bad});
  CHECK(strict.exit_code == 1);
  CHECK(strict.output.find("not published") != std::string::npos);
  CHECK(doc_count(out) == 2);  // the live index is untouched
}

TEST_CASE("a rebuild switches the live path atomically and keeps one previous generation") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  REQUIRE(index(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  CHECK(fs::is_symlink(out));
  const auto first = fs::read_symlink(out);
  Xapian::Database reader(out);  // a reader of the first generation
  REQUIRE(index(out, {(demo_dir() / "portal_listing_page1.txt").string()}).exit_code == 0);
  REQUIRE(index(out, {(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "portal_listing_page1.txt").string()}).exit_code == 0);
  CHECK(doc_count(out) == 16);
  unsigned generations = 0;
  for (const auto& entry : fs::directory_iterator(dir.path()))
    if (entry.path().filename().string().starts_with("index.gen-")) ++generations;
  CHECK(generations == 2);
  for (const auto& entry : fs::directory_iterator(dir.path()))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("nothing readable publishes nothing; a missing input or a real directory is an error") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const auto empty = index(out, {(fixtures() / "news" / "README.md").string()});
  CHECK(empty.exit_code == 1);
  CHECK_FALSE(fs::exists(out));
  CHECK(index(out, {"/no/such/input"}).exit_code == 2);
  fs::create_directories(dir.path() / "plain");
  const auto clash = index((dir.path() / "plain").string(), {(fixtures() / "news" / "mixed.jsonl").string()});
  CHECK(clash.exit_code == 2);
  CHECK(clash.output.find("not a symlink") != std::string::npos);
  CHECK(run({CARAVAN_INDEXER_BIN, "--help"}).exit_code == 0);
  CHECK(run({CARAVAN_INDEXER_BIN, "build"}).exit_code == 2);
}

TEST_CASE("update replaces by id and adds; delete removes; --strict update changes nothing") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  REQUIRE(index(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  CHECK(doc_count(out) == 8);
  const auto changes = dir.path() / "changes.jsonl";
  {
    std::ofstream file(changes);
    file << R"({"id":"en-1","title":"Replaced title","body":"A corrected text about Tashkent.","lang":"en"})" << '\n'
         << R"({"id":"new-1","title":"A new item","body":"Something new happened in Bishkek.","lang":"en"})" << '\n';
  }
  const auto update = run({CARAVAN_INDEXER_BIN, "update", "--out", out, changes.string()});
  CHECK_MESSAGE(update.exit_code == 0, update.output);
  CHECK(update.output.find("2 documents added or replaced") != std::string::npos);
  CHECK(doc_count(out) == 9);
  {
    Xapian::Database db(out);
    auto posting = db.postlist_begin("Qen-1");
    REQUIRE(posting != db.postlist_end("Qen-1"));
    CHECK(db.get_document(*posting).get_data().find("Replaced title") != std::string::npos);
  }
  const auto strict = run({CARAVAN_INDEXER_BIN, "update", "--strict", "--out", out, changes.string(),
                           (fixtures() / "news" / "bad_records.jsonl").string()});
  CHECK(strict.exit_code == 1);
  CHECK(doc_count(out) == 9);
  const auto removed = run({CARAVAN_INDEXER_BIN, "delete", "--out", out, "new-1", "ru-1", "no-such-id"});
  CHECK(removed.exit_code == 0);
  CHECK(removed.output.find("no document with id 'no-such-id'") != std::string::npos);
  CHECK(removed.output.find("2 documents deleted") != std::string::npos);
  CHECK(doc_count(out) == 7);
  CHECK(run({CARAVAN_INDEXER_BIN, "update", "--out", (dir.path() / "none").string(), changes.string()}).exit_code == 2);
}

TEST_CASE("a build that reads an id twice keeps its last item only (fresh builds use add_document)") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const auto input = dir.path() / "twice.jsonl";
  {
    std::ofstream file(input);
    file << R"({"id":"a","title":"First version","body":"An early text about Tashkent.","lang":"en"})" << '\n'
         << R"({"id":"b","title":"Другая","body":"Совещание в Бишкеке.","lang":"ru"})" << '\n'
         << R"({"id":"a","title":"Second version","body":"The corrected text about Tashkent.","lang":"en"})" << '\n';
  }
  const auto built = index(out, {input.string()});
  REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  Xapian::Database db(out);
  CHECK(db.get_doccount() == 2);
  CHECK(db.get_termfreq("Qa") == 1);
  CHECK(db.get_termfreq("Qb") == 1);
  auto posting = db.postlist_begin("Qa");
  REQUIRE(posting != db.postlist_end("Qa"));
  CHECK(db.get_document(*posting).get_data().find("Second version") != std::string::npos);
}

TEST_CASE("searchd picks up a rebuild and an update without restart") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  REQUIRE(index(out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  Process searchd({CARAVAN_SEARCHD_BIN, "--index", out, "--listen", "127.0.0.1:0"});
  std::smatch match;
  const std::string line = searchd.read_line();
  REQUIRE(std::regex_search(line, match, std::regex(R"(127\.0\.0\.1:(\d+))")));
  httplib::Client client("127.0.0.1", std::stoi(match[1]));
  auto total = [&](const std::string& q) {
    auto res = client.Get("/api/search?q=" + q);
    REQUIRE(res);
    REQUIRE(res->status == 200);
    return nlohmann::json::parse(res->body)["total"].get<int>();
  };
  CHECK(total("") == 8);
  CHECK(total("Miralizoda") == 0);
  REQUIRE(index(out, {(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "portal_listing_page1.txt").string()}).exit_code == 0);
  CHECK(total("") == 16);
  CHECK(total("Miralizoda") >= 3);
  const auto changes = dir.path() / "changes.jsonl";
  std::ofstream(changes) << R"({"id":"late-1","body":"A late item about Samarkand.","lang":"en"})" << '\n';
  REQUIRE(run({CARAVAN_INDEXER_BIN, "update", "--out", out, changes.string()}).exit_code == 0);
  CHECK(total("Samarkand") == 1);
  CHECK(total("") == 17);
}
