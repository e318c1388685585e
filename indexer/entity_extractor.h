// Finds gazetteer entries (countries or organizations) named in running text.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "indexer/word_tokens.h"

namespace caravan {

// Matching rules: names, labels and adjectives match word by word, case-insensitively; a text
// word matches an alias word when both have the same stem under the stemmer of the alias's
// language ("Республике" = "Республика"), or when the text word is the alias word plus at most
// three letters and the alias word has at least four ("Казахстане" = "Казахстан", which the
// Russian stemmer leaves apart). Names and labels must start with a capital letter in the
// text, as must English adjectives. Acronyms ("WHO", "УНП ООН") match case-sensitively. Matches
// never start or end inside a word and never cross sentence punctuation; line breaks inside a
// name are fine; where matches overlap the longest wins. An acronym with a Turkic case ending
// ("ЕККУнун", "BMTning", "БҰҰ-ның": see split_words) matches as the acronym alone, also as
// the first word of a name ("BMTning Narkotiklar ... boshqarmasi"). Not thread-safe (stemmers hold
// state): one extractor per thread.
class EntityExtractor {
 public:
  EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer);

  // Sorted, unique values (country codes or organization ids) named in the text; lang, the
  // text's language, enables the kHome aliases of that language ("" : none).
  std::vector<std::string> extract(std::string_view text, const std::string& lang = "");

  // Which words an extraction tagged (one flag per word), and the words that qualify a kHome
  // name: right after one of them the name is another country's body.
  using WordMask = std::vector<bool>;

  // The same over the text's split_words, for callers that split it once for several uses.
  // qualifiers: the words another extractor tagged (the countries', for organizations), or
  // null; tagged, when given, receives the words this one tagged.
  std::vector<std::string> extract(const std::vector<WordToken>& words, const std::string& lang = "",
                                   const WordMask* qualifiers = nullptr, WordMask* tagged = nullptr);

 private:
  struct Pattern {
    std::vector<std::string> stems;  // acronyms: the words as written
    std::vector<std::string> norms;  // normalized words (empty for acronyms)
    std::string value;
    bool needs_capital;
    bool after_name = false;  // a kSuffix: only right after an acronym or a mid-sentence capital
    std::string home_lang;    // a kHome: only in a text of this language, not after a qualifier
  };
  // A family is one stemmer ("ru", "en", "kk", ...), or exact matching for acronyms.
  struct Family {
    Xapian::Stem stemmer;
    bool exact = false;
    std::string script;
    std::vector<Pattern> patterns;
    std::unordered_map<std::string, std::vector<size_t>> by_first_stem, by_first_norm, by_first_norm_any;
    std::unordered_map<std::string, std::string> stem_cache;  // normalized word -> stem
    std::unordered_set<std::string> norm_prefixes;  // first letters of the by_first_norm keys
    std::unordered_set<std::string> word_prefixes;  // first letters of every pattern word
    uint64_t bit = 0;                                // this family's bit in a WordKeys mask
  };
  struct Match {
    size_t start, length;
    const std::string* value;
  };

  void add_alias(const Alias& alias);
  Family& family_for(const Alias& alias, const std::vector<WordToken>& words);
  const std::string& stem_of(Family& family, const WordToken& word);
  bool word_matches(const Pattern& pattern, size_t k, const std::string& stem, const WordToken& word) const;
  size_t match_length(const Pattern& pattern, const std::vector<const std::string*>& stems,
                      const std::vector<WordToken>& words, size_t at) const;
  // Which families hold a word's keys, one bit each: its first kFilterLetters letters among
  // their word_prefixes, its first kMinPrefixLetters among their norm_prefixes, the word itself
  // among their by_first_stem keys (what a word of another script is looked up by). One lookup
  // per word in owners_ instead of one per family.
  struct WordKeys {
    uint64_t filter = 0, ending = 0, first_stem = 0;
  };
  struct KeyOwners {
    std::unordered_map<std::string, uint64_t> filter, ending, first_stem;
  };
  void index_key_owners();
  std::vector<WordKeys> keys_of(const std::vector<WordToken>& words) const;
  void find_in_family(Family& family, const std::vector<WordToken>& words, const std::vector<WordKeys>& keys,
                      std::vector<Match>& matches);
  void find_compound_parts(const std::vector<WordToken>& words, std::vector<Match>& matches);

  bool next_to_sub_body(const std::vector<WordToken>& words, const Match& match) const;

  bool is_common_word(const std::string& normalized) const;

  const Analyzer& analyzer_;
  std::string text_lang_;                 // of the extract() call under way
  const WordMask* qualifiers_ = nullptr;  // of the extract() call under way
  std::map<std::string, Family> families_;
  KeyOwners owners_;
  // kSubBody words by value: "UN" -> {"women", "фонд", ...} (normalized beginnings).
  std::unordered_map<std::string, std::vector<std::string>> sub_bodies_;
};

}  // namespace caravan
