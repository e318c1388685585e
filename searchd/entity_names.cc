// Country and organization names in query words (for entity expansion at query time).
#include "searchd/entity_names.h"

#include <algorithm>
#include <map>

#include "core/languages.h"
#include "core/normalize.h"
#include "core/schema.h"
#include "core/terms.h"

namespace caravan {
namespace {

constexpr size_t kMaxEndingLetters = 3;
constexpr size_t kMinPrefixLetters = 4;

// The family (stemmer language) of a name: its own language when that has a stemmer and
// the name's script, else the main language of the script.
std::string family_of(const Alias& alias, const std::string& script) {
  const LanguageInfo* info = find_language(alias.lang);
  if (info && info->script == script && info->stemmer != StemmerSource::kNone) return std::string(info->code);
  if (script == "Cyrillic") return "ru";
  if (script == "Latin") return "en";
  return "";
}


bool adds_an_ending(const std::string& word, const std::string& name_word) {
  return word.size() > name_word.size() && word.starts_with(name_word) &&
         code_point_count(name_word) >= kMinPrefixLetters &&
         code_point_count(word) - code_point_count(name_word) <= kMaxEndingLetters;
}

}  // namespace

struct EntityNames::Stemmed {
  const Analyzer& analyzer;
  const std::vector<std::string>& words;
  std::map<std::string, Xapian::Stem> stemmers;
  std::map<std::pair<std::string, size_t>, std::string> stems;

  const std::string& stem(const std::string& family, size_t word) {
    auto found = stems.find({family, word});
    if (found != stems.end()) return found->second;
    auto stemmer = stemmers.try_emplace(family, analyzer.make_stemmer(family)).first;
    return stems[{family, word}] = stemmer->second(words[word]);
  }
};

EntityNames::EntityNames(const Gazetteers& gazetteers, const Analyzer& analyzer) : analyzer_(analyzer) {
  add(gazetteers.countries, schema::kPrefixCountry, analyzer);
  add(gazetteers.organizations, schema::kPrefixOrg, analyzer);
  std::sort(families_.begin(), families_.end());
  families_.erase(std::unique(families_.begin(), families_.end()), families_.end());
}

void EntityNames::add(const Gazetteer& gazetteer, std::string_view prefix, const Analyzer& analyzer) {
  TermSplitter splitter;
  std::map<std::string, Xapian::Stem> stemmers;
  for (const auto& alias : gazetteer.aliases()) {
    if (alias.kind == AliasKind::kSuffix || alias.kind == AliasKind::kSubBody) continue;
    Pattern pattern;
    pattern.norms = splitter.split(normalize_text(alias.text));
    if (pattern.norms.empty()) continue;
    pattern.term = std::string(prefix) + alias.value;
    if (alias.kind != AliasKind::kAcronym) pattern.family = family_of(alias, word_script(pattern.norms.front()));
    if (!pattern.family.empty()) {
      auto stemmer = stemmers.try_emplace(pattern.family, analyzer.make_stemmer(pattern.family)).first;
      for (const auto& word : pattern.norms) pattern.stems.push_back(stemmer->second(word));
      by_first_stem_[pattern.family + '\t' + pattern.stems.front()].push_back(patterns_.size());
      families_.push_back(pattern.family);
    }
    by_first_norm_[pattern.norms.front()].push_back(patterns_.size());
    patterns_.push_back(std::move(pattern));
  }
}

size_t EntityNames::match_length(const Pattern& pattern, const std::vector<std::string>& words, size_t at,
                                 Stemmed& stemmed) const {
  if (at + pattern.norms.size() > words.size()) return 0;
  for (size_t k = 0; k < pattern.norms.size(); ++k) {
    const std::string& word = words[at + k];
    if (word == pattern.norms[k]) continue;
    if (pattern.family.empty()) return 0;  // an acronym: as written
    if (adds_an_ending(word, pattern.norms[k])) continue;
    const std::string& stem = stemmed.stem(pattern.family, at + k);
    if (stem.empty() || stem != pattern.stems[k]) return 0;
  }
  return pattern.norms.size();
}

std::vector<EntityNames::Span> EntityNames::find(const std::vector<std::string>& words) const {
  Stemmed stemmed{analyzer_, words, {}, {}};
  std::vector<Span> spans;
  for (size_t at = 0; at < words.size();) {
    std::vector<size_t> candidates;
    const auto add_candidates = [&](const auto& map, const std::string& key) {
      if (auto it = map.find(key); it != map.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    add_candidates(by_first_norm_, words[at]);
    for (size_t n = 1; n <= kMaxEndingLetters; ++n)
      if (const std::string shorter = without_last_letters(words[at], n); code_point_count(shorter) >= kMinPrefixLetters)
        add_candidates(by_first_norm_, shorter);
    const std::string script = word_script(words[at]);
    for (const auto& family : families_)
      if (find_language(family) && find_language(family)->script == script)
        add_candidates(by_first_stem_, family + '\t' + stemmed.stem(family, at));
    Span span;
    span.start = at;
    for (size_t index : candidates) {
      const size_t length = match_length(patterns_[index], words, at, stemmed);
      if (length == 0 || length < span.length) continue;
      if (length > span.length) span.terms.clear();
      span.length = length;
      span.terms.push_back(patterns_[index].term);
    }
    if (span.length == 0) { ++at; continue; }
    std::sort(span.terms.begin(), span.terms.end());
    span.terms.erase(std::unique(span.terms.begin(), span.terms.end()), span.terms.end());
    at += span.length;
    spans.push_back(std::move(span));
  }
  return spans;
}

}  // namespace caravan
