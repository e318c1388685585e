// Marks in a snippet what matched without being written as in the query: organization names
// reached through synonyms ("CARICC" -> "ЦАРИКЦ") and names in the other script.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/gazetteer.h"
#include "core/transliteration.h"
#include "searchd/query_builder.h"

namespace caravan {

// Built per request from the parsed query; not thread-safe (one per request: it caches), reads
// the shared gazetteer and skeleton maker only.
class ExtraHighlights {
 public:
  ExtraHighlights(const ParsedQuery& parsed, const Gazetteer& organizations, const NameSkeleton& skeleton);

  bool empty() const { return names_.empty() && skeletons_.empty(); }

  // html is MSet::snippet's output (escaped text, <mark>...</mark> around the query's matches).
  // Also marks, outside the existing marks, every name of the query's organizations (each word
  // as written or inflected: "Управлением ООН") and every capitalized word whose cross-script
  // skeleton, or that of its stem under stemmer, is one of the query's.
  std::string mark(const std::string& html, const Xapian::Stem& stemmer) const;

  // For a hit whose snippet has no mark (it matched only through a synonym or the other script,
  // which MSet::snippet cannot see): about `length` bytes of html around the first word mark()
  // would mark, cut at spaces, with "…" where cut, marked; "" when there is none.
  std::string window(const std::string& html, size_t length, const Xapian::Stem& stemmer) const;

 private:
  struct Word {
    size_t begin, end;  // bytes in the html
    bool capitalized;
    bool marked;        // inside an existing <mark>
  };
  static std::vector<Word> words_of(const std::string& html);
  // The normalized words of html, made only when an organization name is to be looked for.
  std::vector<std::string> normalized_words(const std::string& html, const std::vector<Word>& words) const;
  size_t name_length_at(const std::vector<Word>& words, const std::vector<std::string>& normalized, size_t at) const;
  // The byte ranges mark() marks, in order.
  std::vector<std::pair<size_t, size_t>> spans_of(const std::string& html, const std::vector<Word>& words,
                                                  const Xapian::Stem& stemmer, size_t max_spans) const;
  // Whether a capitalized word of another script than the query's has a query skeleton (its
  // own or its stem's); cached for the request, as the same names recur in every hit.
  bool skeleton_matches(const std::string& word, const Xapian::Stem& stemmer) const;

  std::vector<std::vector<std::string>> names_;  // normalized words of each organization name
  std::set<std::string> skeletons_;
  std::set<std::string> skeleton_scripts_;
  const NameSkeleton& skeleton_;
  mutable std::unordered_map<std::string, bool> skeleton_match_;  // by word as written
};

}  // namespace caravan
