// Ranking through the Searcher on a small index written here, in English and Russian:
// coordination over BM25, organization names word by word, entity expansion, the recency boost.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/schema.h"
#include "indexer/index_builder.h"
#include "searchd/facet_columns.h"
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

namespace {

// Each item the text matches and its weight, with the recency boost (max 1, half life 365 days):
// RecencySource, from the day column of `columns` when given, or the stock query (`stock`).
std::map<Xapian::docid, double> recency_weights(const Xapian::Database& db, const Xapian::Query& text, bool stock,
                                                std::shared_ptr<const FacetColumns> columns = nullptr) {
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_MAYBE, text,
                                  recency_query(db, schema::kSlotDayNumber, 1.0, 365, stock, std::move(columns))));
  const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
  std::map<Xapian::docid, double> found;
  for (auto it = mset.begin(); it != mset.end(); ++it) found[*it] = it.get_weight();
  return found;
}

// The local source, from the value stream and from the day column, gives every item the stock
// query's weight.
void check_same_weights(const Xapian::Database& db, const Xapian::Query& text,
                        const std::shared_ptr<const FacetColumns>& columns, const std::string& what) {
  const auto stock = recency_weights(db, text, true);
  REQUIRE_MESSAGE(!stock.empty(), what);
  for (const auto& local : {recency_weights(db, text, false), recency_weights(db, text, false, columns)}) {
    REQUIRE_MESSAGE(local.size() == stock.size(), what);
    for (const auto& [doc, weight] : local) CHECK_MESSAGE(weight == doctest::Approx(stock.at(doc)).epsilon(1e-12), what);
  }
}

}  // namespace

// RecencySource matches every item and weighs the undated ones itself; the stock query remote
// shards get (a day map OR a fixed weight for the undated) is an independent computation of
// the same boosts: each item weighed, skipped over or not, must get the same weight from both,
// whether the source reads the dates from the value stream or from the day column.
TEST_CASE("recency: the local source weighs every item, dated or not, as the stock query does") {
  const Xapian::Database db(ranking_index().pool->path().string());
  FacetColumnsCache cache;
  const auto columns = cache.get(db);
  REQUIRE(columns);
  REQUIRE(columns->has_days());
  for (const char* word : {"minutes", "meeting", "таможни", "номер", "heroin"}) {
    QueryBuilder builder(ranking_index().analyzer, {"en", "ru"});
    check_same_weights(db, builder.word_query(word), columns, word);
  }
  // Every document: the undated one between the dated, at the median boost.
  check_same_weights(db, Xapian::Query(std::string()), columns, "every document");
  CHECK(recency_weights(db, Xapian::Query(std::string()), false, columns).size() == db.get_doccount());
  const auto described = [&](auto given) { return recency_query(db, schema::kSlotDayNumber, 1.0, 365, false, given).get_description(); };
  CHECK(described(columns).find("day column") != std::string::npos);
  CHECK(described(nullptr).find("day column") == std::string::npos);
}

// The day column is that of the revision a request reads: after an update (an item's date
// changed, one deleted, a newer one and an undated one added) the reopened index gets new
// columns, and the weights follow the new dates, still equal to the stock query's.
TEST_CASE("recency: the day column of an index reopened after an update follows the new revision") {
  test::TempDir dir;
  const std::string path = (dir.path() / "db").string();
  const auto item = [](std::optional<double> day) {
    Xapian::Document doc;
    doc.add_term("minutes");
    if (day) doc.add_value(schema::kSlotDayNumber, Xapian::sortable_serialise(*day));
    return doc;
  };
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_CREATE_OR_OPEN);
    for (int i = 0; i < 40; ++i) writer.add_document(item(i % 7 ? std::optional<double>(18000 + 40 * i) : std::nullopt));
    writer.commit();
  }
  Xapian::Database db(path);
  FacetColumnsCache cache;
  const auto before_columns = cache.get(db);
  REQUIRE(before_columns);
  const Xapian::Query every(std::string{});
  check_same_weights(db, every, before_columns, "before the update");
  const auto before = recency_weights(db, every, false, before_columns);
  {
    Xapian::WritableDatabase writer(path, Xapian::DB_OPEN);
    writer.replace_document(3, item(17000));  // from 18120 to older than any
    writer.delete_document(5);
    writer.add_document(item(18000 + 40 * 45));  // the newest now
    writer.add_document(item(std::nullopt));
    writer.commit();
  }
  db.reopen();
  const auto after_columns = cache.get(db);
  REQUIRE(after_columns);
  CHECK(after_columns != before_columns);
  CHECK(after_columns->last_docid() == 42);
  CHECK(after_columns->day(3) == 17000);
  CHECK(after_columns->day(42) == FacetColumns::kUndated);
  check_same_weights(db, every, after_columns, "after the update");
  const auto after = recency_weights(db, every, false, after_columns);
  CHECK(after.size() == 41);
  CHECK(after.count(5) == 0);
  CHECK(after.at(41) == doctest::Approx(1.0));  // the newest item: the whole boost
  CHECK(after.at(3) < before.at(3));
  CHECK(after.at(39) < before.at(39));  // the newest before, older than the newest now
}
