// caravan-indexer against hostile input: oversized records, damaged gzip, concurrent writers.
#include <doctest/doctest.h>
#include <sys/file.h>
#include <fcntl.h>
#include <unistd.h>
#include <xapian.h>
#include <zlib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>
#include <string>
#include <vector>

#include "core/stored_item.h"
#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

const std::string kEnglishWords = "Border officers of Kazakhstan seized heroin near Tashkent. ";
const std::string kRussianWords = "Пограничники Казахстана изъяли героин под Ташкентом. ";

std::string repeated(const std::string& text, std::size_t min_bytes) {
  std::string out;
  while (out.size() < min_bytes) out += text;
  return out;
}

void write_lines(const fs::path& path, const std::vector<json>& records) {
  std::ofstream file(path);
  for (const auto& record : records) file << record.dump() << '\n';
}

RunResult indexer(const std::string& command, const std::string& out, std::vector<std::string> extra) {
  std::vector<std::string> argv = {CARAVAN_INDEXER_BIN, command, "--out", out};
  argv.insert(argv.end(), extra.begin(), extra.end());
  return run(argv);
}

// The stored display data of the document with this id, or null when there is none.
json stored(const std::string& index, const std::string& id) {
  Xapian::Database db(index);
  auto posting = db.postlist_begin("Q" + id);
  if (posting == db.postlist_end("Q" + id)) return nullptr;
  const caravan::NewsItem item = caravan::decode_stored_item(db.get_document(*posting).get_data());
  return {{"id", item.id}, {"title", item.title}, {"body", item.body}};
}

// 1,000 records, English and Russian by turns, gzip-compressed, with a sync flush after the
// first 500: returns the compressed size there, where a cut leaves whole lines only.
std::size_t write_gzip_records(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "wb");
  std::size_t half = 0;
  for (int i = 0; i < 1000; ++i) {
    const bool en = i % 2 == 0;
    const std::string line = json{{"id", "item-" + std::to_string(i)}, {"body", en ? kEnglishWords : kRussianWords},
                                  {"lang", en ? "en" : "ru"}}.dump() + "\n";
    gzwrite(file, line.data(), static_cast<unsigned>(line.size()));
    if (i == 499) {
      gzflush(file, Z_SYNC_FLUSH);
      half = static_cast<std::size_t>(gzoffset(file));
    }
  }
  gzclose(file);
  return half;
}

// A copy of a file with one byte changed.
void copy_with_flipped_byte(const fs::path& from, const fs::path& to, std::size_t offset) {
  fs::copy_file(from, to);
  std::fstream file(to, std::ios::in | std::ios::out | std::ios::binary);
  file.seekg(static_cast<std::streamoff>(offset));
  const char byte = static_cast<char>(file.get() ^ 0xFF);
  file.seekp(static_cast<std::streamoff>(offset));
  file.put(byte);
}

// Records enough for a build to take a few seconds: English and Russian by turns, about 1 KB each.
void write_bulk_records(const fs::path& path, int count) {
  std::ofstream file(path);
  for (int i = 0; i < count; ++i) {
    const bool en = i % 2 == 0;
    file << json{{"id", "bulk-" + std::to_string(i)}, {"body", repeated(en ? kEnglishWords : kRussianWords, 1000)},
                 {"lang", en ? "en" : "ru"}}.dump() << '\n';
  }
}

// Whether a file whose name starts with prefix appears in dir within the timeout.
bool wait_for_file(const fs::path& dir, const std::string& prefix, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().filename().string().starts_with(prefix)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

std::string read_all_lines(Process& process) {
  std::string output;
  for (std::string line = process.read_line(60000); !line.empty(); line = process.read_line(60000)) output += line + "\n";
  return output;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The cut keeps a prefix of the original that ends with a whole word, within the limit.
void check_cut(const std::string& kept, const std::string& original, std::size_t limit) {
  CHECK(kept.size() <= limit);
  CHECK(kept.size() + 64 >= limit);
  REQUIRE(original.starts_with(kept));  // no replacement character: cut between characters
  CHECK(original[kept.size()] == ' ');
}

}  // namespace

TEST_CASE("an oversized body or title is cut at a word, reported as a warning and still indexed") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const std::string en_body = repeated(kEnglishWords, 300 * 1024);
  const std::string ru_body = repeated(kRussianWords, 300 * 1024);
  const std::string long_title = repeated("Tashkent meeting ", 3000);  // over the 1 KiB of a title
  write_lines(dir.path() / "big.jsonl", {{{"id", "en-big"}, {"title", long_title}, {"body", en_body}, {"lang", "en"}},
                                         {{"id", "ru-big"}, {"title", "Героин"}, {"body", ru_body}, {"lang", "ru"}}});
  const auto result = indexer("build", out, {(dir.path() / "big.jsonl").string()});
  CHECK_MESSAGE(result.exit_code == 0, result.output);
  CHECK(contains(result.output, "big.jsonl:1: warning: title truncated from " + std::to_string(long_title.size()) + " to "));
  CHECK(contains(result.output, "big.jsonl:1: warning: body truncated from"));
  CHECK(contains(result.output, "big.jsonl:2: warning: body truncated from"));
  CHECK(contains(result.output, "2 documents indexed"));
  CHECK(contains(result.output, "added 2, replaced 0, deleted 0, skipped 0; 3 warnings (body_truncated: 2, title_truncated: 1)"));
  check_cut(stored(out, "en-big")["title"], long_title, 1024);
  check_cut(stored(out, "en-big")["body"], en_body, 256 * 1024);
  check_cut(stored(out, "ru-big")["body"], ru_body, 256 * 1024);

  const auto smaller = indexer("build", out, {"--max-body-bytes", "1000", (dir.path() / "big.jsonl").string()});
  CHECK_MESSAGE(smaller.exit_code == 0, smaller.output);
  CHECK(contains(smaller.output, "(limit 1000, --max-body-bytes)"));
  check_cut(stored(out, "ru-big")["body"], ru_body, 1000);
  const auto update = indexer("update", out, {"--max-body-bytes", "500", (dir.path() / "big.jsonl").string()});
  CHECK_MESSAGE(update.exit_code == 0, update.output);
  check_cut(stored(out, "en-big")["body"], en_body, 500);
}

TEST_CASE("--max-body-bytes is documented and checked") {
  const auto help = run({CARAVAN_INDEXER_BIN, "--help"});
  CHECK(contains(help.output, "--max-body-bytes N"));
  CHECK(contains(help.output, "262144"));
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const std::string input = (fixtures() / "news" / "mixed.jsonl").string();
  for (const char* bad : {"0", "-5", "12abc", ""}) {
    const auto result = indexer("build", out, {"--max-body-bytes", bad, input});
    CHECK(result.exit_code == 2);
    CHECK(contains(result.output, "--max-body-bytes"));
  }
  CHECK_FALSE(fs::exists(out));
}

TEST_CASE("a problem that quotes input is clipped to a few hundred bytes") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const fs::path input = dir.path() / "broken.jsonl";
  {
    std::ofstream file(input);
    file << json{{"id", "ok-en"}, {"body", kEnglishWords}}.dump() << '\n';
    file << R"({"id":"broken","body":")" << repeated(kRussianWords, 1 << 20) << '\n';  // no closing quote
    file << R"({"id":"bad-date","body":"Героин.","date":")" << repeated("99", 1 << 20) << "\"}\n";
  }
  const auto result = indexer("build", out, {input.string()});
  CHECK_MESSAGE(result.exit_code == 0, result.output.substr(0, 2000));
  CHECK(contains(result.output, "broken.jsonl:2: "));
  CHECK(contains(result.output, "broken.jsonl:3: warning: bad date"));
  CHECK(result.output.size() < 2000);
}

TEST_CASE("a record over --max-record-bytes is skipped and counted; the others are indexed") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const fs::path input = dir.path() / "news.jsonl";
  write_lines(input, {{{"id", "en-1"}, {"body", kEnglishWords}, {"lang", "en"}},
                      {{"id", "ru-huge"}, {"body", repeated(kRussianWords, 5000)}, {"lang", "ru"}},
                      {{"id", "ru-1"}, {"body", kRussianWords}, {"lang", "ru"}}});
  const auto result = indexer("build", out, {"--max-record-bytes", "1000", input.string()});
  CHECK_MESSAGE(result.exit_code == 0, result.output);
  CHECK(contains(result.output, "news.jsonl:2: record over 1000 bytes"));
  CHECK(contains(result.output, "2 documents indexed"));
  CHECK(contains(result.output, "skipped 1 (record_too_large: 1)"));
  CHECK(stored(out, "ru-huge").is_null());
  CHECK_FALSE(stored(out, "ru-1").is_null());
  const auto strict = indexer("update", out, {"--strict", "--max-record-bytes", "1000", input.string()});
  CHECK(strict.exit_code == 1);
  CHECK(contains(run({CARAVAN_INDEXER_BIN, "--help"}).output, "--max-record-bytes N"));
}

TEST_CASE("a gzip cut at a line boundary is an error about that file, counted, and fails --strict") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const fs::path whole = dir.path() / "whole.jsonl.gz", cut = dir.path() / "cut.jsonl.gz";
  const std::size_t half = write_gzip_records(whole);
  fs::copy_file(whole, cut);
  fs::resize_file(cut, half);

  const auto intact = indexer("build", out, {whole.string()});
  CHECK_MESSAGE(intact.exit_code == 0, intact.output);
  CHECK(contains(intact.output, "1000 documents indexed"));
  CHECK_FALSE(contains(intact.output, "gzip"));

  const auto lenient = indexer("build", out, {cut.string()});
  CHECK_MESSAGE(contains(lenient.output, cut.string() + ": truncated gzip stream\n"), lenient.output);
  CHECK(contains(lenient.output, "500 documents indexed"));
  CHECK(contains(lenient.output, "skipped 1 (damaged_file: 1)"));
  CHECK(lenient.exit_code == 0);

  const auto strict = indexer("build", out, {"--strict", whole.string(), cut.string()});
  CHECK(strict.exit_code == 1);
  CHECK(contains(strict.output, "not published"));
  CHECK(Xapian::Database(out).get_doccount() == 500);
  const auto strict_update = indexer("update", out, {"--strict", cut.string()});
  CHECK(strict_update.exit_code == 1);
  CHECK(contains(strict_update.output, "truncated gzip stream"));
}

TEST_CASE("a gzip cut inside a record or corrupt is an error about that file, not a JSON parse error") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const fs::path whole = dir.path() / "whole.jsonl.gz", mid = dir.path() / "mid.jsonl.gz";
  const fs::path bad_check = dir.path() / "bad-check.jsonl.gz", bad_header = dir.path() / "bad-header.jsonl.gz";
  const std::size_t half = write_gzip_records(whole);
  fs::copy_file(whole, mid);
  fs::resize_file(mid, half + 777);
  copy_with_flipped_byte(whole, bad_check, fs::file_size(whole) - 8);  // the CRC-32 of the trailer
  copy_with_flipped_byte(whole, bad_header, 0);                        // the gzip magic

  const auto result = indexer("build", out, {mid.string(), bad_check.string(), bad_header.string()});
  CHECK_MESSAGE(contains(result.output, mid.string() + ": truncated gzip stream\n"), result.output);
  CHECK(contains(result.output, bad_check.string() + ": corrupt gzip stream (incorrect data check)\n"));
  CHECK(contains(result.output, bad_header.string() + ": not a gzip stream"));
  CHECK_FALSE(contains(result.output, "parse error"));
  CHECK(contains(result.output, "skipped 3 (damaged_file: 3)"));
}

TEST_CASE("an update run during a build waits for it and lands in the new generation") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  REQUIRE(indexer("build", out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  const fs::path bulk = dir.path() / "bulk.jsonl", late = dir.path() / "late.jsonl";
  write_bulk_records(bulk, 6000);
  write_lines(late, {{{"id", "late-en"}, {"body", "A late item about Samarkand."}, {"lang", "en"}},
                     {{"id", "late-ru"}, {"body", "Поздняя новость о Самарканде."}, {"lang", "ru"}}});
  Process build({"/bin/sh", "-c", std::string("exec ") + CARAVAN_INDEXER_BIN + " build --out " + out + " " +
                                      (fixtures() / "news" / "mixed.jsonl").string() + " " + bulk.string() + " 2>&1"});
  REQUIRE(wait_for_file(dir.path(), "index.tmp-", std::chrono::seconds(30)));  // the build is writing
  const auto update = indexer("update", out, {late.string()});
  const std::string build_output = read_all_lines(build);
  CHECK_MESSAGE(contains(build_output, "6008 documents indexed"), build_output);
  CHECK_MESSAGE(update.exit_code == 0, update.output);
  CHECK(contains(update.output, "waiting"));
  CHECK_FALSE(stored(out, "late-en").is_null());
  CHECK_FALSE(stored(out, "late-ru").is_null());
  CHECK(Xapian::Database(out).get_doccount() == 6010);
}

TEST_CASE("a writer that cannot get the lock in --lock-timeout fails loudly and changes nothing") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  REQUIRE(indexer("build", out, {(fixtures() / "news" / "mixed.jsonl").string()}).exit_code == 0);
  const fs::path late = dir.path() / "late.jsonl";
  write_lines(late, {{{"id", "late-ru"}, {"body", "Поздняя новость о Самарканде."}, {"lang", "ru"}}});
  const int held = ::open((out + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX | LOCK_NB) == 0);  // as a running build would hold it
  const auto started = std::chrono::steady_clock::now();
  const auto update = indexer("update", out, {"--lock-timeout", "1", late.string()});
  CHECK(std::chrono::steady_clock::now() - started >= std::chrono::seconds(1));
  CHECK(update.exit_code == 2);
  CHECK_MESSAGE(contains(update.output, "index.lock"), update.output);
  CHECK(contains(update.output, "--lock-timeout"));
  CHECK(indexer("delete", out, {"--lock-timeout", "0", "en-1"}).exit_code == 2);
  CHECK(indexer("build", out, {"--lock-timeout", "0", late.string()}).exit_code == 2);
  CHECK(Xapian::Database(out).get_doccount() == 8);
  CHECK(stored(out, "late-ru").is_null());
  ::close(held);
  CHECK(indexer("update", out, {"--lock-timeout", "0", late.string()}).exit_code == 0);
  CHECK_FALSE(stored(out, "late-ru").is_null());
  CHECK(contains(run({CARAVAN_INDEXER_BIN, "--help"}).output, "--lock-timeout SECONDS"));
}
