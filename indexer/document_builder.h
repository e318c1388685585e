// Turns a news item into a Xapian document: analysis, extraction of missing facets, terms, values.
#pragma once

#include <xapian.h>

#include <map>
#include <unordered_map>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/news_item.h"
#include "core/schema.h"
#include "core/transliteration.h"
#include "indexer/entity_extractor.h"

namespace caravan {

struct BuildOptions {
  bool add_extracted = false;  // also add extracted countries/organizations to the given ones
  // The latest publication date believed ("YYYY-MM-DD"); empty: tomorrow (UTC) at start.
  std::string latest_date;
  // Within-document frequency of a title word (body words: 1); changed only to measure it
  // (make eval-ranking).
  unsigned title_weight = schema::kTitleWdfInc;
};

// Not thread-safe (it owns stemmers and extractors): one builder per indexing thread.
class DocumentBuilder {
 public:
  DocumentBuilder(const Analyzer& analyzer, const Gazetteers& gazetteers, BuildOptions options);

  // Fills what the item lacks (language, date, countries, organizations; input values win) and
  // returns its document: id term, title and body terms with positions (stemmed with the item's
  // language), cross-script skeletons of capitalized words (names), language/date/country/
  // organization filter terms and values, display data.
  Xapian::Document build(NewsItem& item);

  // The completion step alone (used by extraction evaluation).
  void complete(NewsItem& item);

 private:
  void complete_facets(NewsItem& item, const std::string& text, const std::vector<WordToken>& words);
  void index_text(Xapian::Document& doc, const NewsItem& item);
  void add_name_skeletons(Xapian::Document& doc, const std::vector<WordToken>& words, const std::string& lang,
                          Xapian::Stem& stemmer);
  const std::vector<std::string>& skeletons_of(const std::string& word);
  Xapian::Stem& stemmer_for(const std::string& lang);

  const Analyzer& analyzer_;
  BuildOptions options_;
  EntityExtractor countries_;
  EntityExtractor organizations_;
  std::map<std::string, Xapian::Stem> stemmers_;
  Xapian::TermGenerator term_generator_;
  NameSkeleton skeleton_;
  std::unordered_map<std::string, std::vector<std::string>> skeleton_cache_;
};

// The canonical tag for a declared language: "EN" -> "en", "uz-Latn" -> "uz", "uz-Cyrl" stays;
// an unknown tag keeps its lower-cased base language.
std::string canonical_language(std::string_view declared);

// Records the words of a built document's title in db's spelling table, for searchd's "did you
// mean": each word as often as the title has it (its S term's wdf), as TermGenerator's
// FLAG_SPELLING would, but on the thread that writes db rather than the one that analyses.
void record_title_spelling(Xapian::WritableDatabase& db, const Xapian::Document& doc);

}  // namespace caravan
