// Word completion over allterms and facet-name completion over the gazetteers.
#include "searchd/suggester.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/normalize.h"
#include "core/schema.h"
#include "core/terms.h"
#include "searchd/api_error.h"

namespace caravan {
namespace {

constexpr size_t kMaxTermsScanned = 5000;
constexpr size_t kMinPrefixLetters = 2;
constexpr size_t kMaxFacetSuggestions = 2;  // of each kind
constexpr size_t kMaxFacetCandidates = 50;
constexpr size_t kMaxWordCandidates = 60;
// With a language filter, counts are exact up to this many items, estimated above.
constexpr Xapian::doccount kExactCountUpTo = 1000;

// The query as typed, split before its last word; query syntax that opens that word ("-", "+",
// a quote, a parenthesis) stays with what comes before it.
std::pair<std::string, std::string> split_last_word(const std::string& query) {
  const size_t space = query.find_last_of(" \t");
  size_t start = space == std::string::npos ? 0 : space + 1;
  while (start < query.size() && std::string_view("-+\"(").find(query[start]) != std::string_view::npos) ++start;
  return {query.substr(0, start), query.substr(start)};
}

// Documents with a term that also have the words typed before it and one of the requested
// languages (when there are any). Bounded: counts are exact only up to kExactCountUpTo.
class Counter {
 public:
  Counter(const Xapian::Database& db, const std::vector<std::string>& earlier_words, const std::vector<std::string>& langs)
      : db_(db) {
    std::vector<Xapian::Query> parts;
    for (const auto& word : earlier_words)
      if (db.term_exists(word)) parts.emplace_back(word);  // an unknown word would leave nothing to rank
    std::vector<Xapian::Query> lang_terms;
    for (const auto& lang : langs) lang_terms.emplace_back(std::string(schema::kPrefixLang) + lang);
    if (!lang_terms.empty()) parts.emplace_back(Xapian::Query::OP_OR, lang_terms.begin(), lang_terms.end());
    if (!parts.empty()) context_ = Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }

  Xapian::doccount operator()(const std::string& term, Xapian::doccount termfreq) const {
    if (context_.empty()) return termfreq;
    Xapian::Enquire enquire(db_);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), context_));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    return enquire.get_mset(0, 0, kExactCountUpTo).get_matches_estimated();
  }

 private:
  const Xapian::Database& db_;
  Xapian::Query context_;
};

// Completions of a normalized prefix among the unprefixed terms (title and body words), most
// documents first. Prefixed terms start with a capital letter, so they never come up.
std::vector<std::pair<Xapian::doccount, std::string>> completions(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxTermsScanned; ++it, ++scanned)
    found.emplace_back(it.get_termfreq(), *it);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  return found;
}

// Completions by how many items have them along with the context (the words typed before, the
// languages); only the kMaxWordCandidates most frequent ones overall are counted, and those
// without any such item are dropped.
void add_words(const Xapian::Database& db, const Counter& counter, const std::string& typed_before,
               const std::string& partial, size_t size, std::vector<Suggestion>& out) {
  std::vector<Suggestion> words;
  size_t counted = 0;
  for (const auto& [termfreq, word] : completions(db, partial)) {
    if (words.size() >= 3 * size || ++counted > kMaxWordCandidates) break;
    const Xapian::doccount count = counter(word, termfreq);
    if (count > 0) words.push_back({typed_before + word, "query", "", count});
  }
  std::stable_sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  for (auto& word : words) {
    if (out.size() >= size) return;
    out.push_back(std::move(word));
  }
}

// The terms of the plain words of typed text: no fields, exclusions, wildcards or operators.
std::vector<std::string> plain_terms(const std::string& typed) {
  TermSplitter splitter;
  std::vector<std::string> terms;
  size_t i = 0;
  while (i < typed.size()) {
    const size_t start = typed.find_first_not_of(" \t", i);
    if (start == std::string::npos) break;
    i = std::min(typed.find_first_of(" \t", start), typed.size());
    const std::string token = typed.substr(start, i - start);
    if (token.front() == '-' || token.find_first_of(":*") != std::string::npos) continue;
    if (token == "OR" || token == "AND" || token == "NOT") continue;
    for (auto& term : splitter.split(normalize_text(token))) terms.push_back(std::move(term));
  }
  return terms;
}

// Countries or organizations some item has, whose name starts with the prefix: those whose label
// in the UI language does first, then the most frequent.
void add_facet_values(const Counter& counter, const Xapian::Database& db, const Gazetteer& gazetteer, const char* kind,
                      const std::string& prefix, const std::string& term_prefix, const std::string& ui_lang,
                      std::vector<Suggestion>& out) {
  const bool organization = std::string_view(kind) == "organization";
  std::vector<std::pair<bool, Suggestion>> found;
  for (const auto& value : gazetteer.values_with_prefix(prefix)) {
    if (found.size() >= kMaxFacetCandidates) break;
    const std::string term = term_prefix + value;
    const Xapian::doccount count = counter(term, db.get_termfreq(term));
    if (count == 0) continue;
    const std::string label = organization ? gazetteer.short_label(value, ui_lang) : gazetteer.label(value, ui_lang);
    found.push_back({normalize_text(label).starts_with(prefix), {label, kind, value, count}});
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first : a.second.count > b.second.count;
  });
  for (size_t i = 0; i < found.size() && i < kMaxFacetSuggestions; ++i) out.push_back(std::move(found[i].second));
}

}  // namespace

SuggestRequest parse_suggest_request(const QueryParams& params) {
  SuggestRequest request;
  for (const auto& [name, value] : params) {
    if (name == "q") request.query = value;
    else if (name == "ui_lang") {
      if (value != "en" && value != "ru") throw ApiError(ErrorCode::kBadParameter, "'ui_lang' must be 'en' or 'ru'");
      request.ui_lang = value;
    } else if (name == "lang") {
      if (value.empty() || value.size() > 16) throw ApiError(ErrorCode::kBadParameter, "'lang' needs a language tag");
      request.langs.push_back(value);
    } else if (name == "size") {
      int size = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (error != std::errc() || end != value.data() + value.size() || size < 1 || size > 20)
        throw ApiError(ErrorCode::kBadParameter, "'size' must be a whole number between 1 and 20");
      request.size = size;
    }
  }
  if (request.query.find_first_not_of(" \t") == std::string::npos)
    throw ApiError(ErrorCode::kBadParameter, "'q' is required");
  if (request.query.size() > kMaxQueryBytes) throw ApiError(ErrorCode::kBadParameter, "'q' is longer than 1024 bytes");
  return request;
}

std::vector<Suggestion> Suggester::suggest(const SuggestRequest& request) {
  return pool_.with_lease([&](IndexPool::Lease& lease) { return suggest_on(lease.db(), request); });
}

std::vector<Suggestion> Suggester::suggest_on(const Xapian::Database& db, const SuggestRequest& request) const {
  const std::string whole = normalize_text(request.query);
  const auto [typed_before, last_word] = split_last_word(request.query);
  const std::string partial = normalize_text(last_word);
  std::vector<Suggestion> out;
  if (code_point_count(whole) >= kMinPrefixLetters) {
    const Counter counter(db, {}, request.langs);
    add_facet_values(counter, db, gazetteers_.countries, "country", whole, std::string(schema::kPrefixCountry),
                     request.ui_lang, out);
    add_facet_values(counter, db, gazetteers_.organizations, "organization", whole, std::string(schema::kPrefixOrg),
                     request.ui_lang, out);
  }
  const size_t size = static_cast<size_t>(request.size);
  const bool is_word = partial.find_first_of(":*\"()") == std::string::npos;
  if (is_word && code_point_count(partial) >= kMinPrefixLetters) {
    const Counter counter(db, plain_terms(typed_before), request.langs);
    add_words(db, counter, typed_before, partial, size, out);
  }
  if (out.size() > size) out.resize(size);
  return out;
}

}  // namespace caravan
