// Sharded indexes: one index, two local shards and two remote shards (xapian-tcpsrv) answer alike.
#include <doctest/doctest.h>
#include <signal.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <filesystem>
#include <fstream>

#include "tests/search_server.h"
#include "tests/shard_cluster.h"

namespace caravan::test {
namespace {
namespace fs = std::filesystem;

// English and Russian words, phrases, filters, dates, disjunctive facets, date order, relaxing.
const std::vector<std::string> kSearches = {
    "/api/search?q=oil",
    "/api/search?q=oil&page=2",
    "/api/search?q=bank%20rates",
    "/api/search?q=%22interest%20rates%22",
    "/api/search?q=trade&lang=en&from=2018-01-01&to=2020-12-31",
    "/api/search?q=trade&sort=date",
    "/api/search?q=%D0%BF%D1%80%D0%B5%D0%B7%D0%B8%D0%B4%D0%B5%D0%BD%D1%82",                     // президент
    "/api/search?q=%D0%BF%D1%80%D0%B5%D0%B7%D0%B8%D0%B4%D0%B5%D0%BD%D1%82&country=RU&country=US",  // disjunctive
    "/api/search?q=%D0%A0%D0%BE%D1%81%D1%81%D0%B8%D1%8F&year=2019",                              // Россия
    "/api/search?q=%D1%81%D0%B0%D0%BD%D0%BA%D1%86%D0%B8%D0%B8%20OR%20oil&lang=ru&lang=en",            // санкции OR oil
    "/api/search?q=UNODC",                     // synonyms: also the items that only say "УНП ООН"
    "/api/search?q=oil%20xyzzyq",  // relaxed
    "/api/search?q=Tajikistan&country=TJ&org=UNODC",
    "/api/search?q=market&month=2016-03",
};

void check_same_hits(const nlohmann::json& expected, const nlohmann::json& got, const std::string& what) {
  REQUIRE_MESSAGE(expected["hits"].size() == got["hits"].size(), what);
  for (size_t i = 0; i < expected["hits"].size(); ++i) {
    const auto& want = expected["hits"][i];
    const auto& have = got["hits"][i];
    const double score = want["score"], other = have["score"];
    CHECK_MESSAGE(std::abs(score - other) <= 1e-9 * std::max(1.0, std::abs(score)), what << " hit " << i);
    // Equal scores may come in another order: the shards number documents differently.
    if (want["id"] != have["id"])
      CHECK_MESSAGE(std::abs(score - other) <= 1e-9 * std::max(1.0, std::abs(score)), what << " hit " << i);
    else
      CHECK(want["snippet"] == have["snippet"]);
  }
}

void check_same_answer(const nlohmann::json& expected, const nlohmann::json& got, const std::string& what) {
  CHECK_MESSAGE(expected["total"] == got["total"], what);
  CHECK_MESSAGE(expected["exact"] == got["exact"], what);
  CHECK_MESSAGE(expected["relaxed"] == got["relaxed"], what);
  CHECK_MESSAGE(expected["corrected"] == got["corrected"], what);
  CHECK_MESSAGE(expected["facets"] == got["facets"], what);
  CHECK_MESSAGE(got["partial"] == false, what);
  check_same_hits(expected, got, what);
}

// Adds one English and one Russian item ("Zanzibarian" / "Занзибарская", in no other item) by
// caravan-indexer update, with XAPIAN_MAX_CHANGESETS set so that replicas can follow it.
void update_with_changesets(const fs::path& update, const std::string& index) {
  std::ofstream(update) << R"({"id":"replica-en-1","title":"Zanzibarian cloves reach Almaty","body":"Zanzibarian cloves reached Almaty.","lang":"en"})"
                        << "\n"
                        << R"({"id":"replica-ru-1","title":"Занзибарская гвоздика в Алматы","body":"Занзибарская гвоздика поступила в Алматы.","lang":"ru"})"
                        << "\n";
  ::setenv("XAPIAN_MAX_CHANGESETS", "10", 1);
  const RunResult updated = run({CARAVAN_INDEXER_BIN, "update", "--quiet", "--out", index, update.string()});
  ::unsetenv("XAPIAN_MAX_CHANGESETS");
  REQUIRE_MESSAGE(updated.exit_code == 0, updated.output);
}

#define REQUIRE_CLUSTER(cluster)                                                              \
  auto& cluster = shard_cluster();                                                            \
  if (!cluster.available) {                                                                   \
    MESSAGE("the shared corpora (../shared/data/bench) are not there: sharding not tested"); \
    return;                                                                                   \
  }

}  // namespace

TEST_CASE("build --shards spreads the items over the shards by id, and aux holds spelling and synonyms") {
  REQUIRE_CLUSTER(cluster);
  const fs::path generation = cluster.generation;
  std::ifstream stub(generation / "XAPIANDB");
  std::string text((std::istreambuf_iterator<char>(stub)), {});
  CHECK(text.find("auto shard-000\nauto shard-001\nauto aux\n") != std::string::npos);
  const Xapian::Database one(cluster.one), first((generation / "shard-000").string()),
      second((generation / "shard-001").string()), aux((generation / "aux").string());
  CHECK(first.get_doccount() + second.get_doccount() == one.get_doccount());
  CHECK(first.get_doccount() > one.get_doccount() / 3);
  CHECK(second.get_doccount() > one.get_doccount() / 3);
  CHECK(aux.get_doccount() == 0);
  CHECK(aux.spellings_begin() != aux.spellings_end());
  CHECK(first.spellings_begin() == first.spellings_end());  // only in aux: not counted twice
  CHECK(aux.synonym_keys_begin() != aux.synonym_keys_end());
  CHECK(Xapian::Database(cluster.sharded).get_doccount() == one.get_doccount());
}

TEST_CASE("one index, local shards and remote shards give the same totals, hits and facet counts") {
  REQUIRE_CLUSTER(cluster);
  for (const auto& path : kSearches) {
    const Answer one = get_from(cluster.one_searchd.port, path);
    const Answer local = get_from(cluster.sharded_searchd.port, path);
    const Answer remote = get_from(cluster.remote_searchd.port, path);
    REQUIRE_MESSAGE(one.status == 200, path << " " << one.body.dump());
    REQUIRE_MESSAGE(local.status == 200, path << " " << local.body.dump());
    REQUIRE_MESSAGE(remote.status == 200, path << " " << remote.body.dump());
    CHECK_MESSAGE(one.body["total"] > 0, path);
    check_same_answer(one.body, local.body, "local shards: " + path);
    check_same_answer(one.body, remote.body, "remote shards: " + path);
  }
}

// The document view's related items (relevance feedback) on remote shards too, where Xapian
// 1.4 refuses a MatchDecider: the item itself is left out by the query. Expand weights over
// several databases are not those of one index, so the shards are compared with each other.
TEST_CASE("a document and its related items: the same from local and remote shards, never the item itself") {
  REQUIRE_CLUSTER(cluster);
  for (const std::string query : {"/api/search?q=oil&lang=en", "/api/search?q=%D0%BF%D1%80%D0%B5%D0%B7%D0%B8%D0%B4%D0%B5%D0%BD%D1%82"}) {
    const Answer found = get_from(cluster.one_searchd.port, query);
    REQUIRE(found.status == 200);
    REQUIRE(found.body["hits"].size() >= 3);
    for (size_t i = 0; i < 3; ++i) {
      const std::string id = found.body["hits"][i]["id"];
      const std::string path = "/api/doc/" + id;
      const Answer one = get_from(cluster.one_searchd.port, path);
      const Answer local = get_from(cluster.sharded_searchd.port, path);
      const Answer remote = get_from(cluster.remote_searchd.port, path);
      REQUIRE_MESSAGE(one.status == 200, path);
      REQUIRE_MESSAGE(local.status == 200, path << " " << local.body.dump());
      REQUIRE_MESSAGE(remote.status == 200, path << " " << remote.body.dump());
      for (const auto* other : {&local, &remote}) {
        CHECK(other->body["title"] == one.body["title"]);
        CHECK(other->body["body"] == one.body["body"]);
        CHECK_MESSAGE(other->body["related"].size() == one.body["related"].size(), path);
        for (const auto& item : other->body["related"]) CHECK_MESSAGE(item["id"] != id, path);
      }
      REQUIRE(local.body["related"].size() == remote.body["related"].size());
      for (size_t k = 0; k < local.body["related"].size(); ++k) {
        const double want = local.body["related"][k]["score"], have = remote.body["related"][k]["score"];
        CHECK_MESSAGE(std::abs(want - have) <= 1e-9 * std::max(1.0, std::abs(want)), path << " related " << k);
      }
    }
  }
}

TEST_CASE("spelling, synonyms and suggestions work on local and remote shards") {
  REQUIRE_CLUSTER(cluster);
  std::vector<std::string> paths = {
      "/api/search?q=%D0%BF%D1%80%D0%B5%D0%B7%D0%B8%D0%B4%D0%B5%D0%BD%D1%82%D0%B0%D0%BC%D0%B8",  // президентами
      "/api/search?q=%D0%A3%D0%9D%D0%9F%20%D0%9E%D0%9E%D0%9D",          // УНП ООН: a synonym of UNODC
      "/api/suggest?q=petro",
      "/api/suggest?q=%D0%BF%D1%80%D0%B5%D0%B7",                       // през
      "/api/suggest?q=kaz",
      "/api/facets/country?q=oil&prefix=k",
  };
  // A word of a title, misspelled (two letters swapped): the spelling table is in aux.
  const Answer oil = get_from(cluster.one_searchd.port, "/api/search?q=oil");
  std::string word;
  for (const auto& hit : oil.body["hits"]) {
    std::istringstream title(hit["title"].get<std::string>());
    for (std::string candidate; title >> candidate;)
      if (candidate.size() > word.size() && std::all_of(candidate.begin(), candidate.end(), ::isalpha)) word = candidate;
  }
  REQUIRE(word.size() >= 6);
  std::transform(word.begin(), word.end(), word.begin(), ::tolower);
  std::string misspelled = word;
  std::swap(misspelled[2], misspelled[3]);
  if (misspelled == word) misspelled[2] = misspelled[2] == 'x' ? 'q' : 'x';
  paths.push_back("/api/search?q=" + misspelled);
  for (const auto& path : paths) {
    const Answer one = get_from(cluster.one_searchd.port, path);
    REQUIRE_MESSAGE(one.status == 200, path);
    for (const int port : {cluster.sharded_searchd.port, cluster.remote_searchd.port}) {
      const Answer sharded = get_from(port, path);
      REQUIRE_MESSAGE(sharded.status == 200, path);
      if (path.starts_with("/api/search")) check_same_answer(one.body, sharded.body, path);
      else CHECK_MESSAGE(one.body == sharded.body, path);
    }
  }
  const Answer corrected = get_from(cluster.remote_searchd.port, paths.back());
  CHECK_MESSAGE(corrected.body["corrected"] == word, misspelled);
  CHECK(get_from(cluster.remote_searchd.port, paths[1]).body["total"] > 0);
  CHECK(!get_from(cluster.remote_searchd.port, paths[2]).body["suggestions"].empty());
}

TEST_CASE("update and delete route each id to its shard") {
  REQUIRE_CLUSTER(cluster);
  TempDir dir;
  const std::string index = (dir.path() / "index").string();
  REQUIRE(run({CARAVAN_INDEXER_BIN, "build", "--quiet", "--shards", "3", "--out", index,
               (fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "news_ru.jsonl").string()})
              .exit_code == 0);
  const Xapian::doccount before = Xapian::Database(index).get_doccount();
  const fs::path update = dir.path() / "update.jsonl";
  std::ofstream(update) << R"({"id":"shard-en-1","title":"Zanzibarian cloves reach Almaty","body":"Zanzibarian cloves reached the markets of Almaty on Monday.","lang":"en"})"
                        << "\n"
                        << R"({"id":"shard-ru-1","title":"Занзибарская гвоздика в Алматы","body":"Занзибарская гвоздика поступила на рынки Алматы.","lang":"ru"})"
                        << "\n";
  const RunResult updated = run({CARAVAN_INDEXER_BIN, "update", "--quiet", "--out", index, update.string()});
  REQUIRE_MESSAGE(updated.exit_code == 0, updated.output);
  const Searchd searchd = start_searchd(index);
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarian").body["total"] == 1);
  CHECK(get_from(searchd.port, "/api/search?q=%D0%B7%D0%B0%D0%BD%D0%B7%D0%B8%D0%B1%D0%B0%D1%80%D1%81%D0%BA%D0%B0%D1%8F")
            .body["total"] == 1);
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarain").body["corrected"] == "zanzibarian");  // aux's spelling
  const fs::path generation = fs::canonical(index);
  unsigned holding = 0;
  for (const char* shard : {"shard-000", "shard-001", "shard-002"})
    holding += Xapian::Database((generation / shard).string()).get_termfreq("Qshard-en-1");
  CHECK(holding == 1);
  CHECK(Xapian::Database(index).get_doccount() == before + 2);
  // Replacing the same id keeps one copy.
  REQUIRE(run({CARAVAN_INDEXER_BIN, "update", "--quiet", "--out", index, update.string()}).exit_code == 0);
  CHECK(Xapian::Database(index).get_doccount() == before + 2);
  const RunResult deleted = run({CARAVAN_INDEXER_BIN, "delete", "--out", index, "shard-en-1", "shard-ru-1", "no-such-id"});
  CHECK(deleted.exit_code == 0);
  CHECK(deleted.output.find("no document with id 'no-such-id'") != std::string::npos);
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarian").body["total"] == 0);
  CHECK(Xapian::Database(index).get_doccount() == before);
}

}  // namespace caravan::test

namespace caravan::test {

TEST_CASE("a remote shard down or stopped: a 503, or with --partial-results the others' answer; then recovery") {
  REQUIRE_CLUSTER(cluster);
  TempDir dir;
  const int first_port = free_port(), second_port = free_port();
  auto first = start_tcpsrv(cluster.generation / "shard-000", first_port);
  auto second = start_tcpsrv(cluster.generation / "shard-001", second_port);
  const std::string stub = (dir.path() / "remote.stub").string();
  std::ofstream(stub) << "remote 127.0.0.1:" << first_port << "\nremote 127.0.0.1:" << second_port << "\nauto "
                      << (cluster.generation / "aux").string() << "\n";
  constexpr double kBudgetMs = 400;
  const Searchd strict = start_searchd(stub, {"--time-budget-ms", "400"});
  const Searchd partial = start_searchd(stub, {"--time-budget-ms", "400", "--partial-results"});
  const std::string path = "/api/search?q=oil";
  const unsigned total = get_from(cluster.one_searchd.port, path).body["total"];
  auto check_whole = [&](const Searchd& searchd) {
    // On a loaded machine the 400 ms budget can be spent before the match starts (an estimated
    // total, "exact": false): ask again, a few times, for an answer that counted everything.
    Answer answer = get_from(searchd.port, path);
    for (int retry = 0; retry < 4 && answer.status == 200 && answer.body["exact"] == false; ++retry)
      answer = get_from(searchd.port, path);
    REQUIRE_MESSAGE(answer.status == 200, answer.body.dump());
    CHECK(answer.body["exact"] == true);
    CHECK(answer.body["total"] == total);
    CHECK(answer.body["partial"] == false);
    CHECK(answer.body["missing_shards"].empty());
  };
  auto check_degraded = [&](const std::string& how, double allowed_seconds) {
    const Answer refused = get_from(strict.port, path);
    CHECK_MESSAGE(refused.status == 503, how);
    CHECK_MESSAGE(refused.body["error"]["code"] == "shard_unavailable", how);
    CHECK_MESSAGE(refused.seconds < allowed_seconds, how << ": " << refused.seconds << " s");
    const Answer answer = get_from(partial.port, path);
    REQUIRE_MESSAGE(answer.status == 200, how << " " << answer.body.dump());
    CHECK_MESSAGE(answer.seconds < allowed_seconds, how << ": " << answer.seconds << " s");
    CHECK(answer.body["partial"] == true);
    CHECK(answer.body["missing_shards"] == nlohmann::json::array({"127.0.0.1:" + std::to_string(second_port)}));
    CHECK(answer.body["total"] > 0);
    CHECK(answer.body["total"] < total);
  };
  check_whole(strict);
  check_whole(partial);

  kill_group(*second, SIGKILL);  // down: connections refused
  check_degraded("killed", 1.0);
  check_degraded("still killed", 1.0);

  second = start_tcpsrv(cluster.generation / "shard-001", second_port);  // back
  check_whole(strict);
  check_whole(partial);

  kill_group(*second, SIGSTOP);  // stopped: connections accepted, never answered
  // The first request after a shard stops waits out the timeout (the budget), then probes the
  // shards afresh (the budget again); later ones only probe.
  check_degraded("stopped", 2 * kBudgetMs / 1000 + 1.0);
  check_degraded("still stopped", 2 * kBudgetMs / 1000 + 1.0);
  kill_group(*second, SIGCONT);
  check_whole(strict);
  check_whole(partial);
  kill_group(*first, SIGKILL);
  kill_group(*second, SIGKILL);
}

}  // namespace caravan::test

namespace caravan::test {

TEST_CASE("a read replica follows the index over xapian-replicate, and searchd sees each new revision") {
  TempDir dir;
  const fs::path master = dir.path() / "master", replica = dir.path() / "replica";
  fs::create_directories(master);
  const std::string index = (master / "index").string();
  REQUIRE(run({CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", index, (fixtures() / "news" / "mixed.jsonl").string(),
               (demo_dir() / "news_ru.jsonl").string()})
              .exit_code == 0);
  const std::string script = (source_dir() / "scripts" / "replicate.sh").string();
  const int port = free_port();
  Process server({"/usr/bin/setsid", "/bin/sh", script, "serve", index, std::to_string(port), "127.0.0.1"});
  REQUIRE(wait_for_port(port));
  auto replicate_once = [&] {
    const RunResult round = run({"/bin/sh", script, "once", "127.0.0.1", std::to_string(port), "index", replica.string()});
    REQUIRE_MESSAGE(round.exit_code == 0, round.output);
  };
  replicate_once();
  const Searchd searchd = start_searchd(replica.string());
  const unsigned before = get_from(searchd.port, "/api/stats").body["documents"];
  CHECK(before == Xapian::Database(index).get_doccount());
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarian").body["total"] == 0);

  // An update written with XAPIAN_MAX_CHANGESETS set reaches the replica on the next round.
  update_with_changesets(dir.path() / "update.jsonl", index);
  replicate_once();
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarian").body["total"] == 1);
  CHECK(get_from(searchd.port, "/api/search?q=%D0%B7%D0%B0%D0%BD%D0%B7%D0%B8%D0%B1%D0%B0%D1%80%D1%81%D0%BA%D0%B0%D1%8F")
            .body["total"] == 1);
  CHECK(get_from(searchd.port, "/api/stats").body["documents"] == before + 2);

  // A rebuild is a new database: the next round copies it whole, and searchd follows.
  REQUIRE(run({CARAVAN_INDEXER_BIN, "build", "--quiet", "--out", index, (fixtures() / "news" / "mixed.jsonl").string()})
              .exit_code == 0);
  replicate_once();
  CHECK(get_from(searchd.port, "/api/search?q=zanzibarian").body["total"] == 0);
  CHECK(get_from(searchd.port, "/api/stats").body["documents"] == Xapian::Database(index).get_doccount());
  kill_group(server, SIGKILL);
}

}  // namespace caravan::test

namespace caravan::test {

TEST_CASE("searchd on remote shards follows a rebuild through the stub's aux line") {
  TempDir dir;
  const std::string index = (dir.path() / "index").string();
  auto build = [&](const std::vector<std::string>& inputs) {
    std::vector<std::string> argv{CARAVAN_INDEXER_BIN, "build", "--quiet", "--shards", "2", "--out", index};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const RunResult built = run(argv);
    REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  };
  build({(fixtures() / "news" / "mixed.jsonl").string()});
  const int first_port = free_port(), second_port = free_port();
  // Served through the indexer's symlink: each new connection opens the generation it names.
  auto first = start_tcpsrv(fs::path(index) / "shard-000", first_port);
  auto second = start_tcpsrv(fs::path(index) / "shard-001", second_port);
  const std::string stub = (dir.path() / "shards.stub").string();
  std::ofstream(stub) << "remote 127.0.0.1:" << first_port << "\nremote 127.0.0.1:" << second_port << "\nauto " << index
                      << "/aux\n";
  const Searchd searchd = start_searchd(stub);
  CHECK(get_from(searchd.port, "/api/stats").body["documents"] == Xapian::Database(index).get_doccount());
  build({(fixtures() / "news" / "mixed.jsonl").string(), (demo_dir() / "news_ru.jsonl").string()});
  const Xapian::doccount rebuilt = Xapian::Database(index).get_doccount();
  CHECK(get_from(searchd.port, "/api/stats").body["documents"] == rebuilt);
  CHECK(get_from(searchd.port, "/api/search?q=%D0%A6%D0%90%D0%A0%D0%98%D0%9A%D0%A6").body["total"] > 0);  // ЦАРИКЦ
  kill_group(*first, SIGKILL);
  kill_group(*second, SIGKILL);
}

}  // namespace caravan::test

namespace caravan::test {

// The deployment guide's shards on other machines: each shard and aux replicated by name
// (`index/shard-000`, ...) from one xapian-replicate-server, served from the replicas by a local
// stub and by xapian-tcpsrv; an update travels as changesets, a rebuild as a full copy.
TEST_CASE("a sharded index replicated database by database serves updates and rebuilds") {
  TempDir dir;
  const fs::path master = dir.path() / "master", replicas = dir.path() / "replicas";
  fs::create_directories(master);
  fs::create_directories(replicas);
  const std::string index = (master / "index").string();
  const std::string mixed = (fixtures() / "news" / "mixed.jsonl").string(), russian = (demo_dir() / "news_ru.jsonl").string();
  auto build = [&](const std::vector<std::string>& inputs) {
    std::vector<std::string> argv{CARAVAN_INDEXER_BIN, "build", "--quiet", "--shards", "2", "--out", index};
    argv.insert(argv.end(), inputs.begin(), inputs.end());
    const RunResult built = run(argv);
    REQUIRE_MESSAGE(built.exit_code == 0, built.output);
  };
  build({mixed});
  const std::string script = (source_dir() / "scripts" / "replicate.sh").string();
  const int port = free_port();
  Process server({"/usr/bin/setsid", "/bin/sh", script, "serve", index, std::to_string(port), "127.0.0.1"});
  REQUIRE(wait_for_port(port));
  auto replicate_all = [&] {
    for (const std::string name : {"shard-000", "shard-001", "aux"}) {
      const RunResult round = run({"/bin/sh", script, "once", "127.0.0.1", std::to_string(port), "index/" + name,
                                   (replicas / name).string()});
      REQUIRE_MESSAGE(round.exit_code == 0, round.output);
    }
  };
  replicate_all();
  const std::string local_stub = (replicas / "local.stub").string();
  std::ofstream(local_stub) << "auto shard-000\nauto shard-001\nauto aux\n";
  const int first_port = free_port(), second_port = free_port();
  auto first = start_tcpsrv(replicas / "shard-000", first_port);
  auto second = start_tcpsrv(replicas / "shard-001", second_port);
  const std::string remote_stub = (replicas / "remote.stub").string();
  std::ofstream(remote_stub) << "remote 127.0.0.1:" << first_port << "\nremote 127.0.0.1:" << second_port << "\nauto "
                             << (replicas / "aux").string() << "\n";
  const Searchd on_master = start_searchd(index), local = start_searchd(local_stub), remote = start_searchd(remote_stub);
  auto check_same = [&](const std::string& path) {
    const auto want = get_from(on_master.port, path).body;
    REQUIRE(want.is_object());
    check_same_answer(want, get_from(local.port, path).body, "local replicas " + path);
    check_same_answer(want, get_from(remote.port, path).body, "tcpsrv on replicas " + path);
  };
  check_same("/api/search?q=oil");
  check_same("/api/search?q=zanzibarian");

  update_with_changesets(dir.path() / "update.jsonl", index);
  replicate_all();
  const std::string zanzibarian_ru = "/api/search?q=%D0%B7%D0%B0%D0%BD%D0%B7%D0%B8%D0%B1%D0%B0%D1%80%D1%81%D0%BA%D0%B0%D1%8F";
  CHECK(get_from(local.port, "/api/search?q=zanzibarian").body["total"] == 1);
  CHECK(get_from(remote.port, zanzibarian_ru).body["total"] == 1);
  check_same("/api/search?q=zanzibarian");
  check_same(zanzibarian_ru);

  // A rebuild: each replica is copied whole into a new directory its own stub names; searchd
  // follows (the local stub's shards and the remote stub's aux line change generation).
  build({mixed, russian});
  replicate_all();
  CHECK(get_from(local.port, "/api/search?q=zanzibarian").body["total"] == 0);
  CHECK(get_from(remote.port, "/api/search?q=zanzibarian").body["total"] == 0);
  check_same("/api/search?q=%D0%A6%D0%90%D0%A0%D0%98%D0%9A%D0%A6");  // ЦАРИКЦ, only in the rebuild
  check_same("/api/search?q=oil");
  kill_group(*first, SIGKILL);
  kill_group(*second, SIGKILL);
  kill_group(server, SIGKILL);
}

}  // namespace caravan::test
