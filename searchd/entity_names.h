// Which words of a query name a country or an organization of the gazetteers, in any case form.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"

namespace caravan {

// The names, labels, adjectives and acronyms of both gazetteers, matched against normalized
// query words as the indexer's EntityExtractor matches text, without its capital-letter rules
// (queries are typed in any case): a query word matches a name's word when they are equal,
// have the same stem under the stemmer of the name's language ("Киргизии" = "Киргизия"), or
// the query word is the name's word plus at most three letters and that word has at least four
// ("Туркменистане" = "Туркменистан", which the Russian stemmer leaves apart). Acronyms match
// only whole and as written (normalized). Built once; find() is const and makes its own
// stemmers, so one object serves every thread.
class EntityNames {
 public:
  EntityNames(const Gazetteers& gazetteers, const Analyzer& analyzer);

  struct Span {
    size_t start = 0, length = 0;
    std::vector<std::string> terms;  // the facet terms of the entities named: "XC:TM", "XO:UNODC"
  };

  // The longest names among the words, left to right, never overlapping.
  std::vector<Span> find(const std::vector<std::string>& words) const;

 private:
  struct Pattern {
    std::vector<std::string> norms, stems;  // stems empty for acronyms
    std::string family;                    // the stemmer's language; "" for acronyms
    std::string term;
  };
  struct Stemmed;  // a query's words stemmed per family, made per find()

  void add(const Gazetteer& gazetteer, std::string_view prefix, const Analyzer& analyzer);
  size_t match_length(const Pattern& pattern, const std::vector<std::string>& words, size_t at, Stemmed& stemmed) const;

  const Analyzer& analyzer_;
  std::vector<Pattern> patterns_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_norm_;  // normalized first word
  std::unordered_map<std::string, std::vector<size_t>> by_first_stem_;  // family + '\t' + first stem
  std::vector<std::string> families_;
};

}  // namespace caravan
