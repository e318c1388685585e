// Index and search round trip on the demo data, in process: ranking, inflection, facets, sort.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "core/normalize.h"
#include "core/schema.h"
#include "core/transliteration.h"
#include "indexer/index_builder.h"
#include "searchd/api_error.h"
#include "searchd/highlights.h"
#include "searchd/searcher.h"
#include "searchd/spelling.h"
#include "tests/test_index.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {

// One index of data/demo per test binary, built by the real build path into a temp directory.
struct DemoIndex {
  test::TempDir dir;
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  std::unique_ptr<IndexPool> pool;
  std::unique_ptr<Searcher> searcher;
  BuildSummary summary;

  DemoIndex() {
    BuildConfig config = test::build_config(dir.path() / "index", {test::demo_dir().string()});
    summary = build_index(config, [](const ReadProblem& p) { FAIL_CHECK(p.where << ": " << p.reason); });
    pool = std::make_unique<IndexPool>(config.live_path);
    searcher = std::make_unique<Searcher>(*pool, analyzer, gazetteers, RankingSettings{});
  }
};

DemoIndex& demo() {
  static DemoIndex index;
  return index;
}

SearchResult search(const std::string& q, std::map<std::string, std::set<std::string>> filters = {},
                    SortOrder sort = SortOrder::kRelevance) {
  SearchRequest request;
  request.query = q;
  request.filters = std::move(filters);
  request.sort = sort;
  request.size = 100;
  return demo().searcher->search(request);
}

const Facet& facet(const SearchResult& result, const std::string& name) {
  return *std::find_if(result.facets.begin(), result.facets.end(), [&](const Facet& f) { return f.name == name; });
}

unsigned count_of(const Facet& facet, const std::string& value) {
  for (const auto& v : facet.values)
    if (v.value == value) return v.count;
  return 0;
}

// Ids of demo JSON Lines items whose normalized text has a word starting with stem_prefix.
std::set<std::string> demo_ids_with_word_prefix(const std::string& file, const std::string& stem_prefix) {
  std::set<std::string> ids;
  std::ifstream in(test::demo_dir() / file);
  std::string line;
  while (std::getline(in, line)) {
    const auto item = nlohmann::json::parse(line);
    const std::string text = " " + normalize_text(item.value("title", "") + " " + item.value("body", ""));
    if (text.find(" " + stem_prefix) != std::string::npos) ids.insert(item.value("id", ""));
  }
  return ids;
}

}  // namespace

TEST_CASE("the demo data indexes without problems") {
  CHECK(demo().summary.published);
  CHECK(demo().summary.indexed >= 16);
  CHECK(demo().summary.skipped == 0);
}

TEST_CASE("precursors: the Regional Working Group on Precursors comes first") {
  const auto result = search("precursors");
  REQUIRE(!result.hits.empty());
  CHECK(result.hits[0].title.find("Regional Working Group on Precursors") != std::string::npos);
  CHECK(result.hits[0].snippet.find("<mark>") != std::string::npos);
  CHECK(result.hits[0].lang == "en");
}

TEST_CASE("a Russian inflected form finds the other case forms") {
  const auto expected = demo_ids_with_word_prefix("news_ru.jsonl", "совещани");
  REQUIRE(expected.size() >= 2);
  const auto result = search("совещаниях");
  std::set<std::string> found;
  for (const auto& hit : result.hits) found.insert(hit.id);
  for (const auto& id : expected) CHECK_MESSAGE(found.count(id), id);
  for (const auto& hit : result.hits) CHECK(hit.lang == "ru");
}

TEST_CASE("an English plural finds the singular") {
  const auto result = search("meetings");
  CHECK(result.total >= 5);
  bool singular_only = false;
  for (const auto& hit : result.hits) {
    const auto doc = demo().searcher->document(hit.id);
    REQUIRE(doc);
    const std::string body = normalize_text(doc->body);
    if (body.find("meetings") == std::string::npos && body.find("meeting") != std::string::npos) singular_only = true;
  }
  CHECK(singular_only);
}

TEST_CASE("facet counts are exact and disjunctive") {
  const auto all = search("");
  CHECK(all.exact);
  CHECK(all.total == demo().pool->acquire().db().get_doccount());
  const unsigned kz = count_of(facet(all, "country"), "KZ");
  REQUIRE(kz > 0);
  unsigned langs = 0;
  for (const auto& v : facet(all, "lang").values) langs += v.count;
  CHECK(langs == all.total);

  const auto only_kz = search("", {{"country", {"KZ"}}});
  CHECK(only_kz.total == kz);
  for (const auto& hit : only_kz.hits) CHECK(std::count(hit.countries.begin(), hit.countries.end(), "KZ") == 1);
  const auto& country = facet(only_kz, "country");
  CHECK(count_of(country, "KZ") == kz);
  CHECK(country.values.size() > 1);  // other countries still offered, with their full counts
  for (const auto& v : country.values) CHECK(v.selected == (v.value == "KZ"));
  unsigned langs_kz = 0;
  for (const auto& v : facet(only_kz, "lang").values) langs_kz += v.count;
  CHECK(langs_kz == kz);  // other facets are narrowed by the selection
}

TEST_CASE("OR within a facet, AND across facets") {
  const auto all = search("");
  const unsigned kz = count_of(facet(all, "country"), "KZ"), tj = count_of(facet(all, "country"), "TJ");
  const auto either = search("", {{"country", {"KZ", "TJ"}}});
  CHECK(either.total >= std::max(kz, tj));
  CHECK(either.total <= kz + tj);
  const auto kz_ru = search("", {{"country", {"KZ"}}, {"lang", {"ru"}}});
  for (const auto& hit : kz_ru.hits) CHECK(hit.lang == "ru");
  CHECK(kz_ru.total == count_of(facet(search("", {{"country", {"KZ"}}}), "lang"), "ru"));
}

TEST_CASE("a selected value is returned even with count 0") {
  const auto result = search("", {{"country", {"ZZ"}}});
  CHECK(result.total == 0);
  CHECK(count_of(facet(result, "country"), "ZZ") == 0);
  const auto& values = facet(result, "country").values;
  CHECK(std::any_of(values.begin(), values.end(), [](const FacetValue& v) { return v.value == "ZZ" && v.selected; }));
}

TEST_CASE("sort by date gives newest first; date range filters") {
  const auto result = search("", {}, SortOrder::kDate);
  for (size_t i = 1; i < result.hits.size(); ++i)
    if (!result.hits[i].date.empty()) CHECK(result.hits[i - 1].date >= result.hits[i].date);
  SearchRequest request;
  request.from = "2020-09-15";
  request.to = "2020-10-31";
  request.size = 100;
  const auto ranged = demo().searcher->search(request);
  CHECK(ranged.total > 0);
  for (const auto& hit : ranged.hits) {
    CHECK(hit.date >= "2020-09-15");
    CHECK(hit.date <= "2020-10-31");
  }
}

TEST_CASE("query syntax: field filters, exclusion, phrase") {
  const auto with_field = search("country:KZ");
  CHECK(with_field.total == search("", {{"country", {"KZ"}}}).total);
  const auto meeting = search("meeting");
  const auto without_caricc = search("meeting -CARICC");
  CHECK(without_caricc.total < meeting.total);
  const auto phrase = search("\"Regional Working Group\"");
  REQUIRE(phrase.total >= 1);
  CHECK(phrase.total < search("regional working group").total + 1);
  CHECK_NOTHROW(search("\"unclosed (( OR -"));
  CHECK_NOTHROW(search("* ** -- :: title:"));
}

TEST_CASE("facet labels in the UI language; organizations by their usual short name") {
  SearchRequest request;
  request.ui_lang = "ru";
  request.filters["country"] = {"KZ"};
  request.filters["organization"] = {"CARICC"};
  const auto ru = demo().searcher->search(request);
  auto label_of = [](const SearchResult& result, const std::string& facet, const std::string& value) {
    for (const auto& f : result.facets)
      for (const auto& v : f.values)
        if (f.name == facet && v.value == value) return v.label;
    return std::string("?");
  };
  CHECK(label_of(ru, "country", "KZ") == "Казахстан");
  CHECK(label_of(ru, "organization", "CARICC") == "ЦАРИКЦ");
  CHECK(label_of(ru, "lang", "ru") == "Русский");
  CHECK(label_of(ru, "month", "2020-10") == "Октябрь 2020");
  request.ui_lang = "en";
  const auto en = demo().searcher->search(request);
  CHECK(label_of(en, "country", "KZ") == "Kazakhstan");
  CHECK(label_of(en, "organization", "CARICC") == "CARICC");
  CHECK(label_of(en, "lang", "ru") == "Russian");
}

TEST_CASE("did you mean: plain words are corrected, the query's syntax is kept") {
  struct Case {
    const char* query;
    std::optional<std::string> corrected;
  };
  const Case cases[] = {
      {"meetnig", "meeting"},
      {"Meetnig,", "meeting,"},
      {"савещание", "совещание"},
      {"савещание руководителей", "совещание руководителей"},
      {"meetnig country:KZ -heroin", "meeting country:KZ -heroin"},
      {"(meetnig OR савещание)", "(meeting OR совещание)"},
      {"\"regional meetnig group\" meetnig", "\"regional meetnig group\" meeting"},
      {"-meetnig title:meetnig meetnig*", std::nullopt},
      {"meeting", std::nullopt},
      {"совещание", std::nullopt},
      {"precursors", std::nullopt},  // a body word stays, though titles only say "precursor"
      {"zzzzqqq", std::nullopt},
      {"me 2O20", std::nullopt},
      {"", std::nullopt},
      // Country names are never "corrected", least of all into a stopword ("Чад" -> "над").
      {"Чад", std::nullopt},
      {"Куба", std::nullopt},
      {"Oman", std::nullopt},
      {"Мали", std::nullopt},
  };
  auto lease = demo().pool->acquire();
  const SpellingCorrector corrector(demo().analyzer, demo().gazetteers);
  for (const auto& c : cases) {
    CAPTURE(c.query);
    CHECK(corrector.correct(lease.db(), c.query) == c.corrected);
  }
}

TEST_CASE("did you mean: a word the index knows well is not a typo, and a stopword is never offered") {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    for (int i = 0; i < 200; ++i) {
      Xapian::Document doc;
      doc.add_term(i < 120 ? "meeting" : "other");
      if (i < 5) doc.add_term("meting");  // a real word in 5 of 200 items
      if (i < 2) doc.add_term("metinf");  // a typo in 2
      doc.add_term("the");
      db.add_document(doc);
    }
    db.add_spelling("meeting", 120);
    db.add_spelling("the", 500);
    db.commit();
  }
  const Xapian::Database db((dir.path() / "db").string());
  const SpellingCorrector corrector(demo().analyzer, demo().gazetteers);
  CHECK(corrector.correct(db, "meting") == std::nullopt);
  CHECK(corrector.correct(db, "metinf") == "meeting");
  CHECK(corrector.correct(db, "thw") == std::nullopt);
  CHECK(corrector.correct(db, "tha meetnig") == "tha meeting");
}

// Between 1 in 10,000 and 1 in 1,000 items a word is no longer looked up (1.2 ms of 2.4 per
// default query went to get_spelling_suggestion in make profile-searchd); typos are rarer.
TEST_CASE("did you mean: typos are corrected, a word in 1 in 10,000 items or more is not looked up") {
  test::TempDir dir;
  {
    Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
    for (int i = 0; i < 40000; ++i) {
      Xapian::Document doc;
      doc.add_term(i % 20 == 0 ? "narcotics" : "other");
      if (i % 20 == 1) doc.add_term("наркотиков");
      if (i < 8) doc.add_term("narcotica");  // real words in 8 of 40,000 (1 in 5,000)
      if (i < 8) doc.add_term("наркотиком");
      if (i >= 8 && i < 11) doc.add_term("narcotiks");  // a typo repeated in 3 of 40,000
      if (i >= 8 && i < 11) doc.add_term("наркотикав");
      db.add_document(doc);
    }
    db.add_spelling("narcotics", 2000);
    db.add_spelling("наркотиков", 2000);
    db.commit();
  }
  const Xapian::Database db((dir.path() / "db").string());
  const SpellingCorrector corrector(demo().analyzer, demo().gazetteers);
  CHECK(corrector.correct(db, "narcotiks") == "narcotics");  // in 3 items, under 1 in 10,000
  CHECK(corrector.correct(db, "narcotis") == "narcotics");   // in none
  CHECK(corrector.correct(db, "наркотикав") == "наркотиков");
  CHECK(corrector.correct(db, "Нарктиков") == "наркотиков");
  // In 1 in 5,000: words, though commoner ones are near (before: "narcotics", "наркотиков").
  CHECK(corrector.correct(db, "narcotica") == std::nullopt);
  CHECK(corrector.correct(db, "наркотиком") == std::nullopt);
}

TEST_CASE("did you mean: offered beside the results, only when it finds more") {
  const auto typo = search("meetnig");
  CHECK(typo.query == "meetnig");
  CHECK(typo.corrected == "meeting");
  CHECK(typo.total == 0);  // the results are not silently replaced
  CHECK(search("савещание").corrected == "совещание");
  CHECK(search("meeting").corrected == std::nullopt);
  CHECK(search("meetnig", {{"country", {"KZ"}}}).corrected == "meeting");
  // No item of the correction has this filter: nothing better to offer.
  CHECK(search("meetnig", {{"lang", {"kk"}}}).corrected == std::nullopt);
}

namespace {

// A generated index large enough that counting every match takes longer than a tiny budget:
// en and ru items, each with some of the words "alpha beta альфа бета".
struct GeneratedIndex {
  test::TempDir dir;
  std::unique_ptr<IndexPool> pool;

  GeneratedIndex() {
    const auto input = dir.path() / "items.jsonl";
    std::ofstream out(input);
    for (int i = 0; i < 20000; ++i) {
      const bool ru = i % 2 == 1;
      std::string body = ru ? "Совещание" : "Meeting";
      if (i % 3 != 0) body += ru ? " альфа" : " alpha";
      if (i % 5 != 0) body += ru ? " бета" : " beta";
      out << nlohmann::json{{"id", "g" + std::to_string(i)}, {"lang", ru ? "ru" : "en"},
                            {"title", "Item " + std::to_string(i)}, {"body", body + " " + std::to_string(i)},
                            {"date", "2020-01-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1)}}
                 .dump()
          << "\n";
    }
    out.close();
    BuildConfig config = test::build_config(dir.path() / "index", {input.string()});
    build_index(config, [](const ReadProblem& p) { FAIL_CHECK(p.where << ": " << p.reason); });
    pool = std::make_unique<IndexPool>(config.live_path);
  }
};

GeneratedIndex& generated() {
  static GeneratedIndex index;
  return index;
}

SearchResult search_with_budget(const std::string& q, double budget_ms, FacetFilters filters = {}) {
  RankingSettings settings;
  settings.time_budget_ms = budget_ms;
  Searcher searcher(*generated().pool, demo().analyzer, demo().gazetteers, settings);
  SearchRequest request;
  request.query = q;
  request.filters = std::move(filters);
  return searcher.search(request);
}

}  // namespace

TEST_CASE("time budget: past it the answer comes with what was counted, flagged inexact") {
  for (const std::string q : {"alpha beta", "альфа бета", "alpha OR бета"}) {
    const SearchResult full = search_with_budget(q, 0);
    CHECK(full.exact);
    REQUIRE(full.hits.size() == 10);
    const SearchResult cut = search_with_budget(q, 0.001);
    CHECK_MESSAGE(!cut.exact, q);
    CHECK(cut.hits.size() == 10);  // the top hits are still there
    CHECK(cut.total > 0);
    const SearchResult filtered = search_with_budget(q, 0.001, {{"lang", {"en", "ru"}}});
    CHECK_MESSAGE(!filtered.exact, q);
  }
}

TEST_CASE("too many wildcard words are refused before any work") {
  std::string eight, nine;
  for (int i = 0; i < 8; ++i) eight += "al* ";
  nine = eight + "бе*";
  CHECK_NOTHROW(search_with_budget(eight, 0));
  try {
    search_with_budget(nine, 0);
    FAIL("nine wildcards accepted");
  } catch (const ApiError& error) {
    CHECK(error.code() == ErrorCode::kTooExpensive);
    CHECK(std::string(error.what()).find("wildcard") != std::string::npos);
  }
  CHECK_NOTHROW(search_with_budget("a* b* c* d* e* f* g* h* i* j*", 0));  // one letter: plain words
}

TEST_CASE("time budget: the decider accepts until the deadline, then refuses every candidate") {
  const TimeBudget budget(5);
  const Xapian::Document doc;
  REQUIRE(budget.decider() == &budget);
  for (int i = 0; i < 200; ++i) CHECK(budget(doc));
  CHECK_FALSE(budget.cut());
  std::this_thread::sleep_for(std::chrono::milliseconds(6));
  CHECK(budget.spent());
  bool refused = false;
  for (int i = 0; i < 64 && !refused; ++i) refused = !budget(doc);
  CHECK(refused);
  CHECK(budget.cut());
  CHECK_FALSE(budget(doc));  // and stays so
  CHECK(TimeBudget(0).decider() == nullptr);
  CHECK_FALSE(TimeBudget(0).spent());
}

TEST_CASE("snippets come from the first 64 KiB of a body") {
  test::TempDir dir;
  const auto input = dir.path() / "long.jsonl";
  std::string en, ru;
  while (en.size() < 100 * 1024) en += "Border officers met in Tashkent. ";
  while (ru.size() < 100 * 1024) ru += "Пограничники встретились в Ташкенте. ";
  {
    nlohmann::json early = {{"id", "en-early"}, {"body", "Heroin was seized in Samarkand. " + en}, {"lang", "en"}};
    nlohmann::json late_en = {{"id", "en-late"}, {"body", en + "Heroin was seized in Samarkand."}, {"lang", "en"}};
    nlohmann::json early_ru = {{"id", "ru-early"}, {"body", "Героин изъят в Самарканде. " + ru}, {"lang", "ru"}};
    nlohmann::json late_ru = {{"id", "ru-late"}, {"body", ru + "Героин изъят в Самарканде."}, {"lang", "ru"}};
    for (const auto& record : {early, late_en, early_ru, late_ru}) std::ofstream(input, std::ios::app) << record.dump() << '\n';
  }
  BuildConfig config = test::build_config(dir.path() / "index", {input.string()});
  config.limits.max_body_bytes = 1 << 20;  // stored whole, as in an index built before the cut
  REQUIRE(build_index(config, [](const ReadProblem&) {}).published);
  IndexPool pool(config.live_path);
  Searcher searcher(pool, demo().analyzer, demo().gazetteers, RankingSettings{});
  for (const auto& [query, lang] : {std::pair{"Samarkand", "en"}, std::pair{"Самарканде", "ru"}}) {
    SearchRequest request;
    request.query = query;
    request.filters = {{"lang", {lang}}};
    const auto result = searcher.search(request);
    CHECK(result.total == 2);
    for (const auto& hit : result.hits) {
      CAPTURE(hit.id);
      CHECK_FALSE(hit.snippet.empty());
      CHECK(hit.snippet.size() < 2000);
      // Past 64 KiB the word is found but not looked for in the snippet.
      CHECK((hit.snippet.find("<mark>") != std::string::npos) == hit.id.ends_with("-early"));
    }
  }
}

// Found by fuzz/fuzz_jsonl: one record with an id, country, organization or language longer than
// a Xapian term (245 bytes) ended the whole build with "Term too long".
TEST_CASE("values too long for a Xapian term: the build goes on, the long id is found again") {
  const auto seed = test::source_dir() / "fuzz" / "corpus" / "fuzz_jsonl" / "long_values.jsonl";
  test::TempDir dir;
  BuildConfig config = test::build_config(dir.path() / "index", {seed.string()});
  BuildSummary summary;
  // The readers warn about the over-long country, organization and language and drop them; no
  // record may be skipped, and the long id must still be indexed.
  REQUIRE_NOTHROW(summary = build_index(config, [](const ReadProblem& p) {
    if (p.skipped) FAIL_CHECK(p.where << ": " << p.reason);
  }));
  CHECK(summary.published);
  CHECK(summary.indexed == 4);

  IndexPool pool(config.live_path);
  const Analyzer analyzer(test::stopwords_dir());
  const Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  Searcher searcher(pool, analyzer, gazetteers, RankingSettings{});
  const std::string long_id(300, 'i');
  const auto doc = searcher.document(long_id);
  REQUIRE(doc);
  CHECK(doc->id == long_id);
  CHECK_FALSE(searcher.document(std::string(299, 'i')));
  const auto country = searcher.document("long-country");
  REQUIRE(country);
  CHECK(country->countries == std::vector<std::string>{"KZ"});
  CHECK(searcher.document("long-org"));
  const auto lang = searcher.document("long-lang");
  REQUIRE(lang);
  CHECK(lang->lang == "en");  // identified, the declared tag dropped

  CHECK(schema::id_term(long_id).size() == schema::kMaxTermBytes);
  CHECK(schema::id_term(long_id) != schema::id_term(long_id + "j"));
  CHECK(schema::id_term("en-1") == "Qen-1");
}

namespace {

// Facet counts of one match as searchd makes them, with the stock spies (columns == nullptr) or
// with facet columns: the main match counts the unselected facets, one more match per selected one.
FacetCounts counted(Xapian::Database& db, const Xapian::Query& base, const FacetFilters& filters,
                    std::shared_ptr<const FacetColumns> columns) {
  const std::vector<std::string> facets = {"country", "organization", "year", "month", "lang"};
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered_query(base, filters));
  FacetCounter counter(facets, filters, std::move(columns));
  counter.attach(enquire);
  enquire.get_mset(0, 10, db.get_doccount());
  CHECK(counter.count_selected(enquire, base, db.get_doccount(), TimeBudget(0)));
  return counter.counts();
}

std::string top_value(const FacetCounts& counts, const std::string& facet, size_t rank) {
  std::vector<std::pair<Xapian::doccount, std::string>> ranked;
  for (const auto& [value, count] : counts.at(facet)) ranked.emplace_back(count, value);
  std::sort(ranked.rbegin(), ranked.rend());
  REQUIRE(ranked.size() > rank);
  return ranked[rank].second;
}

}  // namespace

TEST_CASE("facet columns count exactly what ValueCountMatchSpy counts, filters and disjunctive facets included") {
  auto lease = demo().pool->acquire();
  Xapian::Database& db = lease.db();
  auto columns = std::make_shared<const FacetColumns>(db);
  const FacetCounts all = counted(db, Xapian::Query::MatchAll, {}, nullptr);
  const std::string kz = top_value(all, "country", 0), second = top_value(all, "country", 1);
  const std::string org = top_value(all, "organization", 0), year = top_value(all, "year", 0);
  Analyzer& analyzer = demo().analyzer;
  const std::vector<Xapian::Query> bases = {
      Xapian::Query::MatchAll,
      Xapian::Query("Z" + analyzer.make_stemmer("en")("meeting")),
      Xapian::Query("Z" + analyzer.make_stemmer("ru")("наркотики")),
      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Z" + analyzer.make_stemmer("en")("drug")),
                    Xapian::Query("Z" + analyzer.make_stemmer("ru")("совещание"))),
  };
  const std::vector<FacetFilters> filter_sets = {
      {},
      {{"country", {kz}}},
      {{"country", {kz, second}}, {"lang", {"ru"}}},
      {{"organization", {org}}, {"year", {year}}},
      {{"country", {"ZZ"}}},
  };
  size_t nonempty = 0;
  for (size_t b = 0; b < bases.size(); ++b) {
    for (size_t f = 0; f < filter_sets.size(); ++f) {
      CAPTURE(b);
      CAPTURE(f);
      const FacetCounts stock = counted(db, bases[b], filter_sets[f], nullptr);
      CHECK(counted(db, bases[b], filter_sets[f], columns) == stock);
      for (const auto& [facet, values] : stock) nonempty += !values.empty();
    }
  }
  CHECK(nonempty > 40);  // the comparisons were about real counts
  // Disjunctive: ticking a country keeps the other countries' counts of the unfiltered match.
  const FacetCounts ticked = counted(db, Xapian::Query::MatchAll, {{"country", {kz}}}, columns);
  CHECK(ticked.at("country").at(second) == all.at("country").at(second));
  CHECK(ticked.at("lang").at("en") < all.at("lang").at("en") + all.at("lang").at("ru"));
}

TEST_CASE("facet columns are kept per index revision, shared by the requests that read it") {
  auto lease = demo().pool->acquire();
  FacetColumnsCache cache;
  const auto first = cache.get(lease.db());
  REQUIRE(first);
  CHECK(cache.get(lease.db()) == first);
  CHECK(first->last_docid() == lease.db().get_lastdocid());
}

// Whether any hit's title or snippet holds the marked text.
bool some_hit_marks(const SearchResult& result, const std::string& marked) {
  return std::any_of(result.hits.begin(), result.hits.end(), [&](const Hit& hit) {
    return hit.title_html.find(marked) != std::string::npos || hit.snippet.find(marked) != std::string::npos;
  });
}

TEST_CASE("matches through an organization's other names and through the other script are highlighted") {
  CHECK(some_hit_marks(search("CARICC", {{"lang", {"ru"}}}), "<mark>ЦАРИКЦ</mark>"));
  CHECK(some_hit_marks(search("ЦАРИКЦ", {{"lang", {"en"}}}), "<mark>Central Asian Regional Information and Coordination Centre"));
  CHECK(some_hit_marks(search("Tashkent", {{"lang", {"ru"}}}), "<mark>Ташкенте</mark>"));
  CHECK(some_hit_marks(search("Ташкент", {{"lang", {"en"}}}), "<mark>Tashkent</mark>"));
  // Words that only share letters are not marked: a Latin query marks no lower-case Cyrillic word.
  for (const auto& hit : search("Tashkent", {{"lang", {"ru"}}}).hits) CHECK(hit.snippet.find("<mark>в</mark>") == std::string::npos);
}

TEST_CASE("extra highlights: inflected organization names, existing marks and entities kept") {
  ParsedQuery parsed;
  parsed.organizations = {"UNODC"};
  const NameSkeleton skeleton;
  const ExtraHighlights extra(parsed, demo().gazetteers.organizations, skeleton);
  const Xapian::Stem russian("russian");
  CHECK(extra.mark("Представитель Управления ООН по наркотикам и преступности выступил", russian) ==
        "Представитель <mark>Управления ООН по наркотикам и преступности</mark> выступил");
  CHECK(extra.mark("эксперты УНП ООН &amp; <mark>УНП ООН</mark>", russian) ==
        "эксперты <mark>УНП ООН</mark> &amp; <mark>УНП ООН</mark>");
  CHECK(extra.mark("the UNODC&#39;s office", russian) == "the <mark>UNODC</mark>&#39;s office");
  CHECK(extra.mark("ООН и ОБСЕ", russian) == "ООН и ОБСЕ");  // the UN is not UNODC
  const ParsedQuery nothing;
  CHECK(ExtraHighlights(nothing, demo().gazetteers.organizations, skeleton).empty());
}

TEST_CASE("cross-script keys: a sentence's first word is a name only where the text treats it as one") {
  test::TempDir dir;
  const auto line = [](const std::string& id, const std::string& body, const std::string& lang) {
    return nlohmann::json{{"id", id}, {"body", body}, {"lang", lang}}.dump() + "\n";
  };
  // "Данные" and "Today" start sentences and are written in lower case elsewhere; "Этот" and
  // "There" are stopwords; "Мирализода" and "Ксения" start sentences and are names; "Aleksandrov"
  // is capitalized inside a sentence. Alexei (x) and Алексей (кс) meet both ways.
  std::ofstream(dir.path() / "news.jsonl")
      << line("ru-1", "Данные о ценах опубликованы. Эти данные собрал Aleksandrov. Этот отчёт вышел вчера. "
                      "Мирализода встретился с коллегами. Ксения Петрова тоже.", "ru")
      << line("en-1", "Today the ministers met. There were talks about prices today. Alexei Navalny was named.", "en");
  BuildConfig config = test::build_config(dir.path() / "index", {(dir.path() / "news.jsonl").string()});
  build_index(config, [](const ReadProblem& p) { FAIL_CHECK(p.where << ": " << p.reason); });
  Xapian::Database db(config.live_path.string());
  const NameSkeleton skeleton;
  const auto items = [&](const std::string& word) {
    return db.get_termfreq(std::string(schema::kPrefixSkeleton) + skeleton(normalize_text(word)));
  };
  CHECK(items("данные") == 0);
  CHECK(items("today") == 0);
  CHECK(items("этот") == 0);
  CHECK(items("there") == 0);
  CHECK(items("Мирализода") == 1);
  CHECK(items("Miralizoda") == 1);
  CHECK(items("Aleksandrov") == 1);
  CHECK(items("Алексей") == 1);  // the English item's "Alexei", read with ks
  CHECK(items("Xenia") == 1);    // the Russian item's "Ксения", read with x
  CHECK(items("Navalny") == 1);
  CHECK(items("Навальный") == 1);
  // Through the searcher: each script's spelling finds the other's item.
  Analyzer analyzer(test::stopwords_dir());
  const Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  IndexPool pool(config.live_path);
  Searcher searcher(pool, analyzer, gazetteers, RankingSettings{});
  for (const auto& [query, id] : std::vector<std::pair<std::string, std::string>>{
           {"Алексей", "en-1"}, {"Xenia", "ru-1"}, {"Miralizoda", "ru-1"}}) {
    SearchRequest request;
    request.query = query;
    const SearchResult result = searcher.search(request);
    CAPTURE(query);
    REQUIRE(result.total == 1);
    CHECK(result.hits.front().id == id);
  }
}
