// Gazetteer matching on stems, short endings and exact acronyms over word tokens.
#include "indexer/entity_extractor.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/languages.h"

#include "core/normalize.h"

namespace caravan {
namespace {

constexpr size_t kStemCacheLimit = 200000;
constexpr size_t kMaxEndingLetters = 3;
constexpr size_t kMinPrefixLetters = 4;
// A text word is stemmed for a family only when its first letters begin some word of the
// family's names: most words of a text cannot match, and stemming them all dominated indexing.
constexpr size_t kFilterLetters = 3;
const std::string kNoStem = "\x01";

std::string default_family_of_script(const std::string& script) {
  if (script == "Cyrillic") return "ru";
  if (script == "Latin") return "en";
  return "";
}

// The first n letters of a word (UTF-8 aware), or the whole word when it is shorter.
std::string first_letters(const std::string& word, size_t n) {
  size_t end = 0;
  for (size_t count = 0; end < word.size() && count < n; ++count)
    do ++end; while (end < word.size() && (static_cast<unsigned char>(word[end]) & 0xC0) == 0x80);
  return word.substr(0, end);
}

// The adjective that a Russian compound prefix stands for: "афгано-" -> "афганский",
// "таджикско-" -> "таджикский" ("афгано-таджикской границы", "казахстанско-китайский").
// Russian joins the parts of a compound adjective with "-о-", so one rule covers every country
// adjective of the gazetteer without listing the prefix forms; "" for any other word.
std::string compound_adjective(const WordToken& word) {
  static const std::string o = "\u043e";
  if (!word.hyphen_after || word.script != "Cyrillic" || !word.normalized.ends_with(o)) return "";
  const std::string stem = word.normalized.substr(0, word.normalized.size() - o.size());
  if (code_point_count(stem) < 3) return "";  // "кто-то", "что-то"
  return stem + (stem.ends_with("\u0441\u043a") ? "\u0438\u0439" : "\u0441\u043a\u0438\u0439");
}

// A capitalized word right after a personal title, with at most one given name or initial
// between, is a surname ("Ms. Sarah Jordan", "Mr. Jordan", "госпожа Грузия"), not a country.
bool after_personal_title(const std::vector<WordToken>& words, size_t at) {
  static const std::set<std::string, std::less<>> titles = {
      "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "madam", "mme", "господин", "госпожа"};
  for (size_t back = 1; back <= 2 && back <= at; ++back) {
    if (titles.count(words[at - back].normalized)) return true;
    if (!words[at - back].capitalized) return false;
  }
  return false;
}

}  // namespace

EntityExtractor::EntityExtractor(const Gazetteer& gazetteer, const Analyzer& analyzer) : analyzer_(analyzer) {
  for (const auto& alias : gazetteer.aliases()) add_alias(alias);
  index_key_owners();
}

void EntityExtractor::index_key_owners() {
  if (families_.size() > 64) throw std::length_error("entity extractor: more than 64 stemmer families");
  uint64_t bit = 1;
  for (auto& [name, family] : families_) {
    family.bit = bit;
    bit <<= 1;
    for (const auto& prefix : family.word_prefixes) owners_.filter[prefix] |= family.bit;
    for (const auto& prefix : family.norm_prefixes) owners_.ending[prefix] |= family.bit;
    if (!family.exact)
      for (const auto& [stem, patterns] : family.by_first_stem) owners_.first_stem[stem] |= family.bit;
  }
}

std::vector<EntityExtractor::WordKeys> EntityExtractor::keys_of(const std::vector<WordToken>& words) const {
  const auto owners = [](const std::unordered_map<std::string, uint64_t>& index, const std::string& key) {
    const auto it = index.find(key);
    return it == index.end() ? uint64_t{0} : it->second;
  };
  std::vector<WordKeys> keys;
  keys.reserve(words.size());
  for (const auto& word : words)
    keys.push_back({owners(owners_.filter, first_letters(word.normalized, kFilterLetters)),
                    owners(owners_.ending, first_letters(word.normalized, kMinPrefixLetters)),
                    owners(owners_.first_stem, word.normalized)});
  return keys;
}

EntityExtractor::Family& EntityExtractor::family_for(const Alias& alias, const std::vector<WordToken>& words) {
  std::string name = "=";
  if (alias.kind != AliasKind::kAcronym && alias.kind != AliasKind::kSuffix) {
    const LanguageInfo* info = find_language(alias.lang);
    const std::string& script = words.front().script;
    const bool own = info && info->script == script && info->stemmer != StemmerSource::kNone;
    const std::string fallback = default_family_of_script(script);
    if (own || !fallback.empty()) name = own ? std::string(info->code) : fallback;
  }
  auto [it, inserted] = families_.try_emplace(name);
  if (inserted) {
    it->second.exact = name == "=";
    if (!it->second.exact) {
      it->second.stemmer = analyzer_.make_stemmer(name);
      it->second.script = std::string(find_language(name)->script);
    }
  }
  return it->second;
}

void EntityExtractor::add_alias(const Alias& alias) {
  if (alias.kind == AliasKind::kSubBody) {
    sub_bodies_[alias.value].push_back(normalize_text(alias.text));
    return;
  }
  const auto words = split_words(alias.text);
  if (words.empty()) return;
  Family& family = family_for(alias, words);
  Pattern pattern;
  pattern.value = alias.value;
  pattern.needs_capital = alias.kind == AliasKind::kLabel || alias.kind == AliasKind::kName || alias.kind == AliasKind::kHome ||
                          (alias.kind == AliasKind::kAdjective && alias.lang == "en");
  pattern.after_name = alias.kind == AliasKind::kSuffix;
  if (alias.kind == AliasKind::kHome) pattern.home_lang = alias.lang;
  for (const auto& word : words) {
    pattern.stems.push_back(stem_of(family, word));
    if (family.exact) continue;
    pattern.norms.push_back(word.normalized);
    family.word_prefixes.insert(first_letters(word.normalized, kFilterLetters));
    family.word_prefixes.insert(first_letters(pattern.stems.back(), kFilterLetters));
  }
  const size_t index = family.patterns.size();
  family.by_first_stem[pattern.stems.front()].push_back(index);
  if (!family.exact && code_point_count(pattern.norms.front()) >= kMinPrefixLetters) {
    family.by_first_norm[pattern.norms.front()].push_back(index);
    family.norm_prefixes.insert(first_letters(pattern.norms.front(), kMinPrefixLetters));
  }
  if (!family.exact) family.by_first_norm_any[pattern.norms.front()].push_back(index);
  family.patterns.push_back(std::move(pattern));
}

const std::string& EntityExtractor::stem_of(Family& family, const WordToken& word) {
  if (family.exact) return word.original;
  if (word.script != family.script) return word.normalized;
  auto it = family.stem_cache.find(word.normalized);
  if (it != family.stem_cache.end()) return it->second;
  return family.stem_cache[word.normalized] = family.stemmer(word.normalized);
}

bool EntityExtractor::word_matches(const Pattern& pattern, size_t k, const std::string& stem, const WordToken& word) const {
  if (stem == pattern.stems[k]) return true;
  if (pattern.norms.empty()) return !word.acronym.empty() && word.acronym == pattern.stems[k];
  const std::string& norm = pattern.norms[k];
  if (!word.acronym.empty() && word.acronym_normalized == norm) return true;
  return word.normalized.starts_with(norm) && code_point_count(norm) >= kMinPrefixLetters &&
         code_point_count(word.normalized) - code_point_count(norm) <= kMaxEndingLetters;
}

namespace {

// A sentence's first word is capitalized whatever it is, so there its capital is no sign of a
// name: a one-word name must be written as the alias itself, the alias plus a short ending
// ("Казахстане"), or, for an alias of kMinLongAlias letters or more, the alias less its last
// letter plus at most two ("Германии"); a stem alone is not enough ("Данные" is not "Дания",
// "Самое" not "Самоа").
constexpr size_t kMinLongAlias = 6;

bool close_to_alias(const std::string& norm, const WordToken& word) {
  const size_t alias_letters = code_point_count(norm), word_letters = code_point_count(word.normalized);
  if (word.normalized.starts_with(norm) && word_letters - alias_letters <= kMaxEndingLetters) return true;
  if (alias_letters < kMinLongAlias || word_letters > alias_letters + 1) return false;
  const std::string stem = without_last_letters(norm, 1);
  return word.normalized.starts_with(stem);
}

// "МВД РК", "ГКНБ КР", "при Президенте РТ": the word before is an acronym or a capitalized word
// inside the sentence, with nothing but a space between.
bool follows_a_name(const std::vector<WordToken>& words, size_t at) {
  if (at == 0 || words[at].break_before) return false;
  const WordToken& before = words[at - 1];
  return before.upper_case || (before.capitalized && !before.sentence_start);
}

// Currency words: a country named with one ("долларов США", "US dollars") is not a subject.
bool is_currency_word(const std::string& normalized) {
  static constexpr std::string_view kStems[] = {"dollar", "доллар", "долл", "рубл", "ruble", "rouble", "yuan", "юан",
                                                "rupee", "рупи", "pound", "фунт", "dinar", "динар", "franc", "франк",
                                                "тенге", "tenge", "сомон", "somoni", "манат", "manat"};
  static constexpr std::string_view kWords[] = {"сом", "сома", "сомов", "сум", "сумов", "som", "so'm", "sum"};
  return std::any_of(std::begin(kStems), std::end(kStems), [&](std::string_view s) { return normalized.starts_with(s); }) ||
         std::find(std::begin(kWords), std::end(kWords), normalized) != std::end(kWords);
}

// A capitalized Cyrillic word inside a sentence made of a one-word name plus "-ов"/"-ев" and a
// short ending is a surname ("полковник Ерлан Узбеков", "Антон Грузинов"): the plural
// "узбеков" of running text is written in lower case.
bool looks_like_surname(const std::string& norm, const WordToken& word) {
  if (word.script != "Cyrillic" || !word.capitalized || word.sentence_start || word.upper_case) return false;
  if (!word.normalized.starts_with(norm)) return false;
  const std::string rest = word.normalized.substr(norm.size());
  return (rest.starts_with("\u043e\u0432") || rest.starts_with("\u0435\u0432") || rest.starts_with("\u0451\u0432")) &&
         code_point_count(rest) <= 2 + kMaxEndingLetters;
}

// Countries whose English names are also given names: right before a capitalized word that
// ends the run of capitals they are one ("Jordan Ellis", "Chad Reynolds spoke", "Georgia Patel,
// an OSCE trainer"). A third capitalized word makes it a Title Case headline or a name of its
// own ("Georgia Signs Deal", "Israel Defense Forces"), where the country stays.
bool given_name_before_surname(const std::vector<WordToken>& words, size_t at) {
  static const std::set<std::string, std::less<>> given = {"jordan", "chad", "georgia", "india", "israel", "kenya"};
  if (!given.count(words[at].normalized) || at + 1 >= words.size()) return false;
  const auto capital = [](const WordToken& word) { return word.script == "Latin" && word.capitalized; };
  const WordToken& next = words[at + 1];
  if (!capital(next) || next.upper_case || next.break_before) return false;
  return at + 2 >= words.size() || words[at + 2].break_before || !capital(words[at + 2]);
}

// A qualifier before a national body's name: a country's name, tagged by the country extractor
// ("Tojikiston Respublikasi Ichki ishlar vazirligi"); a city before it is none ("Bakıda").
bool after_qualifier(const std::vector<WordToken>& words, size_t at, const std::vector<bool>* qualifiers) {
  if (!qualifiers || at == 0 || words[at].break_before || at - 1 >= qualifiers->size()) return false;
  return (*qualifiers)[at - 1];
}

bool names_a_currency(const std::vector<WordToken>& words, size_t start, size_t length) {
  for (size_t k = start; k < start + length; ++k)
    if (words[k].next_to_currency) return true;
  if (start > 0 && !words[start].break_before && is_currency_word(words[start - 1].normalized)) return true;
  const size_t next = start + length;
  return next < words.size() && !words[next].break_before && is_currency_word(words[next].normalized);
}

}  // namespace

size_t EntityExtractor::match_length(const Pattern& pattern, const std::vector<const std::string*>& stems,
                                     const std::vector<WordToken>& words, size_t at) const {
  const size_t length = pattern.stems.size();
  if (at + length > words.size()) return 0;
  if (pattern.needs_capital && !words[at].capitalized) return 0;
  if (pattern.needs_capital && length == 1 && words[at].sentence_start && !pattern.norms.empty() &&
      !close_to_alias(pattern.norms[0], words[at]))
    return 0;
  if (pattern.after_name && !follows_a_name(words, at)) return 0;
  if (!pattern.home_lang.empty() && (pattern.home_lang != text_lang_ || after_qualifier(words, at, qualifiers_))) return 0;
  if (length == 1 && !pattern.norms.empty() && looks_like_surname(pattern.norms[0], words[at])) return 0;
  for (size_t k = 0; k < length; ++k) {
    if (k > 0 && words[at + k].break_before && !words[at + k].after_abbreviation) return 0;
    // An acronym is no inflected name: "ИРА" (Afghanistan) shares a stem with "Иран".
    if (!pattern.norms.empty() && words[at + k].upper_case && words[at + k].acronym_normalized != pattern.norms[k] &&
        !close_to_alias(pattern.norms[k], words[at + k]))
      return 0;
    if (!word_matches(pattern, k, *stems[at + k], words[at + k])) return 0;
  }
  return length;
}

// keys: of the words, from keys_of, shared by every family.
void EntityExtractor::find_in_family(Family& family, const std::vector<WordToken>& words,
                                     const std::vector<WordKeys>& keys, std::vector<Match>& matches) {
  std::vector<const std::string*> stems;  // into family.stem_cache or words: stable during the call
  stems.reserve(words.size());
  for (size_t at = 0; at < words.size(); ++at) {
    const bool hopeless = !family.exact && words[at].script == family.script && !(keys[at].filter & family.bit);
    stems.push_back(hopeless ? &kNoStem : &stem_of(family, words[at]));
  }
  std::vector<size_t> candidates;
  for (size_t at = 0; at < words.size(); ++at) {
    candidates.clear();
    const auto add = [&candidates](const auto& index, const std::string& key) {
      if (auto it = index.find(key); it != index.end()) candidates.insert(candidates.end(), it->second.begin(), it->second.end());
    };
    // No pattern starts with kNoStem; a word of another script is its own stem (stem_of).
    const bool own_script = words[at].script == family.script;
    if (family.exact || (own_script ? stems[at] != &kNoStem : (keys[at].first_stem & family.bit) != 0))
      add(family.by_first_stem, *stems[at]);
    if (const auto& acronym = family.exact ? words[at].acronym : words[at].acronym_normalized; !acronym.empty())
      add(family.exact ? family.by_first_stem : family.by_first_norm_any, acronym);
    // A name plus a short ending: only words of the family's script can be one.
    if (!family.exact && own_script && (keys[at].ending & family.bit))
      for (size_t drop = 0; drop <= kMaxEndingLetters; ++drop) add(family.by_first_norm, without_last_letters(words[at].normalized, drop));
    size_t best = 0;
    const std::string* value = nullptr;
    for (size_t index : candidates) {
      const Pattern& pattern = family.patterns[index];
      if (const size_t length = match_length(pattern, stems, words, at); length > best) {
        best = length;
        value = &pattern.value;
      }
    }
    if (best) matches.push_back({at, best, value});
  }
}

// Matches of the first parts of Russian compound adjectives, read as the full adjective.
void EntityExtractor::find_compound_parts(const std::vector<WordToken>& words, std::vector<Match>& matches) {
  std::vector<WordToken> as_adjectives = words;
  std::vector<bool> changed(words.size(), false);
  for (size_t i = 0; i < words.size(); ++i) {
    std::string adjective = compound_adjective(words[i]);
    if (adjective.empty()) continue;
    as_adjectives[i].normalized = std::move(adjective);
    changed[i] = true;
  }
  if (std::find(changed.begin(), changed.end(), true) == changed.end()) return;
  std::vector<Match> found;
  const auto keys = keys_of(as_adjectives);
  for (auto& [name, family] : families_) find_in_family(family, as_adjectives, keys, found);
  for (const auto& match : found)
    if (match.length == 1 && changed[match.start]) matches.push_back(match);
}

// "UN Women", "UN-Habitat", "Детского фонда ООН": the entity names another body, one the
// gazetteer does not know (a known one is a longer match and has won already).
bool EntityExtractor::next_to_sub_body(const std::vector<WordToken>& words, const Match& match) const {
  const auto it = sub_bodies_.find(*match.value);
  if (it == sub_bodies_.end()) return false;
  const auto is_head = [&](size_t k) {
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](const std::string& head) { return words[k].normalized.starts_with(head); });
  };
  const size_t after = match.start + match.length;
  // After the entity ("UN Women") a head word is a name, capitalized: "UN officers" are the UN's.
  if (after < words.size() && !words[after].break_before && words[after].capitalized && is_head(after)) return true;
  return match.start > 0 && !words[match.start].break_before && is_head(match.start - 1);
}

std::vector<std::string> EntityExtractor::extract(std::string_view text, const std::string& lang) {
  return extract(split_words(text), lang);
}

// A stopword of English, Russian or the region's languages: capitalized at a sentence's start
// it is still that word ("Того же числа" is not Togo).
bool EntityExtractor::is_common_word(const std::string& normalized) const {
  for (const char* lang : {"en", "ru", "kk", "ky", "uz", "tg", "tk", "az"})
    if (analyzer_.is_stopword(lang, normalized)) return true;
  return false;
}

std::vector<std::string> EntityExtractor::extract(const std::vector<WordToken>& words, const std::string& lang,
                                                  const WordMask* qualifiers, WordMask* tagged) {
  text_lang_ = lang;
  qualifiers_ = qualifiers;
  for (auto& [name, family] : families_)
    if (family.stem_cache.size() > kStemCacheLimit) family.stem_cache.clear();  // never during a call
  std::vector<Match> matches;
  const auto keys = keys_of(words);
  for (auto& [name, family] : families_) find_in_family(family, words, keys, matches);
  find_compound_parts(words, matches);
  // The longest match wins where matches overlap: "UN Office on Drugs and Crime" is UNODC, not UN.
  std::stable_sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
    return a.length != b.length ? a.length > b.length : a.start < b.start;
  });
  std::vector<bool> taken(words.size(), false);
  std::set<std::string> found;
  for (const auto& match : matches) {
    const auto first = taken.begin() + static_cast<long>(match.start);
    const auto last = first + static_cast<long>(match.length);
    if (std::any_of(first, last, [](bool t) { return t; })) continue;
    if (match.length == 1 && words[match.start].capitalized &&
        (after_personal_title(words, match.start) || given_name_before_surname(words, match.start)))
      continue;
    if (match.length == 1 && words[match.start].sentence_start && !words[match.start].upper_case &&
        is_common_word(words[match.start].normalized))
      continue;
    if (names_a_currency(words, match.start, match.length) || next_to_sub_body(words, match)) continue;
    std::fill(first, last, true);
    found.insert(*match.value);
  }
  qualifiers_ = nullptr;
  if (tagged) *tagged = std::move(taken);
  return {found.begin(), found.end()};
}

}  // namespace caravan
