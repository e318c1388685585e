// "Did you mean": a query with its misspelled plain words replaced from the index's spelling table.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/terms.h"

namespace caravan {

// Each plain word of the query (not inside a phrase, negated, a field, a wildcard or an operator;
// at least 3 letters, no digits) that has a spelling suggestion (edit distance <= 2, the most
// frequent) is replaced by it; everything else is kept as typed. A word is never corrected when
// it is a stopword of any language, a word of a gazetteer name (a country or organization in any
// language), or a word the index knows well (in at least kWellKnownItems items and 1 in
// kWellKnownShare of them); a word the index has at all is kept unless its suggestion is 10 times
// as common; a stopword is never offered. The indexer records the words of titles
// (indexer/document_builder.cc). Built once at start; read-only afterwards, so shared by threads.
class SpellingCorrector {
 public:
  SpellingCorrector(const Analyzer& analyzer, const Gazetteers& gazetteers);

  // The corrected query, or nullopt when nothing changed.
  std::optional<std::string> correct(const Xapian::Database& db, std::string_view user_query) const;

 private:
  bool is_stopword(const std::string& word) const;
  std::string suggestion_for(const Xapian::Database& db, const std::string& term) const;
  std::string corrected_token(const Xapian::Database& db, TermSplitter& splitter, std::string_view token) const;

  const Analyzer& analyzer_;
  std::unordered_set<std::string> name_words_;  // every word of every gazetteer alias, normalized
};

}  // namespace caravan
