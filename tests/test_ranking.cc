// Ranking through the Searcher on a small index written here, in English and Russian:
// coordination over BM25, organization names word by word, entity expansion, the recency boost.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "indexer/index_builder.h"
#include "searchd/query_builder.h"
#include "searchd/recency_source.h"
#include "searchd/searcher.h"
#include "tests/test_index.h"
#include "tests/test_paths.h"

using namespace caravan;
using nlohmann::json;

namespace {

// Items whose words are chosen so that plain BM25 and coordination disagree: one rare word
// many times against two common words once.
std::vector<json> items() {
  std::vector<json> all;
  const auto add = [&](std::string id, std::string lang, std::string body, json extra = json::object()) {
    json item = {{"id", id}, {"lang", lang}, {"title", ""}, {"body", body}};
    item.update(extra);
    all.push_back(item);
  };
  for (int i = 0; i < 20; ++i) {
    add("en-filler-" + std::to_string(i), "en", "Customs and border report number " + std::to_string(i) + ".");
    add("ru-filler-" + std::to_string(i), "ru", "Отчёт таможни о границе номер " + std::to_string(i) + ".");
  }
  add("en-all", "en", "Customs officers seized heroin at the border.");
  add("en-rare", "en", "Heroin, heroin, heroin: heroin everywhere.");
  add("ru-all", "ru", "Сотрудники таможни изъяли героин на границе.");
  add("ru-rare", "ru", "Героина, героина, героина: много героина.");
  // An organization's long name: tagged, most of its words, one of them.
  add("en-unodc-tagged", "en", "UNODC opened an office in Dushanbe.", {{"organizations", {"UNODC"}}});
  add("en-unodc-most", "en", "The United Nations drugs office published a survey.");
  add("en-unodc-one", "en", "Crime statistics were published.");
  // Countries named in other case forms, short forms, or not at all (only tagged).
  add("ru-tm-literal", "ru", "Делегация Туркменистана прибыла на переговоры.", {{"countries", {"TM"}}});
  add("ru-tm-tagged", "ru", "Переговоры прошли в Ашхабаде.", {{"countries", {"TM"}}});
  add("ru-kg-tagged", "ru", "Выборы в Кыргызстане назначены на осень.", {{"countries", {"KG"}}});
  add("en-tm-tagged", "en", "Talks were held in Ashgabat.", {{"countries", {"TM"}}});
  // The same text, dated at several ages and undated.
  for (const char* date : {"2024-01-10", "2023-01-10", "2022-01-10", "2015-01-10", "2010-01-10"})
    add(std::string("recency-") + date, "en", "Quarterly caravan meeting minutes.", {{"date", date}});
  add("recency-undated", "en", "Quarterly caravan meeting minutes.");
  return all;
}

struct RankingIndex {
  test::TempDir dir;
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  std::unique_ptr<IndexPool> pool;

  RankingIndex() {
    const auto input = dir.path() / "items.jsonl";
    std::ofstream out(input);
    for (const auto& item : items()) out << item.dump() << "\n";
    out.close();
    BuildConfig config = test::build_config(dir.path() / "index", {input.string()});
    build_index(config, [](const ReadProblem& p) { FAIL_CHECK(p.where << ": " << p.reason); });
    pool = std::make_unique<IndexPool>(config.live_path);
  }
};

RankingIndex& ranking_index() {
  static RankingIndex index;
  return index;
}

RankingSettings text_only() {
  RankingSettings settings;
  settings.recency_weight = 0;
  return settings;
}

SearchResult search(const std::string& q, RankingSettings settings = text_only(), bool relax = true) {
  Searcher searcher(*ranking_index().pool, ranking_index().analyzer, ranking_index().gazetteers, settings);
  SearchRequest request;
  request.query = q;
  request.size = 100;
  request.relax = relax;
  request.facets.clear();
  return searcher.search(request);
}

std::vector<std::string> ids(const SearchResult& result) {
  std::vector<std::string> found;
  for (const auto& hit : result.hits) found.push_back(hit.id);
  return found;
}

// Where the id is in the result (result size when it is not there).
size_t rank_of(const SearchResult& result, const std::string& id) {
  const auto found = ids(result);
  return static_cast<size_t>(std::find(found.begin(), found.end(), id) - found.begin());
}

}  // namespace

TEST_CASE("coordination: items with more of the words first, BM25 within, in English and Russian") {
  for (const auto& [q, prefix] : {std::pair{"heroin customs border", "en"}, {"героин таможня граница", "ru"}}) {
    const SearchResult result = search(q);
    REQUIRE_MESSAGE(!result.hits.empty(), q);
    CHECK_MESSAGE(result.hits.front().id == std::string(prefix) + "-all", q);
    CHECK(result.relaxed);  // one item has every word
    // The item with the rare word alone comes after every item with two of the words.
    const size_t rare = rank_of(result, std::string(prefix) + "-rare");
    REQUIRE(rare < result.hits.size());
    for (int i = 0; i < 20; ++i)
      CHECK_MESSAGE(rank_of(result, std::string(prefix) + "-filler-" + std::to_string(i)) < rare, q);
    // Without coordination (the old ranking: BM25 over any word) the rare word wins over the fillers.
    RankingSettings plain = text_only();
    plain.coordination = false;
    CHECK_MESSAGE(rank_of(search(q, plain), std::string(prefix) + "-rare") < 3, q);
    // relax=0: every word, strictly.
    CHECK(ids(search(q, text_only(), false)) == std::vector<std::string>{std::string(prefix) + "-all"});
  }
}

// The bonus filter is each concept's terms as one flat OR (ParsedQuery::concept_terms), cheaper
// to match than the concept's nested alternatives: it must give the same items the same weights.
TEST_CASE("coordination: the bonus on each concept's flat terms ranks as on the concepts, in English and Russian") {
  RankingIndex& index = ranking_index();
  const Xapian::Database db(index.pool->path().string());
  const NameSkeleton skeleton;
  const EntityNames names(index.gazetteers, index.analyzer);
  const auto ranked = [&](const ParsedQuery& parsed) {
    Xapian::Enquire enquire(db);
    enquire.set_query(coordinated_query(parsed, Xapian::Query::OP_OR, coordination_bonus(1, db.get_doccount())));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::vector<std::pair<Xapian::docid, double>> hits;
    for (auto it = mset.begin(); it != mset.end(); ++it) hits.emplace_back(*it, it.get_weight());
    return hits;
  };
  for (const char* q : {"heroin customs border", "героин таможня граница", "United Nations Office on Drugs and Crime",
                        "Туркменистана переговоры", "Ashgabat OR Туркменистан talks", "\"border report\" heroin -number",
                        "Turkmenistan таможни"}) {
    QueryBuilder builder(index.analyzer, {"en", "ru"}, &skeleton, &db, &names);
    const ParsedQuery parsed = builder.parse(q);
    REQUIRE_MESSAGE(parsed.concept_terms.size() == parsed.concepts.size(), q);
    ParsedQuery nested = parsed;
    nested.concept_terms = parsed.concepts;
    const auto flat = ranked(parsed);
    CHECK_MESSAGE(flat.size() > 1, q);
    CHECK_MESSAGE(flat == ranked(nested), q);
  }
}

TEST_CASE("coordination: with enough items having every word, only those, not relaxed") {
  for (const char* q : {"customs border", "таможня граница"}) {
    const SearchResult result = search(q);
    CHECK_MESSAGE(!result.relaxed, q);
    CHECK_MESSAGE(result.total == 21, q);  // the 20 fillers and the item with every word
    CHECK(result.hits.size() == 21);
    // Facets count the same items.
    Searcher searcher(*ranking_index().pool, ranking_index().analyzer, ranking_index().gazetteers, text_only());
    SearchRequest request;
    request.query = q;
    request.facets = {"lang"};
    const SearchResult counted = searcher.search(request);
    REQUIRE(counted.facets.size() == 1);
    REQUIRE(counted.facets.front().values.size() == 1);
    CHECK(counted.facets.front().values.front().count == 21);
  }
}

TEST_CASE("an organization's long name is not all or nothing: items sharing most of its words get credit") {
  const SearchResult result = search("United Nations Office on Drugs and Crime");
  REQUIRE(result.hits.size() >= 3);
  // Tagged (every word of the name matched through the tag) and most of the words literally
  // both rank above one word; without the tag nor every word, none would be all or nothing.
  CHECK(rank_of(result, "en-unodc-tagged") < rank_of(result, "en-unodc-one"));
  CHECK(rank_of(result, "en-unodc-most") < rank_of(result, "en-unodc-one"));
  CHECK(rank_of(result, "en-unodc-one") < result.hits.size());
  CHECK(result.relaxed);
  // relax=0: every concept, which only the tagged item has.
  CHECK(ids(search("United Nations Office on Drugs and Crime", text_only(), false)) == std::vector<std::string>{"en-unodc-tagged"});
}

TEST_CASE("entity expansion: a country named in any case or short form finds the items tagged with it") {
  // "Туркменистане" stems apart from "Туркменистана"; the tagged items never name the country.
  SearchResult result = search("Туркменистане");
  REQUIRE(result.hits.size() == 3);
  CHECK(result.hits.front().id == "ru-tm-literal");
  CHECK(rank_of(result, "ru-tm-tagged") < 3);
  CHECK(rank_of(result, "en-tm-tagged") < 3);
  result = search("туркмения");
  CHECK(rank_of(result, "ru-tm-tagged") < result.hits.size());
  CHECK(rank_of(search("Киргизии"), "ru-kg-tagged") == 0);
  result = search("Turkmenistan");
  CHECK(rank_of(result, "en-tm-tagged") < result.hits.size());
  CHECK(rank_of(result, "ru-tm-literal") < rank_of(result, "ru-tm-tagged"));  // literal (other script) first
  // Switched off: only literal matches.
  RankingSettings off = text_only();
  off.entity_expansion = false;
  CHECK(rank_of(search("Туркменистане", off), "ru-tm-tagged") == search("Туркменистане", off).hits.size());
  CHECK(ids(search("Киргизии", off)).empty());
}

TEST_CASE("recency: an undated item gets the median boost, never the least") {
  RankingSettings settings;
  settings.recency_half_life_days = 365;
  const SearchResult result = search("quarterly caravan meeting", settings);
  REQUIRE(result.hits.size() == 6);
  CHECK(result.hits.front().id == "recency-2024-01-10");
  // Level with the median (2022) item: after 2024 and 2023, before 2015 and 2010.
  const size_t undated = rank_of(result, "recency-undated");
  CHECK(undated > rank_of(result, "recency-2023-01-10"));
  CHECK(undated < rank_of(result, "recency-2015-01-10"));
  CHECK(rank_of(result, "recency-2010-01-10") == 5);
}

// RecencySource matches every item and weighs the undated ones itself; the stock query remote
// shards get (a day map OR a fixed weight for the undated) is an independent computation of
// the same boosts: each item weighed, skipped over or not, must get the same weight from both.
TEST_CASE("recency: the local source weighs every item, dated or not, as the stock query does") {
  const Xapian::Database db(ranking_index().pool->path().string());
  const auto weights = [&](const Xapian::Query& text, bool stock) {
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                                    recency_query(db, schema::kSlotDayNumber, 1.0, 365, stock)));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    std::map<Xapian::docid, double> found;
    for (auto it = mset.begin(); it != mset.end(); ++it) found[*it] = it.get_weight();
    return found;
  };
  for (const char* word : {"minutes", "meeting", "таможни", "номер", "heroin"}) {
    QueryBuilder builder(ranking_index().analyzer, {"en", "ru"});
    const Xapian::Query text = builder.word_query(word);
    const auto local = weights(text, false), stock = weights(text, true);
    REQUIRE_MESSAGE(!local.empty(), word);
    REQUIRE(local.size() == stock.size());
    for (const auto& [doc, weight] : local) CHECK_MESSAGE(weight == doctest::Approx(stock.at(doc)).epsilon(1e-12), word);
  }
  // Every document: the undated one between the dated, at the median boost.
  const auto all_local = weights(Xapian::Query(std::string()), false), all_stock = weights(Xapian::Query(std::string()), true);
  REQUIRE(all_local.size() == db.get_doccount());
  for (const auto& [doc, weight] : all_local) CHECK(weight == doctest::Approx(all_stock.at(doc)).epsilon(1e-12));
}
