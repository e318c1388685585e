// Query parsing with multilingual stem expansion.
#include "searchd/query_builder.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "core/calendar.h"
#include "core/languages.h"
#include "core/normalize.h"
#include "core/schema.h"
#include "searchd/api_error.h"

namespace caravan {
namespace {

constexpr Xapian::termcount kWildcardLimit = 200;
constexpr size_t kMinWildcardLetters = 2;  // "a*" is the word "a", not every word in a
constexpr double kCrossScriptWeight = 0.3;
constexpr size_t kMaxSynonymWords = 8;

// Every document. Built afresh for each query: the static Xapian::Query::MatchAll shares one
// reference count between threads, which Xapian does not update atomically.
Xapian::Query match_all() { return Xapian::Query(std::string()); }

struct Token {
  std::string text;
  bool quoted = false;
  bool negated = false;
};

// Splits on white space and parentheses, keeping "quoted phrases" and a leading '-' or '+'.
std::vector<Token> lex(std::string_view input) {
  std::vector<Token> tokens;
  size_t i = 0;
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')'; };
  while (i < input.size()) {
    if (is_space(input[i])) { ++i; continue; }
    Token token;
    while (i < input.size() && (input[i] == '-' || input[i] == '+')) token.negated = input[i++] == '-';
    if (i < input.size() && input[i] == '"') {
      const size_t close = input.find('"', i + 1);
      const size_t end = close == std::string_view::npos ? input.size() : close;
      token.text = std::string(input.substr(i + 1, end - i - 1));
      token.quoted = true;
      i = end + 1;
    } else {
      const size_t start = i;
      while (i < input.size() && !is_space(input[i]) && input[i] != '"') ++i;
      token.text = std::string(input.substr(start, i - start));
      if (i < input.size() && input[i] == '"' && token.text.ends_with(":")) {  // title:"a b"
        const size_t close = input.find('"', i + 1);
        const size_t end = close == std::string_view::npos ? input.size() : close;
        token.text += std::string(input.substr(i + 1, end - i - 1));
        i = end + 1;
      }
    }
    if (!token.text.empty()) tokens.push_back(std::move(token));
  }
  return tokens;
}

bool all_of_chars(const std::string& s, int (*pred)(int)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [pred](unsigned char c) { return pred(c) != 0; });
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

// "2020" -> [2020-01-01, 2020-12-31]; "2020-10" -> month; "2020-10-19"; "A..B" a range. False
// for what is not dates; a date of that form that does not exist ("2021-02-29") is a 400.
bool date_range(const std::string& value, std::string& from, std::string& to) {
  const auto dots = value.find("..");
  if (dots != std::string::npos) {
    std::string ignored;
    const std::string a = value.substr(0, dots), b = value.substr(dots + 2);
    return (a.empty() || date_range(a, from, ignored)) && (b.empty() || date_range(b, ignored, to)) &&
           !(a.empty() && b.empty());
  }
  const auto date = read_calendar_date(value);
  if (!date) return false;
  if (!exists(*date)) throw ApiError(ErrorCode::kBadParameter, "'q' has a date that does not exist: '" + value + "'");
  from = first_day(*date);
  to = last_day(*date);
  return true;
}

}  // namespace

QueryBuilder::QueryBuilder(const Analyzer& analyzer, const std::vector<std::string>& index_languages,
                           const NameSkeleton* skeleton, const Xapian::Database* synonyms,
                           const EntityNames* entities, bool expand_entities)
    : analyzer_(analyzer), skeleton_(skeleton), synonyms_(synonyms), entities_(entities),
      expand_entities_(expand_entities),
      index_languages_(index_languages) {
  for (const auto& lang : index_languages_) {
    const LanguageInfo* info = find_language(lang);
    if (info && info->stemmer != StemmerSource::kNone) stemmers_.emplace(lang, analyzer_.make_stemmer(lang));
  }
}

// The word under the prefix, then its stems in the index's languages of its script, sorted.
std::vector<std::string> QueryBuilder::form_terms(const std::string& word, const std::string& prefix) {
  std::vector<std::string> terms = {prefix + word};
  const std::string script = word_script(word);
  for (auto& [lang, stemmer] : stemmers_) {
    if (script.empty() || find_language(lang)->script != script) continue;
    const std::string stem = stemmer(word);
    if (!stem.empty()) terms.push_back(std::string(schema::kPrefixStem) + prefix + stem);
  }
  std::sort(terms.begin() + 1, terms.end());
  terms.erase(std::unique(terms.begin() + 1, terms.end()), terms.end());
  return terms;
}

namespace {

// The forms of form_terms() as one query.
Xapian::Query forms_query(const std::vector<std::string>& terms) {
  if (terms.size() == 1) return Xapian::Query(terms.front());
  // The stems carry the word's weight; the written form weighs only in items without any of the
  // stems (a language without a stemmer). The indexer writes the form beside its stem, so
  // weighing both counted every exact occurrence twice (make eval-ranking: Cranfield nDCG@10
  // 0.331 -> 0.353, Medline 0.687 -> 0.712; BM25 0.342 and 0.696).
  const Xapian::Query stems(Xapian::Query::OP_SYNONYM, terms.begin() + 1, terms.end());
  const Xapian::Query written_only(Xapian::Query::OP_AND_NOT, Xapian::Query(terms.front()), stems);
  return Xapian::Query(Xapian::Query::OP_OR, stems, written_only);
}

}  // namespace

Xapian::Query QueryBuilder::word_forms(const std::string& word, const std::string& prefix) {
  return forms_query(form_terms(word, prefix));
}

// With `terms`, the skeleton terms are appended there too.
Xapian::Query QueryBuilder::other_script(const std::string& word, std::vector<Xapian::Query>* terms) {
  if (!skeleton_) return Xapian::Query();
  const Xapian::Query skeletons = skeleton_query(word, terms);
  if (skeletons.empty()) return skeletons;
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, skeletons, kCrossScriptWeight);
}

Xapian::Query QueryBuilder::word_query(const std::string& word, const std::string& prefix) {
  const Xapian::Query forms = word_forms(word, prefix);
  if (!prefix.empty()) return forms;
  const Xapian::Query other = other_script(word);
  return other.empty() ? forms : Xapian::Query(Xapian::Query::OP_OR, forms, other);
}

namespace {

// The first alternative an item matches weighs, the others not: alternatives[0], OR the second
// AND_NOT the first, and so on. For coordination, a concept whose variants an item matches
// several of is counted once. (Not OP_MAX, which crashes Xapian 1.4.22 inside an OP_OR of several.)
Xapian::Query first_of(const std::vector<Xapian::Query>& alternatives) {
  Xapian::Query result, before;
  for (const auto& alternative : alternatives) {
    if (alternative.empty()) continue;
    result = result.empty() ? alternative
                            : Xapian::Query(Xapian::Query::OP_OR, result,
                                            Xapian::Query(Xapian::Query::OP_AND_NOT, alternative, before));
    before = before.empty() ? alternative : Xapian::Query(Xapian::Query::OP_OR, before, alternative);
  }
  return result;
}

}  // namespace

// A word as one concept: its forms, else its other-script spellings (at a lower weight), else
// the organization (synonyms) or entity facet terms (no BM25 part); and the items it matches:
// any of those terms, as one flat OR (the alternatives of first_of match together what their
// terms match).
QueryBuilder::Concept QueryBuilder::word_concept(const std::string& word, const Xapian::Query& synonyms,
                                                 const std::vector<std::string>& entities) {
  const std::vector<std::string> forms = form_terms(word, "");
  std::vector<Xapian::Query> facet_terms;
  if (!synonyms.empty()) facet_terms.push_back(synonyms);
  for (const auto& term : entities) facet_terms.emplace_back(term);
  const Xapian::Query tagged = facet_terms.empty() ? Xapian::Query()
                                                   : Xapian::Query(Xapian::Query::OP_OR, facet_terms.begin(), facet_terms.end());
  std::vector<Xapian::Query> terms(forms.begin(), forms.end());
  const Xapian::Query other = other_script(word, &terms);
  terms.insert(terms.end(), facet_terms.begin(), facet_terms.end());
  return {first_of({forms_query(forms), other, tagged}), Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end())};
}

// The skeletons of the word, of its stems, and for a Latin word of the stems of its Cyrillic
// spelling: the index holds skeletons of names and of their stems (indexer/document_builder.cc).
std::set<std::string> QueryBuilder::skeletons_of(const std::string& word) const {
  const std::string script = word_script(word);
  if (script != "Latin" && script != "Cyrillic") return {};
  std::set<std::string> skeletons = {(*skeleton_)(word)};
  const std::string cyrillic = script == "Latin" ? skeleton_->to_cyrillic(word) : word;
  for (auto& [lang, stemmer] : stemmers_) {
    const std::string_view lang_script = find_language(lang)->script;
    if (lang_script == script) skeletons.insert((*skeleton_)(stemmer(word)));
    if (script == "Latin" && lang_script == "Cyrillic") skeletons.insert((*skeleton_)(stemmer(cyrillic)));
  }
  skeletons.erase("");
  return skeletons;
}

Xapian::Query QueryBuilder::skeleton_query(const std::string& word, std::vector<Xapian::Query>* also) {
  const std::set<std::string> skeletons = skeletons_of(word);
  skeletons_.insert(skeletons.begin(), skeletons.end());
  if (!skeletons.empty()) skeleton_scripts_.insert(word_script(word));
  std::vector<std::string> terms;
  for (const auto& skeleton : skeletons) terms.push_back(std::string(schema::kPrefixSkeleton) + skeleton);
  if (also) also->insert(also->end(), terms.begin(), terms.end());
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

bool QueryBuilder::is_stopword(const std::string& word) const {
  const std::string script = word_script(word);
  for (const auto& lang : index_languages_) {
    const LanguageInfo* info = find_language(lang);
    if (info && info->script == script && analyzer_.is_stopword(lang, word)) return true;
  }
  return false;
}

// "e.g.", "i.e.", "т.е.", "a.m.": single letters joined by dots that name no country or
// organization ("U.S.", "U.K.", "С.Ш.А." do) carry no topic. As a phrase of two rare one-letter
// terms they outweighed the query's real words (CISI "... information retrieval, e.g. group
// theory": nDCG@10 0.26 against BM25's 0.63), so like a stopword they are dropped from a query
// with other words. Only with the entity names, to tell a name apart.
bool QueryBuilder::is_initialism_without_name(const std::vector<std::string>& terms) const {
  if (!entities_ || terms.size() < 2) return false;
  if (!std::all_of(terms.begin(), terms.end(), [](const std::string& t) { return code_point_count(t) == 1; })) return false;
  const auto names = entities_->find(terms);
  if (!names.empty() && names.front().length == terms.size()) return false;
  std::string letters;  // "U.K." as the acronym "UK"
  for (const auto& term : terms) letters += term;
  return entities_->find({letters}).empty();
}

Xapian::Query QueryBuilder::words_query(const std::string& text, bool as_phrase, const std::string& prefix) {
  const auto terms = splitter_.split(normalize_text(text));
  if (terms.empty()) return Xapian::Query();
  if (terms.size() == 1 && !as_phrase) return word_query(terms.front(), prefix);
  if (prefix.empty()) {
    std::vector<Xapian::Query> parts;
    for (const auto& term : terms) parts.emplace_back(term);
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), static_cast<Xapian::termcount>(parts.size()));
  }
  std::vector<Xapian::Query> parts;  // title words have no positions: all of them
  for (const auto& term : terms) parts.push_back(word_query(term, prefix));
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

bool QueryBuilder::apply_field(const std::string& field, const std::string& value, ParsedQuery& parsed) {
  if (value.empty()) return false;
  if (field == "country" && value.size() == 2 && all_of_chars(value, isalpha)) {
    parsed.filters["country"].insert(upper(value));
  } else if ((field == "org" || field == "organization") && value.size() <= 64) {
    parsed.filters["organization"].insert(upper(value));
  } else if (field == "lang" && value.size() <= 16) {
    parsed.filters["lang"].insert(value);
  } else if (field == "year" && value.size() == 4 && all_of_chars(value, isdigit)) {
    parsed.filters["year"].insert(value);
  } else if (field == "month" && value.size() == 7 && value[4] == '-') {
    if (const auto month = read_calendar_date(value); month && !exists(*month))
      throw ApiError(ErrorCode::kBadParameter, "'q' has a month that does not exist: '" + value + "'");
    parsed.filters["month"].insert(value);
  } else if (field == "date") {
    return date_range(value, parsed.from, parsed.to);
  } else if (field == "from" || field == "to") {
    std::string from, to;
    if (!date_range(value, from, to)) return false;
    (field == "from" ? parsed.from : parsed.to) = field == "from" ? from : to;
  } else {
    return false;
  }
  return true;
}

Xapian::Query QueryBuilder::combine(const std::vector<Clause>& clauses, Xapian::Query::op between_groups) {
  const bool any_content = std::any_of(clauses.begin(), clauses.end(),
                                       [](const Clause& c) { return !c.negated && !c.stopword; });
  std::vector<Xapian::Query> groups, negatives;
  for (const auto& clause : clauses) {
    if (clause.negated) { negatives.push_back(clause.query); continue; }
    if (clause.stopword && any_content) continue;
    if (clause.or_with_previous && !groups.empty())
      groups.back() = Xapian::Query(Xapian::Query::OP_OR, groups.back(), clause.query);
    else
      groups.push_back(clause.query);
  }
  Xapian::Query positive = groups.empty() ? match_all() : Xapian::Query(between_groups, groups.begin(), groups.end());
  if (negatives.empty()) return positive;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, positive,
                       Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end()));
}

// The concepts of the clauses, as combine's groups: a clause's own concepts (one per word of an
// organization name), and "a OR b" as first_of, so that an item matching both is counted once.
void QueryBuilder::collect_concepts(const std::vector<Clause>& clauses, ParsedQuery& parsed) {
  const bool any_content = std::any_of(clauses.begin(), clauses.end(),
                                       [](const Clause& c) { return !c.negated && !c.stopword; });
  std::vector<Xapian::Query> negatives;
  for (const auto& clause : clauses) {
    if (clause.negated) { negatives.push_back(clause.query); continue; }
    if (clause.stopword && any_content) continue;
    const bool own = !clause.concepts.empty();
    const std::vector<Xapian::Query> concepts = own ? clause.concepts : std::vector{clause.query};
    const std::vector<Xapian::Query> terms = own ? clause.concept_terms : concepts;
    for (size_t k = 0; k < concepts.size(); ++k) {
      if (k == 0 && clause.or_with_previous && !parsed.concepts.empty()) {
        parsed.concepts.back() = first_of({parsed.concepts.back(), concepts[k]});
        parsed.concept_terms.back() = Xapian::Query(Xapian::Query::OP_OR, parsed.concept_terms.back(), terms[k]);
      } else {
        parsed.concepts.push_back(concepts[k]);
        parsed.concept_terms.push_back(terms[k]);
      }
    }
  }
  if (!negatives.empty()) parsed.excluded = Xapian::Query(Xapian::Query::OP_OR, negatives.begin(), negatives.end());
}

Xapian::Query coordinated_query(const ParsedQuery& parsed, Xapian::Query::op between, double bonus) {
  if (parsed.concepts.empty()) return parsed.text;
  std::vector<Xapian::Query> weighted;
  for (size_t i = 0; i < parsed.concepts.size(); ++i) {
    const Xapian::Query& concept_query = parsed.concepts[i];
    if (bonus <= 0) { weighted.push_back(concept_query); continue; }
    auto* fixed = new Xapian::FixedWeightPostingSource(bonus);
    const Xapian::Query& matches = i < parsed.concept_terms.size() ? parsed.concept_terms[i] : concept_query;
    weighted.emplace_back(Xapian::Query::OP_OR, concept_query,
                          Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(fixed->release()), matches));
  }
  Xapian::Query positive(between, weighted.begin(), weighted.end());
  if (parsed.excluded.empty()) return positive;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, positive, parsed.excluded);
}

double coordination_bonus(double strength, Xapian::doccount documents) {
  return std::max(strength, 0.0) * std::log(documents + 1.0);
}

// For each word of the run, the facet terms of the country or organization it is part of the
// name of (none for a name across an OR, or a lone stopword: "who" is not WHO).
std::vector<std::vector<std::string>> QueryBuilder::entity_terms(const std::vector<RunWord>& run) {
  std::vector<std::vector<std::string>> terms(run.size());
  if (!entities_ || !expand_entities_ || run.empty()) return terms;
  std::vector<std::string> words;
  for (const auto& word : run) words.push_back(word.term);
  for (const auto& span : entities_->find(words)) {
    bool crosses_or = false;
    for (size_t k = span.start + 1; k < span.start + span.length; ++k) crosses_or |= run[k].or_with_previous;
    if (crosses_or || (span.length == 1 && is_stopword(words[span.start]))) continue;
    for (size_t k = span.start; k < span.start + span.length; ++k) terms[k] = span.terms;
    for (const auto& term : span.terms)
      if (term.starts_with(schema::kPrefixOrg)) organizations_.insert(term.substr(schema::kPrefixOrg.size()));
  }
  return terms;
}


// A plain word (not quoted, negated, a field or a wildcard) waits in a run, so that runs of words
// can be matched against the index's synonym keys ("УНП ООН" -> XO:UNODC) before becoming clauses.
void QueryBuilder::add_run(std::vector<RunWord>& run, std::vector<Clause>& clauses) {
  const auto entities = entity_terms(run);
  for (size_t i = 0; i < run.size();) {
    size_t length = 0;
    Xapian::Query synonyms;
    for (size_t n = std::min(run.size() - i, kMaxSynonymWords); n >= 1 && length == 0; --n) {
      bool crosses_or = false;
      for (size_t k = i + 1; k < i + n; ++k) crosses_or |= run[k].or_with_previous;
      if (crosses_or || (n == 1 && is_stopword(run[i].term))) continue;  // "who" is not WHO
      std::string key;
      for (size_t k = i; k < i + n; ++k) key += (k > i ? " " : "") + run[k].term;
      synonyms = synonym_query(key);
      if (!synonyms.empty()) length = n;
    }
    Clause clause;
    clause.or_with_previous = run[i].or_with_previous;
    if (length == 0) {
      clause.query = word_query(run[i].term);
      clause.stopword = is_stopword(run[i].term);
      const Concept word = word_concept(run[i].term, Xapian::Query(), entities[i]);
      clause.concepts = {word.query};
      clause.concept_terms = {word.terms};
      length = 1;
    } else {
      std::vector<Xapian::Query> words;
      for (size_t k = i; k < i + length; ++k) words.push_back(word_query(run[k].term));
      const Xapian::Query all_words(Xapian::Query::OP_AND, words.begin(), words.end());
      clause.query = Xapian::Query(Xapian::Query::OP_OR, all_words, synonyms);
      // Not all or nothing: each word of the name (but its stopwords: "on", "and") is a
      // concept, which an item tagged with the organization also matches.
      for (size_t k = i; k < i + length; ++k)
        if (!is_stopword(run[k].term)) {
          const Concept word = word_concept(run[k].term, synonyms, entities[k]);
          clause.concepts.push_back(word.query);
          clause.concept_terms.push_back(word.terms);
        }
      if (clause.concepts.empty()) {
        clause.concepts.push_back(clause.query);
        clause.concept_terms.push_back(clause.query);
      }
    }
    clauses.push_back(std::move(clause));
    i += length;
  }
  run.clear();
}

Xapian::Query QueryBuilder::synonym_query(const std::string& key) {
  if (!synonyms_) return Xapian::Query();
  std::vector<Xapian::Query> terms;
  for (auto it = synonyms_->synonyms_begin(key); it != synonyms_->synonyms_end(key); ++it) {
    const std::string term = *it;
    terms.emplace_back(term);
    if (term.starts_with(schema::kPrefixOrg)) organizations_.insert(term.substr(schema::kPrefixOrg.size()));
  }
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// The clause of one token; a plain word (not quoted, negated, a field or a wildcard) makes no
// clause but is returned in `word`, to join a run. Field filters only update `parsed` and set
// `field`.
Xapian::Query QueryBuilder::token_query(const std::string& text, bool quoted, bool negated, ParsedQuery& parsed,
                                        std::string& word, bool& field_applied) {
  const auto colon = quoted ? std::string::npos : text.find(':');
  if (colon != std::string::npos && colon > 0) {
    std::string field = text.substr(0, colon);
    std::transform(field.begin(), field.end(), field.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::string value = text.substr(colon + 1);
    field_applied = !negated && apply_field(field, value, parsed);
    if (field_applied) return Xapian::Query();
    if (field == "title" && !value.empty()) return words_query(value, false, std::string(schema::kPrefixTitle));
  }
  const bool wildcard = !quoted && text.size() > 1 && text.back() == '*';
  const auto terms = splitter_.split(normalize_text(wildcard ? text.substr(0, text.size() - 1) : text));
  if (wildcard && terms.size() == 1 && code_point_count(terms.front()) >= kMinWildcardLetters) {
    ++parsed.wildcards;
    return Xapian::Query(Xapian::Query::OP_WILDCARD, terms.front(), kWildcardLimit,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  if (!quoted && !negated && terms.size() == 1) {
    word = terms.front();
    return Xapian::Query();
  }
  return words_query(text, quoted, "");
}

ParsedQuery QueryBuilder::parse(std::string_view user_query) {
  ParsedQuery parsed;
  organizations_.clear();
  skeletons_.clear();
  skeleton_scripts_.clear();
  std::vector<Clause> clauses;
  std::vector<RunWord> run;
  bool pending_or = false, pending_not = false;
  bool unindexable = false;  // a token that is neither a word nor a field: "!!!"
  for (const auto& token : lex(user_query)) {
    if (!token.quoted && (token.text == "OR" || token.text == "||")) {
      pending_or = !clauses.empty() || !run.empty();
      continue;
    }
    if (!token.quoted && (token.text == "AND" || token.text == "&&")) continue;
    if (!token.quoted && token.text == "NOT") { pending_not = true; continue; }
    Clause clause;
    clause.negated = token.negated || pending_not;
    clause.or_with_previous = pending_or;
    pending_or = pending_not = false;
    std::string word;
    bool field = false;
    clause.query = token_query(token.text, token.quoted, clause.negated, parsed, word, field);
    if (!word.empty()) {
      run.push_back({word, clause.or_with_previous});
    } else if (!clause.query.empty()) {
      add_run(run, clauses);
      clause.stopword = !token.quoted && !clause.negated &&
                        is_initialism_without_name(splitter_.split(normalize_text(token.text)));
      clauses.push_back(std::move(clause));
    } else if (!clause.negated && !field) {
      unindexable = true;
    }
  }
  add_run(run, clauses);
  parsed.organizations = std::move(organizations_);
  parsed.skeletons = std::move(skeletons_);
  parsed.skeleton_scripts = std::move(skeleton_scripts_);
  parsed.has_text = !clauses.empty();
  for (const auto& clause : clauses) parsed.content_words += !clause.negated && !clause.stopword;
  if (clauses.empty()) {
    // No words: every item (under the filters), unless what was typed had nothing indexable.
    parsed.text = parsed.relaxed = unindexable ? Xapian::Query() : match_all();
    return parsed;
  }
  parsed.text = combine(clauses, Xapian::Query::OP_AND);
  parsed.relaxed = combine(clauses, Xapian::Query::OP_OR);
  collect_concepts(clauses, parsed);
  return parsed;
}

}  // namespace caravan
