// Snippets and marked titles from the query's terms, stemming only the words that may match.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "searchd/query_builder.h"

namespace caravan {

// What MSet::snippet made before, without stemming every word of every body: a word is stemmed
// only when it begins with the first letters of a query word or stem (it cannot match
// otherwise), so a hit costs a scan of its text plus a few stems. A word matches when its
// normalized form (core/normalize.h) is a query word, starts with a wildcard's prefix, or its
// stem under the hit's stemmer is a query stem ("Z" term); a quoted phrase matches where its
// words follow each other, and is marked as one. Built per request from the parsed query;
// read-only afterwards (no cache), so its const methods may run on any thread.
class SnippetMaker {
 public:
  explicit SnippetMaker(const ParsedQuery& parsed);

  // About `length` bytes of text (whole words): the window holding the most distinct query
  // concepts (ParsedQuery::concepts; ties: the earliest), from its first match on, or ending at
  // the end of the text when that is nearer; the beginning of the text when nothing matches.
  // HTML-escaped (& < >), matches in <mark>...</mark>, "…" where the window cuts a sentence
  // (as MSet::snippet: none at the start of the text or of a sentence, a sentence's final
  // punctuation kept). A text of at most `length` bytes is given whole.
  std::string snippet(std::string_view text, size_t length, const Xapian::Stem& stemmer) const;

  // The whole text, HTML-escaped, every match marked (titles).
  std::string marked(std::string_view text, const Xapian::Stem& stemmer) const;

  // A word of a text, split as TermGenerator splits.
  struct Token {
    size_t begin = 0, end = 0;  // bytes of the text
    bool initials = false;      // "U.N.": the dots are not part of the word
  };

 private:
  struct Phrase {
    std::vector<std::string> words;
    int group;
  };
  struct Found {
    struct Mark {
      size_t first, last;  // tokens; a phrase spans several
      int group;
      bool counted = false;  // in the window count
    };
    std::vector<Token> tokens;
    std::vector<Mark> marks;  // in text order
    bool to_end = false;      // tokens holds every word of the text
    size_t window = 0;        // the token where the best window starts
  };

  bool collect(const Xapian::Query& query, int group);
  void add_prefix(std::string_view term);
  bool is_candidate(std::string_view text, const Token& token) const;
  Found find(std::string_view text, size_t length, const Xapian::Stem& stemmer, bool whole) const;
  int concept_of(const std::string& normalized, const Xapian::Stem& stemmer) const;
  Found::Mark match_at(const std::vector<std::string>& normalized, const Xapian::Stem& stemmer) const;
  void append_marked(std::string& out, std::string_view text, const Found& found, size_t begin, size_t end) const;

  std::unordered_map<std::string, int> terms_;  // words and "Z" stems -> group
  std::vector<std::pair<std::string, int>> wildcards_;
  std::vector<Phrase> phrases_;
  std::vector<std::string> prefixes_;  // the first letters of every word, stem and wildcard, folded
  int groups_ = 0;
};

}  // namespace caravan
