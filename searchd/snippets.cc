// Query-biased snippets: one scan of the text, stems only for the words that may match.
#include "searchd/snippets.h"

#include <algorithm>

#include "core/normalize.h"
#include "core/schema.h"

namespace caravan {
namespace {

// A body word is stemmed only if it begins with the first this many letters of a query word or
// stem (or the whole of a shorter one): stemmers change endings, not beginnings.
constexpr size_t kPrefixLetters = 3;
// As MSet::snippet: longer words are never matched.
constexpr size_t kMaxWordBytes = 64;
const std::string kEllipsis = "…";

struct Char {
  unsigned ch;
  size_t next;  // byte offset of the following character
};

// The character at a byte offset; a byte that does not start valid UTF-8 reads as itself, as
// in Xapian's Utf8Iterator. Decoded here: the scan reads every character of every hit.
Char char_at(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned lead = byte(at);
  if (lead < 0x80) return {lead, at + 1};
  const size_t length = lead >= 0xf5 ? 0 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (length == 0 || at + length > text.size()) return {lead, at + 1};
  unsigned ch = lead & (0x7f >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xc0) != 0x80) return {lead, at + 1};
    ch = (ch << 6) | (byte(at + i) & 0x3f);
  }
  if (ch > 0x10ffff) return {lead, at + 1};
  return {ch, at + length};
}

// Xapian's word characters, with ASCII and Cyrillic (all letters and marks but U+0482 ҂) spared
// the table lookup.
bool is_word_char(unsigned ch) {
  if (ch < 0x80) return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  if (ch >= 0x400 && ch <= 0x52f) return ch != 0x482;
  return Xapian::Unicode::is_wordchar(ch);
}

bool is_digit(unsigned ch) { return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER; }

// Zero-width characters inside a word, which TermGenerator skips.
bool is_ignorable(unsigned ch) { return (ch >= 0x200b && ch <= 0x200d) || ch == 0x2060 || ch == 0xfeff; }

// What joins two runs of letters into one word: TermGenerator's infixes, plus the apostrophe-like
// letters that normalize_text writes as ' before indexing (Uzbek and Turkmen Latin).
bool is_infix(unsigned ch) {
  switch (ch) {
    case '\'': case '&': case 0xb7: case 0x5f4: case 0x2027: case 0x2019: case 0x201b:
    case 0x2018: case 0x60: case 0xb4:
      return true;
  }
  return is_ignorable(ch);
}

bool is_digit_infix(unsigned ch) {
  switch (ch) {
    case ',': case '.': case ';': case 0x37e: case 0x589: case 0x60d: case 0x7f8: case 0x2044: case 0xfe10:
    case 0xfe13: case 0xfe14:
      return true;
  }
  return is_ignorable(ch);
}

bool is_sentence_end(unsigned ch) { return ch == '.' || ch == '?' || ch == '!'; }

// A letter as the first letters of a raw word and of a normalized term compare: lower case, ё as е,
// the apostrophe-like letters as '.
unsigned folded(unsigned ch) {
  ch = Xapian::Unicode::tolower(ch);
  if (ch == 0x451) return 0x435;
  if (ch == 0x2018 || ch == 0x2019 || ch == 0x201b || ch == 0x2bb || ch == 0x2bc || ch == 0x60 || ch == 0xb4) return '\'';
  return ch;
}

void append_escaped(std::string& out, std::string_view text) {
  for (const char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_term_word(const std::string& term) { return !term.empty() && !(term[0] >= 'A' && term[0] <= 'Z'); }

bool is_term_stem(const std::string& term) {
  return term.size() > schema::kPrefixStem.size() && term.starts_with(schema::kPrefixStem) &&
         is_term_word(term.substr(schema::kPrefixStem.size()));
}

// The pattern of an OP_WILDCARD query: Xapian 1.4 has no accessor but its description,
// "Query(WILDCARD SYNONYM pattern)" (tests/test_snippets.cc pins it).
std::string wildcard_pattern(const Xapian::Query& query) {
  const std::string description = query.get_description();
  const size_t kind = description.find("WILDCARD ");
  if (kind == std::string::npos) return "";
  const size_t space = description.find(' ', kind + 9);
  if (space == std::string::npos || description.back() != ')') return "";
  return description.substr(space + 1, description.size() - space - 2);
}

// The end of dotted initials ("U.N.", "U.S.A") starting at `at`, as TermGenerator reads them; 0 if none.
size_t initials_end(std::string_view text, size_t at) {
  const auto upper = [&](size_t i) { return i < text.size() && text[i] >= 'A' && text[i] <= 'Z'; };
  if (!upper(at)) return 0;
  size_t p = at, letters = 0;
  do {
    ++p;
    ++letters;
  } while (p < text.size() && text[p] == '.' && ++p < text.size() && upper(p));
  if (letters < 2 || (p < text.size() && is_word_char(char_at(text, p).ch))) return 0;
  return p;
}

}  // namespace

namespace {

// The next word at or after byte `from`, split as TermGenerator splits (less CJK n-grams): word
// characters joined by single infixes (' & · between letters, , . ; between digits), then up to
// three + or # ("C++"), or dotted initials.
bool next_token(std::string_view text, size_t from, SnippetMaker::Token& token) {
  size_t at = from;
  while (at < text.size()) {
    const Char c = char_at(text, at);
    if (is_word_char(c.ch)) break;
    at = c.next;
  }
  if (at >= text.size()) return false;
  token = {at, initials_end(text, at), true};
  if (token.end) return true;
  token.initials = false;
  unsigned previous = 0;
  while (at < text.size()) {
    const Char c = char_at(text, at);
    if (is_word_char(c.ch)) {
      previous = c.ch;
      at = c.next;
      continue;
    }
    if (c.next >= text.size()) break;
    const unsigned after = char_at(text, c.next).ch;
    if (!is_word_char(after) || !(is_digit(previous) && is_digit(after) ? is_digit_infix(c.ch) : is_infix(c.ch))) break;
    at = c.next;
  }
  size_t end = at, suffix = 0;
  while (end < text.size() && suffix <= 3 && (text[end] == '+' || text[end] == '#')) ++end, ++suffix;
  if (suffix == 0 || suffix > 3 || (end < text.size() && is_word_char(char_at(text, end).ch))) end = at;
  token.end = end;
  return true;
}

// The word of a token as TermGenerator sees it, before normalization.
std::string raw_word(std::string_view text, const SnippetMaker::Token& token) {
  std::string word;
  for (size_t at = token.begin; at < token.end;) {
    const Char c = char_at(text, at);
    if (!(token.initials && c.ch == '.') && !is_ignorable(c.ch)) word.append(text.substr(at, c.next - at));
    at = c.next;
  }
  return word;
}

std::string first_letters(std::string_view text, size_t begin, size_t end, bool initials) {
  std::string letters;
  size_t count = 0;
  for (size_t at = begin; at < end && count < kPrefixLetters;) {
    const Char c = char_at(text, at);
    at = c.next;
    if ((initials && c.ch == '.') || is_ignorable(c.ch)) continue;
    Xapian::Unicode::append_utf8(letters, folded(c.ch));
    ++count;
  }
  return letters;
}

// Whether the characters between two words end a sentence: . ? or ! then a space.
bool ends_sentence(std::string_view between) {
  bool punctuation = false;
  for (size_t at = 0; at < between.size();) {
    const Char c = char_at(between, at);
    at = c.next;
    if (punctuation && Xapian::Unicode::is_whitespace(c.ch)) return true;
    punctuation = is_sentence_end(c.ch);
  }
  return false;
}

// After a window that stops before the end: the sentence's final punctuation if it ends there,
// else the ellipsis (as MSet::snippet).
std::string closing(std::string_view after) {
  bool punctuation = false;
  size_t at = 0;
  while (at < after.size()) {
    const Char c = char_at(after, at);
    if (punctuation && Xapian::Unicode::is_whitespace(c.ch)) break;
    punctuation = is_sentence_end(c.ch);
    if (is_word_char(c.ch)) break;
    at = c.next;
  }
  if (!punctuation) return kEllipsis;
  std::string out;
  append_escaped(out, after.substr(0, at));
  return out;
}

}  // namespace

SnippetMaker::SnippetMaker(const ParsedQuery& parsed) {
  for (const Xapian::Query& group : parsed.concepts)
    if (collect(group, groups_)) ++groups_;
  // What the text query has beyond the concepts (all of it when there are none): a group per clause.
  Xapian::Query text = parsed.text;
  while (text.get_type() == Xapian::Query::OP_AND_NOT && text.get_num_subqueries() > 0) text = text.get_subquery(0);
  const auto type = text.get_type();
  if (type == Xapian::Query::OP_AND || type == Xapian::Query::OP_OR || type == Xapian::Query::OP_AND_MAYBE) {
    for (size_t i = 0; i < text.get_num_subqueries(); ++i)
      if (collect(text.get_subquery(i), groups_)) ++groups_;
  } else if (collect(text, groups_)) {
    ++groups_;
  }
}

void SnippetMaker::add_prefix(std::string_view term) {
  std::string prefix = first_letters(term, 0, term.size(), false);
  if (!prefix.empty() && std::find(prefixes_.begin(), prefixes_.end(), prefix) == prefixes_.end())
    prefixes_.push_back(std::move(prefix));
}

// The words, stems, phrases and wildcards of a query (not what it excludes); whether any was new.
bool SnippetMaker::collect(const Xapian::Query& query, int group) {
  const auto type = query.get_type();
  if (type == Xapian::Query::LEAF_TERM) {
    const std::string term = *query.get_terms_begin();
    const bool stem = is_term_stem(term);
    if ((!stem && !is_term_word(term)) || !terms_.try_emplace(term, group).second) return false;
    add_prefix(stem ? std::string_view(term).substr(schema::kPrefixStem.size()) : std::string_view(term));
    return true;
  }
  if (type == Xapian::Query::OP_WILDCARD) {
    const std::string pattern = wildcard_pattern(query);
    if (!is_term_word(pattern)) return false;
    wildcards_.emplace_back(pattern, group);
    add_prefix(pattern);
    return true;
  }
  std::vector<std::string> words;
  for (size_t i = 0; type == Xapian::Query::OP_PHRASE && i < query.get_num_subqueries(); ++i) {
    const Xapian::Query part = query.get_subquery(i);
    if (part.get_type() != Xapian::Query::LEAF_TERM || !is_term_word(*part.get_terms_begin())) break;
    words.push_back(*part.get_terms_begin());
  }
  if (type == Xapian::Query::OP_PHRASE && !words.empty() && words.size() == query.get_num_subqueries()) {
    for (const auto& word : words) add_prefix(word);
    phrases_.push_back({std::move(words), group});
    return true;
  }
  const size_t parts = type == Xapian::Query::OP_AND_NOT ? std::min<size_t>(1, query.get_num_subqueries())
                                                         : query.get_num_subqueries();
  bool added = false;
  for (size_t i = 0; i < parts; ++i) added = collect(query.get_subquery(i), group) || added;
  return added;
}

bool SnippetMaker::is_candidate(std::string_view text, const Token& token) const {
  if (token.end - token.begin > kMaxWordBytes) return false;
  const std::string letters = first_letters(text, token.begin, token.end, token.initials);
  return std::any_of(prefixes_.begin(), prefixes_.end(), [&](const std::string& p) { return letters.starts_with(p); });
}

int SnippetMaker::concept_of(const std::string& normalized, const Xapian::Stem& stemmer) const {
  if (auto it = terms_.find(normalized); it != terms_.end()) return it->second;
  const std::string stem = stemmer(normalized);
  if (!stem.empty())
    if (auto it = terms_.find(std::string(schema::kPrefixStem) + stem); it != terms_.end()) return it->second;
  for (const auto& [pattern, group] : wildcards_)
    if (normalized.starts_with(pattern)) return group;
  return -1;
}

// The words of text and the query's matches among them; unless `whole`, the start of the window
// of `length` bytes with the most distinct concepts (ties: the earliest), the scan stopping once
// a window has all of them and the words it spans are read.
SnippetMaker::Found SnippetMaker::find(std::string_view text, size_t length, const Xapian::Stem& stemmer,
                                       bool whole) const {
  Found found;
  found.tokens.reserve(std::min(text.size(), 4 * length) / 6);
  std::vector<std::string> normalized;  // of the words that may match; "" for the others
  normalized.reserve(found.tokens.capacity());
  std::vector<int> in_window(static_cast<size_t>(groups_) + 1, 0);
  int distinct = 0, best = 0;
  size_t left = 0, from = 0;  // marks[left..] are the current window's, when counted
  bool complete = !whole && groups_ == 0;
  Token token;
  while (next_token(text, from, token)) {
    from = token.end;
    if (complete && !found.tokens.empty() && token.end - found.tokens[found.window].begin > length) return found;
    found.tokens.push_back(token);
    normalized.emplace_back(is_candidate(text, token) ? normalize_text(raw_word(text, token)) : "");
    if (normalized.back().empty()) continue;
    Found::Mark mark = match_at(normalized, stemmer);
    if (mark.group < 0) continue;
    while (!found.marks.empty() && found.marks.back().first >= mark.first) {  // words of the phrase marked alone
      const Found::Mark& alone = found.marks.back();
      if (alone.counted && found.marks.size() > left && --in_window[alone.group] == 0) --distinct;
      found.marks.pop_back();
    }
    left = std::min(left, found.marks.size());
    mark.counted = !whole && !complete;
    found.marks.push_back(mark);
    if (!mark.counted) continue;
    if (in_window[mark.group]++ == 0) ++distinct;
    while (left + 1 < found.marks.size() &&
           found.tokens[mark.last].end - found.tokens[found.marks[left].first].begin > length) {
      if (--in_window[found.marks[left].group] == 0) --distinct;
      ++left;
    }
    if (distinct > best) {
      best = distinct;
      found.window = found.marks[left].first;
      complete = distinct == groups_;
    }
  }
  found.to_end = true;
  return found;
}

// The match ending at the last word, if any: a phrase ending there, else the word itself.
SnippetMaker::Found::Mark SnippetMaker::match_at(const std::vector<std::string>& normalized,
                                                 const Xapian::Stem& stemmer) const {
  const size_t at = normalized.size() - 1;
  for (const Phrase& phrase : phrases_) {
    const size_t n = phrase.words.size();
    if (n > at + 1) continue;
    bool all = true;
    for (size_t k = 0; k < n && all; ++k) all = normalized[at + 1 - n + k] == phrase.words[k];
    if (all) return {at + 1 - n, at, phrase.group};
  }
  return {at, at, concept_of(normalized.back(), stemmer)};
}

// Escaped text[begin, end) with the marks inside it.
void SnippetMaker::append_marked(std::string& out, std::string_view text, const Found& found, size_t begin,
                                 size_t end) const {
  size_t copied = begin;
  for (const Found::Mark& mark : found.marks) {
    const size_t from = found.tokens[mark.first].begin, to = found.tokens[mark.last].end;
    if (from < begin || to > end) continue;
    append_escaped(out, text.substr(copied, from - copied));
    out += "<mark>";
    append_escaped(out, text.substr(from, to - from));
    out += "</mark>";
    copied = to;
  }
  append_escaped(out, text.substr(copied, end - copied));
}

std::string SnippetMaker::marked(std::string_view text, const Xapian::Stem& stemmer) const {
  text = trimmed(text);
  std::string out;
  append_marked(out, text, find(text, text.size(), stemmer, true), 0, text.size());
  return out;
}

std::string SnippetMaker::snippet(std::string_view text, size_t length, const Xapian::Stem& stemmer) const {
  text = trimmed(text);
  if (text.size() <= length) return marked(text, stemmer);
  const Found found = find(text, length, stemmer, false);
  if (found.tokens.empty()) return std::string(utf8_prefix(text, length)) + kEllipsis;
  size_t first = found.window, last = first;
  while (last + 1 < found.tokens.size() && found.tokens[last + 1].end - found.tokens[first].begin <= length) ++last;
  const bool at_end = found.to_end && last + 1 == found.tokens.size();
  while (at_end && first > 0 && found.tokens[last].end - found.tokens[first - 1].begin <= length) --first;
  const size_t begin = first == 0 ? 0 : found.tokens[first].begin;
  const size_t end = at_end ? text.size() : found.tokens[last].end;
  std::string out;
  if (first > 0) {
    const size_t previous = found.tokens[first - 1].end;
    if (!ends_sentence(text.substr(previous, begin - previous))) out += kEllipsis;
  }
  append_marked(out, text, found, begin, end);
  if (!at_end) out += closing(text.substr(end));
  return out;
}

}  // namespace caravan
