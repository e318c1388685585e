// Building Xapian documents from news items.
#include "indexer/document_builder.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <set>

#include "core/langid.h"
#include "core/languages.h"
#include "core/normalize.h"
#include "core/schema.h"
#include "core/stored_item.h"
#include "indexer/date_extractor.h"
#include "indexer/readers/listing_reader.h"
#include "indexer/record_limits.h"
#include "indexer/word_tokens.h"

namespace caravan {
namespace {

std::string join_sorted(std::vector<std::string> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string joined;
  for (const auto& value : values) {
    if (!joined.empty()) joined += schema::kValueSetSeparator;
    joined += value;
  }
  return joined;
}

std::vector<std::string> merged(std::vector<std::string> given, const std::vector<std::string>& extracted) {
  given.insert(given.end(), extracted.begin(), extracted.end());
  std::sort(given.begin(), given.end());
  given.erase(std::unique(given.begin(), given.end()), given.end());
  return given;
}

double day_number(const std::string& iso_date) {
  const int year = std::stoi(iso_date.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(iso_date.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(iso_date.substr(8, 2)));
  const std::chrono::sys_days days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
  return static_cast<double>(days.time_since_epoch().count());
}

void add_facet_terms(Xapian::Document& doc, const NewsItem& item) {
  using namespace schema;
  doc.add_boolean_term(id_term(item.id));
  doc.add_boolean_term(std::string(kPrefixLang) + item.lang);
  doc.add_value(kSlotLang, item.lang);
  for (const auto& country : item.countries) doc.add_boolean_term(std::string(kPrefixCountry) + country);
  for (const auto& org : item.organizations) doc.add_boolean_term(std::string(kPrefixOrg) + org);
  doc.add_value(kSlotCountries, join_sorted(item.countries));
  doc.add_value(kSlotOrgs, join_sorted(item.organizations));
  if (item.date.empty()) return;
  const std::string year = item.date.substr(0, 4), month = item.date.substr(0, 7);
  doc.add_boolean_term(std::string(kPrefixYear) + year);
  doc.add_boolean_term(std::string(kPrefixMonth) + month);
  doc.add_boolean_term(std::string(kPrefixDay) + item.date);
  doc.add_value(kSlotDate, year + item.date.substr(5, 2) + item.date.substr(8, 2));
  doc.add_value(kSlotYear, year);
  doc.add_value(kSlotMonth, month);
  doc.add_value(kSlotDayNumber, Xapian::sortable_serialise(day_number(item.date)));
}

}  // namespace

std::string canonical_language(std::string_view declared) {
  if (declared.empty()) return "";
  if (const LanguageInfo* info = find_language(declared)) return std::string(info->code);
  std::string base = base_language(declared);
  std::transform(base.begin(), base.end(), base.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (const LanguageInfo* info = find_language(base)) return std::string(info->code);
  return base;
}

namespace {

// Tomorrow in UTC: an item written today anywhere on Earth is dated at most this day.
std::string tomorrow_utc() {
  const std::time_t later = std::time(nullptr) + 24 * 60 * 60;
  std::tm parts{};
  gmtime_r(&later, &parts);
  char buffer[16];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
  return buffer;
}

bool is_blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

// An untitled item's title: its first sentence, cut at a word to kMaxDerivedTitleBytes with "…".
constexpr std::size_t kMaxDerivedTitleBytes = 160;
std::string title_from_text(const std::string& body) {
  std::string title = first_sentence(body);
  if (truncate_text(title, kMaxDerivedTitleBytes)) {
    while (!title.empty() && (std::isspace(static_cast<unsigned char>(title.back())) || title.back() == ',')) title.pop_back();
    title += "\u2026";
  }
  return title;
}

BuildOptions with_latest_date(BuildOptions options) {
  if (options.latest_date.empty()) options.latest_date = tomorrow_utc();
  return options;
}

}  // namespace

DocumentBuilder::DocumentBuilder(const Analyzer& analyzer, const Gazetteers& gazetteers, BuildOptions options)
    : analyzer_(analyzer),
      options_(with_latest_date(std::move(options))),
      countries_(gazetteers.countries, analyzer),
      organizations_(gazetteers.organizations, analyzer) {}

Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& lang) {
  auto it = stemmers_.find(lang);
  if (it == stemmers_.end()) it = stemmers_.emplace(lang, analyzer_.make_stemmer(lang)).first;
  return it->second;
}

void DocumentBuilder::complete(NewsItem& item) {
  if (is_blank(item.title)) item.title = title_from_text(item.body);
  const std::string text = item.title + "\n\n" + item.body;
  complete_facets(item, text, split_words(text));
}

// What complete() does once the title is there; words: split_words(text), split once per item.
void DocumentBuilder::complete_facets(NewsItem& item, const std::string& text, const std::vector<WordToken>& words) {
  // Facet values become filter terms: one too long for Xapian would end the whole build.
  const auto too_long = [](const std::string& value) { return value.size() > schema::kMaxFacetValueBytes; };
  std::erase_if(item.countries, too_long);
  std::erase_if(item.organizations, too_long);
  item.lang = canonical_language(item.lang);
  if (too_long(item.lang)) item.lang.clear();
  if (item.lang.empty()) item.lang = identify_language(text).lang;
  if (item.lang.empty()) item.lang = "und";
  // The publication date: the input's, else the URL path's day, else the first date of the text
  // that can be one (the dateline comes first; placeholders, later days, "today" tickers and
  // "updated" stamps skipped), which beats a URL's month only when it falls in that month.
  if (item.date.empty()) item.date = choose_publication_date(item.url, text, options_.latest_date).value_or("");
  // The words naming countries qualify organization names ("Tojikiston Respublikasi Ichki ishlar
  // vazirligi" is not the Uzbek ministry an Uzbek text means by "Ichki ishlar vazirligi").
  const bool want_countries = item.countries.empty() || options_.add_extracted;
  const bool want_organizations = item.organizations.empty() || options_.add_extracted;
  EntityExtractor::WordMask country_words;
  if (want_countries || want_organizations) {
    auto countries = countries_.extract(words, item.lang, nullptr, &country_words);
    if (want_countries) item.countries = merged(item.countries, countries);
  }
  if (want_organizations)
    item.organizations = merged(item.organizations, organizations_.extract(words, item.lang, &country_words));
}

void record_title_spelling(Xapian::WritableDatabase& db, const Xapian::Document& doc) {
  const std::string prefix(schema::kPrefixTitle);
  auto term = doc.termlist_begin();
  for (term.skip_to(prefix); term != doc.termlist_end() && (*term).starts_with(prefix); ++term)
    db.add_spelling((*term).substr(prefix.size()), term.get_wdf());
}

void DocumentBuilder::index_text(Xapian::Document& doc, const NewsItem& item) {
  term_generator_.set_document(doc);
  term_generator_.set_stemmer(stemmer_for(item.lang));
  term_generator_.set_stopper(analyzer_.stopper(item.lang));
  term_generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  const std::string title = normalize_text(item.title);
  // Spelling data comes from titles only, the words people search for (record_title_spelling).
  term_generator_.index_text(title, options_.title_weight);
  term_generator_.index_text_without_positions(title, 1, std::string(schema::kPrefixTitle));
  term_generator_.increase_termpos();
  term_generator_.index_text(normalize_text(item.body));
  // The document goes to another thread: the generator must not keep a reference to it
  // (Xapian's reference counts are not atomic).
  term_generator_.set_document(Xapian::Document());
}

const std::vector<std::string>& DocumentBuilder::skeletons_of(const std::string& word) {
  constexpr size_t kCacheLimit = 100000;
  auto it = skeleton_cache_.find(word);
  if (it == skeleton_cache_.end()) {
    if (skeleton_cache_.size() > kCacheLimit) skeleton_cache_.clear();
    it = skeleton_cache_.emplace(word, skeleton_.variants(word)).first;
  }
  return it->second;
}

namespace {

// What the text says about its own words: the ones it capitalizes inside a sentence, and the
// stems of the ones it writes in lower case (the language's common words, as this text uses them).
struct TextVocabulary {
  std::set<std::string> capitalized_inside;
  std::set<std::string> lower_case_stems;
};

TextVocabulary vocabulary_of(const std::vector<WordToken>& words, Xapian::Stem& stemmer) {
  TextVocabulary vocabulary;
  for (const auto& word : words) {
    if (word.capitalized && !word.sentence_start) vocabulary.capitalized_inside.insert(word.normalized);
    if (!word.capitalized) vocabulary.lower_case_stems.insert(stemmer(word.normalized));
  }
  return vocabulary;
}

// A sentence's first word is capitalized whatever it is ("Данные", "Today"): it is taken for a
// name only when the text also capitalizes it inside a sentence, or when it is neither a stopword
// nor a word the text writes in lower case elsewhere (same stem).
bool looks_like_name(const WordToken& word, const TextVocabulary& vocabulary, const Analyzer& analyzer,
                     const std::string& lang, Xapian::Stem& stemmer) {
  if (!word.capitalized) return false;
  if (!word.sentence_start || vocabulary.capitalized_inside.contains(word.normalized)) return true;
  if (analyzer.is_stopword(lang, word.normalized)) return false;
  return !vocabulary.lower_case_stems.contains(stemmer(word.normalized));
}

}  // namespace

// Names are what crosses scripts ("Мирализода" / "Miralizoda"), so only names get skeleton terms
// (of the word and of its stem, so "в Ташкенте" meets "Tashkent", each in every reading
// NameSkeleton::variants gives): common words would collide across languages and flood queries.
void DocumentBuilder::add_name_skeletons(Xapian::Document& doc, const std::vector<WordToken>& words,
                                         const std::string& lang, Xapian::Stem& stemmer) {
  const std::string prefix(schema::kPrefixSkeleton);
  const TextVocabulary vocabulary = vocabulary_of(words, stemmer);
  for (const auto& word : words) {
    if (!looks_like_name(word, vocabulary, analyzer_, lang, stemmer)) continue;
    const auto& whole = skeletons_of(word.normalized);
    if (whole.empty()) continue;
    for (const auto& skeleton : whole) doc.add_term(prefix + skeleton);
    for (const auto& skeleton : skeletons_of(stemmer(word.normalized))) doc.add_term(prefix + skeleton);
  }
}

Xapian::Document DocumentBuilder::build(NewsItem& item) {
  if (is_blank(item.title)) item.title = title_from_text(item.body);
  const std::string text = item.title + "\n\n" + item.body;
  const std::vector<WordToken> words = split_words(text);  // for extraction and name skeletons
  complete_facets(item, text, words);
  Xapian::Document doc;
  index_text(doc, item);
  add_name_skeletons(doc, words, item.lang, stemmer_for(item.lang));
  add_facet_terms(doc, item);
  doc.set_data(encode_stored_item(item));
  return doc;
}

}  // namespace caravan
