// Light suffix-stripping stemmer: parses the suffix tables and strips inflections from words.
//
// Why light stemming. Kazakh, Kyrgyz, Uzbek, Tajik, Turkmen and Azerbaijani have no Snowball
// stemmer, and left unstemmed a query for a base form ("есірткі", "uchrashuv") misses every
// inflected occurrence ("есірткінің", "uchrashuvda"). The Turkic languages glue suffixes in a
// fixed order, stem + plural + possessive + case (+ copula), and Tajik adds the plural -ҳо, the
// izofat -и, the object marker -ро and possessive enclitics. A full morphological analyser is out
// of reach, but stripping the INFLECTIONAL suffixes from the end of the word recovers the stem of
// most nouns, which is what news queries are made of.
//
// What is stripped (tables in core/light_stemmer_tables.cc, one block per language):
//   - plural, possessive (3rd person, 1st/2nd plural), case endings (genitive, accusative,
//     dative, locative, ablative, instrumental, the locative adjective -dagi/-дағы), the copula
//     -dir/-dyr/-dır, and a few very common finite verb endings (past -di/-ды, only after
//     consonants that cannot end a noun stem before -i (hudud-i is not hu-dudi), participle
//     -gan/-ған, Uzbek -moqda, Turkmen -ýar, Kazakh present -ады);
//   - Tajik: plural -ҳо, izofat -и, object marker -ро, possessive -аш/-ашон (not -ам/-ат, which
//     end олам and давлат), and -ӣ before a suffix (ҷумҳурии, ҷумҳуриро -> ҷумҳурӣ);
//   - every vowel-harmony and consonant-assimilation variant is listed explicitly;
//   - NOT stripped: derivational suffixes that change the meaning (-lik/-лық, -chi/-шы,
//     -li/-лы, negation -ma, verbal nouns -ish/-у/-uv, Tajik -ӣ, -гӣ, -он), 1st/2nd person
//     singular possessives (rare in news, and their one-letter forms hit too many stems).
// How. Words are decoded to code points. Repeatedly (at most kMaxRounds times), the longest
// suffix that (a) ends the word, (b) meets its context condition -- V: after a vowel,
// C: after a consonant, or a set of letters such as "after a voiceless consonant" -- and (c) leaves
// a stem of at least `min` code points that still contains a vowel, is removed, optionally
// replaced. Stripping to a fixed point makes the base form and its inflections meet even when the
// base itself ends like a suffix ("kishi" and "kishisi" both give "kish"); for the same reason a
// final vowel+n always drops (qonun, qonuni = qonu+ni, qonunda all give qonu). A few "keep" words
// are never stripped (басқа "other" is not бас "head" + dative). Last, a final consonant
// alternation is undone, always, so both forms agree (kitaby -> kitab -> kitap, uşağı -> uşaq).
// Minimum lengths: a stem keeps >= 3 code points; in Turkmen and Azerbaijani >= 4 before a
// one-letter suffix (dative -a/-ə, possessive -ı, which would turn bala into bal). Short words
// and 2-letter roots (ел, үй, il) are left alone: recall is lost there rather than merging
// unrelated short words. tests/eval/eval_stem.cc measures recall and wrong merges.
#include "core/light_stemmer.h"

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace caravan {

// Defined in core/light_stemmer_tables.cc: the table text of a language, or "" when unknown.
std::string_view light_stemmer_table(std::string_view lang);

namespace {

constexpr int kMaxRounds = 6;

struct SuffixRule {
  std::u32string suffix;
  std::u32string replacement;
  char condition = 0;             // 0: any, 'V': after vowel, 'C': after consonant, 'S': after `letters`
  std::u32string letters;         // for 'S'
  bool weak = false;              // "+": needs a stem one letter longer than usual
};

bool decode_utf8(std::string_view in, std::u32string& out) {
  out.clear();
  for (size_t i = 0; i < in.size();) {
    const auto c = static_cast<unsigned char>(in[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + extra >= in.size()) return false;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(in[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    static constexpr char32_t kMinByLength[] = {0, 0x80, 0x800, 0x10000};
    if (cp < kMinByLength[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    out.push_back(cp);
    i += extra + 1;
  }
  return true;
}

std::string encode_utf8(const std::u32string& in) {
  std::string out;
  for (char32_t c : in) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

std::u32string decode_or_throw(std::string_view text) {
  std::u32string out;
  if (!decode_utf8(text, out)) throw Xapian::InvalidArgumentError("light stemmer: bad table text");
  return out;
}

std::vector<std::string_view> split_ws(std::string_view line) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
    if (j > i) tokens.push_back(line.substr(i, j - i));
    i = j;
  }
  return tokens;
}

}  // namespace

struct LightStemRules {
  size_t min_stem = 3;
  size_t min_stem_short = 4;  // before a one-letter suffix
  std::u32string vowels;
  std::map<char, std::u32string> sets;
  std::map<char32_t, char32_t> finals;  // final-letter alternations undone after stripping
  std::set<std::u32string> keep;        // words never stripped further
  // Rules by the suffix's last code point, longest suffix first.
  std::unordered_map<char32_t, std::vector<SuffixRule>> by_last;

  void add_rule(std::string_view token);
  void parse_line(std::string_view line);
  bool is_vowel(char32_t c) const { return vowels.find(c) != std::u32string::npos; }
  bool has_vowel(const std::u32string& w, size_t len) const;
  bool applies(const SuffixRule& rule, const std::u32string& word) const;
  bool strip_once(std::u32string& word) const;
  std::u32string stem(std::u32string word) const;
};

void LightStemRules::add_rule(std::string_view token) {
  SuffixRule rule;
  if (token.back() == '+') {
    rule.weak = true;
    token.remove_suffix(1);
  }
  const size_t eq = token.find('=');
  if (eq != std::string_view::npos) {
    rule.replacement = decode_or_throw(token.substr(eq + 1));
    token = token.substr(0, eq);
  }
  const size_t colon = token.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view cond = token.substr(colon + 1);
    token = token.substr(0, colon);
    if (cond == "V" || cond == "C") {
      rule.condition = cond[0];
    } else if (cond.size() == 1 && cond[0] >= 'A' && cond[0] <= 'Z') {
      rule.condition = 'S';
      rule.letters = sets.at(cond[0]);
    } else {
      rule.condition = 'S';
      rule.letters = decode_or_throw(cond);
    }
  }
  rule.suffix = decode_or_throw(token);
  if (rule.suffix.empty()) throw Xapian::InvalidArgumentError("light stemmer: empty suffix");
  auto& bucket = by_last[rule.suffix.back()];
  auto pos = bucket.begin();
  while (pos != bucket.end() && pos->suffix.size() >= rule.suffix.size()) ++pos;
  bucket.insert(pos, std::move(rule));
}

// Table lines: "min N M", "vowels LETTERS", "set X LETTERS", "final A=B ...", or suffix rules
// "suf", "suf:V", "suf:C", "suf:X" (set X), "suf:letters", each optionally "=replacement", and
// a final "+" for a weak suffix that needs a stem one letter longer; "keep WORD..." lists
// words (as met while stripping) that are never stripped further.
void LightStemRules::parse_line(std::string_view line) {
  const auto tokens = split_ws(line);
  if (tokens.empty() || tokens[0][0] == '#') return;
  const std::string_view head = tokens[0];
  if (head == "min" && tokens.size() == 3) {
    min_stem = std::stoul(std::string(tokens[1]));
    min_stem_short = std::stoul(std::string(tokens[2]));
  } else if (head == "vowels" && tokens.size() == 2) {
    vowels = decode_or_throw(tokens[1]);
  } else if (head == "set" && tokens.size() == 3) {
    sets[tokens[1][0]] = decode_or_throw(tokens[2]);
  } else if (head == "keep") {
    for (size_t i = 1; i < tokens.size(); ++i) keep.insert(decode_or_throw(tokens[i]));
  } else if (head == "final") {
    for (size_t i = 1; i < tokens.size(); ++i) {
      const auto pair = decode_or_throw(tokens[i]);
      if (pair.size() == 3 && pair[1] == U'=') finals[pair[0]] = pair[2];
    }
  } else {
    for (const auto token : tokens) add_rule(token);
  }
}

bool LightStemRules::has_vowel(const std::u32string& w, size_t len) const {
  for (size_t i = 0; i < len; ++i)
    if (is_vowel(w[i])) return true;
  return false;
}

bool LightStemRules::applies(const SuffixRule& rule, const std::u32string& word) const {
  const size_t n = rule.suffix.size();
  if (word.size() < n) return false;
  const size_t rest = word.size() - n;
  if (rest < (n == 1 ? min_stem_short : min_stem) + (rule.weak ? 1 : 0)) return false;
  if (word.compare(rest, n, rule.suffix) != 0) return false;
  if (!has_vowel(word, rest)) return false;
  char32_t before = word[rest - 1];
  if (before == U'\'' && rest >= 2) before = word[rest - 2];  // Uzbek o' is a vowel, g' is not
  switch (rule.condition) {
    case 'V': return is_vowel(before);
    case 'C': return !is_vowel(before) && before != U'-';
    case 'S': return rule.letters.find(before) != std::u32string::npos;
    default: return true;
  }
}

bool LightStemRules::strip_once(std::u32string& word) const {
  if (keep.count(word)) return false;
  const auto bucket = by_last.find(word.back());
  if (bucket == by_last.end()) return false;
  for (const auto& rule : bucket->second) {
    if (!applies(rule, word)) continue;
    word.resize(word.size() - rule.suffix.size());
    word += rule.replacement;
    return true;
  }
  return false;
}

std::u32string LightStemRules::stem(std::u32string word) const {
  for (int round = 0; round < kMaxRounds && !word.empty(); ++round)
    if (!strip_once(word)) break;
  if (word.size() >= min_stem) {
    const auto alt = finals.find(word.back());
    if (alt != finals.end()) word.back() = alt->second;
  }
  return word;
}

namespace {

const LightStemRules* rules_for(const std::string& lang) {
  static std::mutex mutex;
  static std::map<std::string, std::unique_ptr<LightStemRules>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(lang);
  if (it != cache.end()) return it->second.get();
  const std::string_view text = light_stemmer_table(lang);
  if (text.empty()) throw Xapian::InvalidArgumentError("no light stemmer for language: " + lang);
  auto rules = std::make_unique<LightStemRules>();
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    rules->parse_line(text.substr(start, end - start));
    start = end + 1;
  }
  return cache.emplace(lang, std::move(rules)).first->second.get();
}

}  // namespace

LightStemmer::LightStemmer(std::string lang) : lang_(std::move(lang)), rules_(rules_for(lang_)) {}

std::string LightStemmer::operator()(const std::string& word) {
  std::u32string code_points;
  if (word.empty() || !decode_utf8(word, code_points)) return word;
  if (code_points.size() <= rules_->min_stem) return word;
  return encode_utf8(rules_->stem(std::move(code_points)));
}

std::string LightStemmer::get_description() const { return "caravan_light_" + lang_; }

}  // namespace caravan
