// caravan-indexer as operators run it: exit codes, bad input, atomic publication.
#include <doctest/doctest.h>
#include <httplib.h>
#include <xapian.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "core/stored_item.h"
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
  CHECK(lenient.output.find("added 2, replaced 0, deleted 0, skipped 4 (bad_field_type: 1, bad_json: 1, missing_body: 1, "
                            "not_object: 1); 1 warning (bad_date: 1)") != std::string::npos);
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
  CHECK(update.output.find("2 documents indexed from 1 files") != std::string::npos);
  CHECK(update.output.find("added 1, replaced 1, deleted 0, skipped 0\n") != std::string::npos);
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
  CHECK(removed.output.find("added 0, replaced 0, deleted 2, skipped 1 (not_found: 1)") != std::string::npos);
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
  httplib::Client client("127.0.0.1", listening_port(searchd));
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

namespace {
void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("files of unknown type in a directory are reported and counted as skipped; hidden ones and backups are not") {
  TempDir dir;
  const fs::path news = dir.path() / "news";
  write_file(news / "en.jsonl", R"({"id":"en-1","body":"Customs officers met in Almaty.","lang":"en"})" "\n");
  write_file(news / "2020" / "ru.jsonl", R"({"id":"ru-1","body":"Таможенники встретились в Алматы.","lang":"ru"})" "\n");
  for (const char* name : {"scan.pdf", "отчёт.docx", "2020/photo.png"}) write_file(news / name, "binary");
  for (const char* name : {".hidden.pdf", ".git/objects/x.pdf", "en.jsonl~", "#en.jsonl#", "old.jsonl.bak", "en.jsonl.swp"})
    write_file(news / name, "not news");
  const std::string out = (dir.path() / "index").string();
  const auto result = index(out, {news.string()});
  CHECK_MESSAGE(result.exit_code == 0, result.output);
  CHECK(has(result.output, (news / "scan.pdf").string() + ": unknown file type, skipped\n"));
  CHECK(has(result.output, (news / "отчёт.docx").string() + ": unknown file type, skipped\n"));
  CHECK(has(result.output, (news / "2020" / "photo.png").string() + ": unknown file type, skipped\n"));
  CHECK(has(result.output, "2 documents indexed from 2 files"));
  CHECK(has(result.output, "added 2, replaced 0, deleted 0, skipped 3 (unknown_file_type: 3)\n"));
  for (const char* quiet : {"hidden", ".git", "~", "#", ".bak", ".swp"}) CHECK_MESSAGE(!has(result.output, quiet), quiet);
  CHECK(doc_count(out) == 2);
  const auto strict = index(out, {"--strict", news.string()});
  CHECK(strict.exit_code == 1);
  CHECK(has(strict.output, "not published (--strict and records were skipped)"));
  // Named on the command line, a file is read whatever its name: its content tells the format.
  const auto named = index(out, {(news / "scan.pdf").string()});
  CHECK(named.exit_code == 1);
  CHECK(has(named.output, "scan.pdf:1: unknown input format"));
  CHECK(has(named.output, "skipped 1 (unknown_format: 1)"));
}

TEST_CASE("a rebuild's summary counts ids added, replaced and deleted against the index served before") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const auto line = [](const std::string& id, const std::string& body, const std::string& lang) {
    return nlohmann::json{{"id", id}, {"body", body}, {"lang", lang}}.dump() + "\n";
  };
  write_file(dir.path() / "first.jsonl", line("en-1", "Border guards met in Osh.", "en") +
                                             line("en-2", "A new road to Kashgar opened.", "en") +
                                             line("en-3", "Cotton prices fell in Tashkent.", "en") +
                                             line("ru-1", "Пограничники встретились в Оше.", "ru") +
                                             line("ru-2", "Открыта новая дорога в Кашгар.", "ru"));
  const auto first = index(out, {(dir.path() / "first.jsonl").string()});
  CHECK(has(first.output, "added 5, replaced 0, deleted 0, skipped 0\n"));
  write_file(dir.path() / "second.jsonl", line("en-1", "Border guards met in Osh again.", "en") +
                                              line("en-2", "A new road to Kashgar opened.", "en") +
                                              line("ru-1", "Пограничники снова встретились в Оше.", "ru") +
                                              line("ru-3", "Цены на хлопок упали.", "ru") +
                                              line("ru-3", "Цены на хлопок упали в Ташкенте.", "ru"));
  const auto second = index(out, {(dir.path() / "second.jsonl").string()});
  CHECK_MESSAGE(second.exit_code == 0, second.output);
  CHECK(has(second.output, "5 documents indexed from 1 files"));
  CHECK(has(second.output, "added 1, replaced 3, deleted 2, skipped 0\n"));
  CHECK(doc_count(out) == 4);
  CHECK(index(out, {"--progress-interval", "soon", (dir.path() / "second.jsonl").string()}).exit_code == 2);
}

TEST_CASE("--base-url gives pages without canonical or og:url the input directory's public URL") {
  TempDir dir;
  const fs::path site = dir.path() / "site";
  fs::create_directories(site / "ru" / "новости");
  fs::create_directories(site / "en");
  std::ofstream(site / "ru" / "новости" / "семинар 1.html")
      << "<html lang=\"ru\"><head><title>Семинар в Бишкеке</title></head><body><div class=\"itemFullText\">"
         "<p>В Бишкеке прошёл семинар для таможенников Кыргызстана и Казахстана по выявлению тайников в грузовиках.</p>"
         "</div></body></html>";
  std::ofstream(site / "en" / "canonical.html")
      << "<html lang=\"en\"><head><title>Training</title><link rel=\"canonical\" href=\"/en/news/training-2021\"></head>"
         "<body><article><p>Customs officers of Tajikistan completed a course on risk profiling supported by the OSCE in Dushanbe.</p>"
         "</article></body></html>";
  const fs::path single = dir.path() / "loose page.htm";
  std::ofstream(single) << "<html lang=\"en\"><body><p>A page given by name: customs officers met their colleagues "
                           "from Uzbekistan at the border crossing to agree on joint inspections.</p></body></html>";
  const std::string out = (dir.path() / "index").string();
  const auto result = index(out, {"--base-url", "https://portal.example/archive", site.string(), single.string()});
  REQUIRE_MESSAGE(result.exit_code == 0, result.output);
  std::map<std::string, std::string> url_by_title;
  Xapian::Database db(out);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
    const auto item = caravan::decode_stored_item(db.get_document(*it).get_data());
    url_by_title[item.title] = item.url;
  }
  CHECK(url_by_title["Семинар в Бишкеке"] ==
        "https://portal.example/archive/ru/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/"
        "%D1%81%D0%B5%D0%BC%D0%B8%D0%BD%D0%B0%D1%80%201.html");
  CHECK(url_by_title["Training"] == "https://portal.example/en/news/training-2021");  // canonical, resolved
  bool loose_found = false;
  for (const auto& [title, url] : url_by_title) loose_found = loose_found || url == "https://portal.example/archive/loose%20page.htm";
  CHECK(loose_found);

  const fs::path today = dir.path() / "today";
  fs::create_directories(today);
  std::ofstream(today / "a.html") << "<html lang=\"ru\"><body><div class=\"entry-content\"><p>Пограничники Таджикистана "
                                     "задержали партию гашиша на участке границы в Хатлонской области.</p></div></body></html>";
  const auto update = run({CARAVAN_INDEXER_BIN, "update", "--out", out, "--base-url", "https://portal.example/today/", today.string()});
  REQUIRE_MESSAGE(update.exit_code == 0, update.output);
  Xapian::Database updated(out);
  bool update_url = false;
  for (auto it = updated.postlist_begin(""); it != updated.postlist_end(""); ++it)
    update_url = update_url || caravan::decode_stored_item(updated.get_document(*it).get_data()).url == "https://portal.example/today/a.html";
  CHECK(update_url);

  const auto bad = index(out, {"--base-url", "portal.example/archive", site.string()});
  CHECK(bad.exit_code == 2);
  CHECK(bad.output.find("--base-url wants an absolute http(s) URL, not 'portal.example/archive'") != std::string::npos);
}

TEST_CASE("an untitled item is titled with its first sentence, cut at a word") {
  TempDir dir;
  const std::string out = (dir.path() / "index").string();
  const fs::path input = dir.path() / "untitled.jsonl";
  std::string long_sentence = "Customs officers of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan";
  while (long_sentence.size() < 300) long_sentence += " and their partners from the region";
  std::ofstream(input) << nlohmann::json{{"id", "en-1"}, {"body", "Border guards met in Osh. They agreed on patrols."}}.dump() << '\n'
                       << nlohmann::json{{"id", "ru-1"}, {"title", "  "}, {"body", "Пограничники встретились в Оше! Договорились о патрулях."}}.dump() << '\n'
                       << nlohmann::json{{"id", "en-2"}, {"body", long_sentence + ". Second sentence."}}.dump() << '\n'
                       << nlohmann::json{{"id", "en-3"}, {"title", "Given title"}, {"body", "Body text here. More."}}.dump() << '\n';
  REQUIRE(index(out, {input.string()}).exit_code == 0);
  Xapian::Database db(out);
  const auto title_of = [&](const std::string& id) {
    Xapian::PostingIterator posting = db.postlist_begin("Q" + id);
    REQUIRE(posting != db.postlist_end("Q" + id));
    return caravan::decode_stored_item(db.get_document(*posting).get_data()).title;
  };
  CHECK(title_of("en-1") == "Border guards met in Osh");
  CHECK(title_of("ru-1") == "Пограничники встретились в Оше!");
  const std::string cut = title_of("en-2");
  CHECK(cut.size() <= 160 + 3);
  REQUIRE(cut.ends_with("\u2026"));
  const std::string kept = cut.substr(0, cut.size() - 3);
  CHECK(long_sentence.starts_with(kept));
  CHECK(long_sentence[kept.size()] == ' ');  // cut between words, never inside one
  CHECK(title_of("en-3") == "Given title");
}
