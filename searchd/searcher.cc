// Running a search: query, filters, ranking, hits with snippets, facets.
#include "searchd/searcher.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>

#include "core/labels.h"
#include "core/normalize.h"
#include "core/schema.h"
#include "core/stored_item.h"
#include "searchd/api_error.h"
#include "searchd/document_fetch.h"
#include "searchd/escaping.h"
#include "searchd/facet_counter.h"
#include "searchd/highlights.h"
#include "searchd/query_builder.h"
#include "searchd/recency_source.h"
#include "searchd/related_items.h"
#include "searchd/snippets.h"
#include "searchd/spelling.h"

namespace caravan {
namespace {

constexpr size_t kSnippetLength = 240;
// Queries with more concepts than this are not coordinated (Searcher::first_match).
constexpr unsigned kMostCoordinatedConcepts = 5;
// Snippets are looked for in the first 64 KiB of a body only: MSet::snippet reads every word it
// is given, and a 50 MB body took seconds per query (the indexer now cuts bodies at 256 KiB).
constexpr size_t kSnippetScanBytes = 64 * 1024;
// Each wildcard word scans the index's words that begin with it: more than this many in one
// query is refused before any work (a 400 "query_too_expensive").
constexpr unsigned kMaxWildcards = 8;

std::vector<std::string> index_languages(const Xapian::Database& db) {
  std::vector<std::string> languages;
  const std::string prefix(schema::kPrefixLang);
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it)
    languages.push_back((*it).substr(prefix.size()));
  return languages;
}

std::string compact_date(const std::string& iso) { return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2); }

Xapian::Query with_date_range(const Xapian::Query& query, const std::string& from, const std::string& to) {
  Xapian::Query range;
  if (!from.empty() && !to.empty())
    range = Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, compact_date(from), compact_date(to));
  else if (!from.empty())
    range = Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kSlotDate, compact_date(from));
  else if (!to.empty())
    range = Xapian::Query(Xapian::Query::OP_VALUE_LE, schema::kSlotDate, compact_date(to));
  else
    return query;
  return Xapian::Query(Xapian::Query::OP_FILTER, query, range);
}

// A hit from its document's stored record; the body only when it is wanted (snippets, /doc).
Hit hit_from_data(const std::string& data, bool with_body) {
  Hit hit;
  try {
    NewsItem item = decode_stored_item(data, with_body);
    hit.id = std::move(item.id);
    hit.url = std::move(item.url);
    hit.title = std::move(item.title);
    hit.date = std::move(item.date);
    hit.lang = std::move(item.lang);
    hit.body = std::move(item.body);
    hit.countries = std::move(item.countries);
    hit.organizations = std::move(item.organizations);
  } catch (const std::invalid_argument&) {
    // A corrupt record shows as an empty hit, as a corrupt JSON object did, rather than failing the page.
  }
  return hit;
}

// Merges the filters and dates a request gives as parameters with those typed in the query.
void merge_query_fields(const ParsedQuery& parsed, FacetFilters& filters, std::string& from, std::string& to) {
  for (const auto& [facet, values] : parsed.filters) filters[facet].insert(values.begin(), values.end());
  if (!parsed.from.empty() && (from.empty() || parsed.from > from)) from = parsed.from;
  if (!parsed.to.empty() && (to.empty() || parsed.to < to)) to = parsed.to;
}

// The newest modification time of the index: its stub file, or the files of its directory
// (a commit rewrites some of them, a rebuild makes a new directory).
std::time_t index_modified(const std::filesystem::path& live_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  const fs::path path = fs::canonical(live_path, error);
  if (error) return 0;
  fs::file_time_type newest = fs::last_write_time(path, error);
  if (error) return 0;
  if (fs::is_directory(path, error))
    for (const auto& entry : fs::directory_iterator(path, error))
      if (entry.is_regular_file(error)) newest = std::max(newest, entry.last_write_time(error));
  return std::chrono::system_clock::to_time_t(std::chrono::file_clock::to_sys(newest));
}

bool chronological(const std::string& facet) { return facet == "year" || facet == "month"; }

}  // namespace

Searcher::Searcher(IndexPool& pool, const Analyzer& analyzer, const Gazetteers& gazetteers, RankingSettings ranking)
    : pool_(pool),
      analyzer_(analyzer),
      gazetteers_(gazetteers),
      ranking_(ranking),
      entity_names_(gazetteers, analyzer),
      spelling_(analyzer, gazetteers) {}

std::string Searcher::label(const std::string& facet, const std::string& value, const std::string& ui_lang) const {
  if (facet == "country") return gazetteers_.countries.label(value, ui_lang);
  if (facet == "organization") return gazetteers_.organizations.short_label(value, ui_lang);
  if (facet == "lang") return labels_.language(value, ui_lang);
  if (facet == "month") return labels_.month(value, ui_lang);
  return value;
}

namespace {

std::vector<FacetValue> facet_values(const Searcher& searcher, const std::string& facet,
                                     const std::map<std::string, Xapian::doccount>& counts,
                                     const std::set<std::string>& selected, const SearchRequest& request) {
  std::vector<FacetValue> values;
  for (const auto& [value, count] : counts)
    values.push_back({value, "", count, selected.count(value) > 0});
  if (chronological(facet)) {
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  } else {
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
      return a.count != b.count ? a.count > b.count : a.value < b.value;
    });
    if (values.size() > static_cast<size_t>(request.facet_size)) {
      std::vector<FacetValue> kept(values.begin(), values.begin() + request.facet_size);
      for (auto it = values.begin() + request.facet_size; it != values.end(); ++it)
        if (it->selected) kept.push_back(*it);
      values = std::move(kept);
    }
  }
  for (const auto& value : selected)
    if (!counts.count(value)) values.push_back({value, "", 0, true});
  for (auto& value : values) value.label = searcher.label(facet, value.value, request.ui_lang);
  return values;
}

}  // namespace

// The recency boost: RecencySource reading the day column of db's revision (or, while another
// request loads it, the value stream), or for remote shards the same weights from a stock source.
Xapian::Query Searcher::recency_query(const Xapian::Database& db, bool remote) const {
  return caravan::recency_query(db, schema::kSlotDayNumber, ranking_.recency_weight, ranking_.recency_half_life_days,
                                remote, remote ? nullptr : facet_columns_.get(db));
}

// One match of a text query under the request's filters: the page of hits and the facet counts;
// `boost` (recency_query, empty for none) weighs in unless the request sorts by date.
Searcher::Match Searcher::match(Xapian::Database& db, const Xapian::Query& text, const FacetFilters& filters,
                                const std::string& from, const std::string& to, const SearchRequest& request,
                                const TimeBudget& budget, bool remote, const Xapian::Query& boost) const {
  const Xapian::Query base = with_date_range(text, from, to);
  Xapian::Query query = filtered_query(base, filters);
  Xapian::Enquire enquire(db);
  if (request.sort == SortOrder::kDate) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  } else if (!boost.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, boost);
  }
  enquire.set_query(query);
  const Xapian::doccount all = db.get_doccount();
  FacetCounter counter(request.facets, filters, facet_columns_.get(db));
  // Xapian 1.4's remote backend counts some of the page's hits twice in match spies when the
  // match is sorted by value: there the facets are counted by a match of no hits instead.
  const bool count_apart = remote && request.sort == SortOrder::kDate;
  if (!count_apart) counter.attach(enquire);
  const Xapian::doccount check_at_least = budget.check_at_least(all);
  Match result{enquire.get_mset(static_cast<Xapian::doccount>((request.page - 1) * request.size),
                                static_cast<Xapian::doccount>(request.size), check_at_least, nullptr, budget.decider()),
               {}};
  if (count_apart) {
    Xapian::Enquire counting(db);
    counting.set_query(query);
    counter.attach(counting);
    counting.get_mset(0, 0, check_at_least);
  }
  result.exact = check_at_least == all && !budget.cut() &&
                 result.mset.get_matches_lower_bound() == result.mset.get_matches_upper_bound();
  result.exact = counter.count_selected(enquire, base, all, budget) && result.exact;
  result.counts = counter.counts();
  return result;
}

// A spelling correction of the query, offered only when it finds more items with all its words.
std::optional<std::string> Searcher::correction(Xapian::Database& db, const std::string& query, Xapian::doccount matches,
                                                const FacetFilters& filters, const std::string& from,
                                                const std::string& to, const TimeBudget& budget) const {
  auto corrected = spelling_.correct(db, query);
  if (!corrected) return std::nullopt;
  QueryBuilder builder(analyzer_, index_languages(db), ranking_.cross_script ? &skeleton_ : nullptr, &db,
                       &entity_names_, false);
  Xapian::Enquire enquire(db);
  enquire.set_query(filtered_query(with_date_range(builder.parse(*corrected).text, from, to), filters));
  if (enquire.get_mset(0, 0, db.get_doccount(), nullptr, budget.decider()).get_matches_estimated() <= matches) return std::nullopt;
  return corrected;
}

// The items with every word first; when fewer than kRelaxBelow have them all, the items with
// any of them (`relaxed`). With coordination the words are concepts (with their variants and
// the entities they name), each adding a bonus (coordinated_query), so in the fallback items
// with more of them rank higher; without it plain words under BM25. Past the time budget the
// first answer stands. `all_words`: how many items the first match found.
Searcher::Match Searcher::first_match(Xapian::Database& db, const ParsedQuery& parsed, const FacetFilters& filters,
                                      const std::string& from, const std::string& to, const SearchRequest& request,
                                      const TimeBudget& budget, bool remote, Xapian::doccount& all_words,
                                      bool& relaxed) const {
  const bool coordinated = ranking_.coordination && !parsed.concepts.empty();
  // Keyword queries only: on sentence-long queries (the test collections', 11 to 80 words) every
  // bonus tried ranked below plain BM25 (make eval-ranking), so there the concepts weigh BM25 alone.
  const bool keywords = parsed.concepts.size() <= kMostCoordinatedConcepts;
  const double bonus = keywords ? coordination_bonus(ranking_.coordination_bonus, db.get_doccount()) : 0;
  // Built once for both matches (it reads the index's dates: undated_boost); each match clones its source.
  const Xapian::Query boost =
      request.sort != SortOrder::kDate && ranking_.recency_weight > 0 ? recency_query(db, remote) : Xapian::Query();
  Match found = match(db, coordinated ? coordinated_query(parsed, Xapian::Query::OP_AND, 0) : parsed.text, filters,
                      from, to, request, budget, remote, boost);
  all_words = found.mset.get_matches_estimated();
  const bool several = coordinated ? parsed.concepts.size() > 1 : parsed.content_words > 1;
  if (!request.relax || !several || all_words >= kRelaxBelow || budget.spent()) return found;
  Match more = match(db, coordinated ? coordinated_query(parsed, Xapian::Query::OP_OR, bonus) : parsed.relaxed, filters,
                     from, to, request, budget, remote, boost);
  if (more.mset.get_matches_estimated() <= all_words) return found;
  relaxed = true;
  return more;
}

SearchResult Searcher::search(const SearchRequest& request) {
  const auto started = std::chrono::steady_clock::now();
  return pool_.with_lease([&](IndexPool::Lease& lease) { return search_on(lease, request, started); });
}

SearchResult Searcher::search_on(IndexPool::Lease& lease, const SearchRequest& request,
                                 std::chrono::steady_clock::time_point started) const {
  const TimeBudget budget(ranking_.time_budget_ms, started, !lease.remote());
  Xapian::Database& db = lease.db();
  QueryBuilder builder(analyzer_, index_languages(db), ranking_.cross_script ? &skeleton_ : nullptr, &db,
                       &entity_names_, ranking_.entity_expansion);
  const ParsedQuery parsed = builder.parse(request.query);
  if (parsed.wildcards > kMaxWildcards)
    throw ApiError(ErrorCode::kTooExpensive, "the query has " + std::to_string(parsed.wildcards) +
                                                 " wildcard words; at most " + std::to_string(kMaxWildcards) + " are allowed");
  FacetFilters filters = request.filters;
  std::string from = request.from, to = request.to;
  merge_query_fields(parsed, filters, from, to);

  SearchResult result;
  result.missing_shards = lease.missing();
  Xapian::doccount all_words = 0;
  Match found = first_match(db, parsed, filters, from, to, request, budget, lease.remote(), all_words, result.relaxed);
  if (request.spell && parsed.has_text && all_words < kRelaxBelow && !budget.spent())
    result.corrected = correction(db, request.query, all_words, filters, from, to, budget);
  const Xapian::MSet& mset = found.mset;
  result.query = request.query;
  result.total = mset.get_matches_estimated();
  result.exact = found.exact;
  result.page = request.page;
  result.size = request.size;
  std::map<std::string, Xapian::Stem> stemmers;
  const ExtraHighlights extra(parsed, gazetteers_.organizations, skeleton_);
  const SnippetMaker snippets(parsed);
  // The page's stored documents, from remote shards one thread per shard (document_fetch.h).
  const std::vector<std::string> documents = document_data(mset, lease.parts(), lease.remote());
  size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++rank) {
    Hit hit = hit_from_data(documents[rank], request.snippets);
    if (request.snippets) {
      auto stemmer = stemmers.try_emplace(hit.lang, analyzer_.make_stemmer(hit.lang)).first;
      // Not MSet::snippet: it stems every word of the body (a third of searchd's CPU on the
      // default request); SnippetMaker stems only the words that may match.
      hit.snippet = snippets.snippet(utf8_prefix(hit.body, kSnippetScanBytes), kSnippetLength, stemmer->second);
      hit.title_html = snippets.marked(hit.title, stemmer->second);
      if (!extra.empty()) {
        hit.snippet = extra.mark(hit.snippet, stemmer->second);
        hit.title_html = extra.mark(hit.title_html, stemmer->second);
        const bool marked = hit.snippet.find("<mark>") != std::string::npos || hit.title_html.find("<mark>") != std::string::npos;
        if (!marked) {
          const std::string around = extra.window(html_escaped(utf8_prefix(hit.body, kSnippetScanBytes)), kSnippetLength,
                                                  stemmer->second);
          if (!around.empty()) hit.snippet = around;
        }
      }
    } else {
      hit.title_html = html_escaped(hit.title);
    }
    hit.score = it.get_weight();
    hit.body.clear();
    result.hits.push_back(std::move(hit));
  }
  for (const auto& facet : request.facets) {
    auto selected = filters.find(facet);
    const std::set<std::string> none;
    auto counted = found.counts.find(facet);
    result.facets.push_back({facet, facet_values(*this, facet, counted == found.counts.end() ? decltype(counted->second){} : counted->second,
                                                 selected == filters.end() ? none : selected->second, request)});
  }
  result.took_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  return result;
}

namespace {

std::optional<Xapian::docid> docid_of(Xapian::Database& db, const std::string& id) {
  const std::string term = schema::id_term(id);
  Xapian::PostingIterator posting = db.postlist_begin(term);
  if (posting == db.postlist_end(term)) return std::nullopt;
  return *posting;
}

}  // namespace

std::optional<Hit> Searcher::document(const std::string& id) {
  return pool_.with_lease([&](IndexPool::Lease& lease) -> std::optional<Hit> {
    Xapian::Database& db = lease.db();
    const auto docid = docid_of(db, id);
    if (!docid) return std::nullopt;
    return hit_from_data(db.get_document(*docid).get_data(), true);
  });
}

std::optional<DocumentView> Searcher::document_view(const std::string& id, unsigned related) {
  return pool_.with_lease([&](IndexPool::Lease& lease) -> std::optional<DocumentView> {
    Xapian::Database& db = lease.db();
    const auto docid = docid_of(db, id);
    if (!docid) return std::nullopt;
    DocumentView view{hit_from_data(db.get_document(*docid).get_data(), true), {}};
    RelatedSettings settings;
    settings.items = related;
    const bool stemmed = !analyzer_.make_stemmer(view.document.lang).is_none();
    const Xapian::MSet similar = related_items(db, *docid, stemmed, lease.remote(), settings);
    const std::vector<std::string> documents = document_data(similar, lease.parts(), lease.remote());
    size_t rank = 0;
    for (auto it = similar.begin(); it != similar.end(); ++it, ++rank) {
      Hit hit = hit_from_data(documents[rank], false);
      hit.body.clear();
      hit.title_html = html_escaped(hit.title);
      hit.score = it.get_weight();
      view.related.push_back(std::move(hit));
    }
    return view;
  });
}

IndexStats Searcher::stats() {
  return pool_.with_lease([&](IndexPool::Lease& lease) { return stats_on(lease); });
}

IndexStats Searcher::stats_on(IndexPool::Lease& lease) const {
  Xapian::Database& db = lease.db();
  IndexStats stats;
  stats.documents = db.get_doccount();
  stats.generation = lease.generation();
  stats.modified = index_modified(pool_.path());
  for (const auto& lang : index_languages(db))
    stats.languages.emplace_back(lang, db.get_termfreq(std::string(schema::kPrefixLang) + lang));
  return stats;
}

}  // namespace caravan
