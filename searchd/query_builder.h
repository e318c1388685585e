// Turns what a user typed into a Xapian query: words in any language, phrases, -exclusions,
// OR, prefix*, and field filters (country:KZ org:UNODC lang:ru year:2020 date:2020-10 title:word).
#pragma once

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/analyzer.h"
#include "core/terms.h"
#include "core/transliteration.h"
#include "searchd/entity_names.h"

namespace caravan {

struct ParsedQuery {
  Xapian::Query text;           // every item when the query has no words; none when it had nothing indexable
  Xapian::Query relaxed;        // the same words with any of them enough (OR), for a fallback
  // For coordination (coordinated_query): the query's concepts, each word with its variants
  // (other-script spellings; the facet terms of a country or organization it names) counting
  // once, and what the items must not match (empty: nothing excluded).
  std::vector<Xapian::Query> concepts;
  // Per concept, the items it matches as one flat OR of its terms, without weights: what the
  // coordination bonus filters on, cheaper to match than the concept's nested alternatives.
  std::vector<Xapian::Query> concept_terms;
  Xapian::Query excluded;
  bool has_text = false;
  unsigned content_words = 0;   // positive clauses that are not stopwords
  unsigned wildcards = 0;       // prefix* words (each expands to at most 200 index words)
  std::map<std::string, std::set<std::string>> filters;  // facet name -> values from field syntax
  std::string from, to;         // from date: fields, "YYYY-MM-DD"
  // For highlighting what matched without being written as typed: the organizations a run of
  // words named through the index's synonyms ("UNODC"), and the cross-script skeletons of the
  // words (searchd/highlights.h).
  std::set<std::string> organizations;
  std::set<std::string> skeletons;
  std::set<std::string> skeleton_scripts;  // the scripts of the words those skeletons came from
};

// The concepts joined by `between` (OP_AND: every one; OP_OR: any), each adding `bonus` to the
// weight of the items that match it, so that under OP_OR items with more of them rank first and
// BM25 orders those with as many (the bonus filtered on parsed.concept_terms, the concept when
// there are none). Stock Xapian only (FixedWeightPostingSource under OP_FILTER),
// so remote shards weigh it as local ones do. Without concepts (no words): parsed.text.
Xapian::Query coordinated_query(const ParsedQuery& parsed, Xapian::Query::op between, double bonus);

// The bonus per concept for a database of that size: `strength` times ln(documents + 1),
// about what a rare word's BM25 part weighs.
double coordination_bonus(double strength, Xapian::doccount documents);

// Each word matches its inflected forms in every indexed language of its script: the word and
// its stems ("Z" terms) in those languages are OR-ed under OP_SYNONYM, so a word weighs as one
// term; a word also matches names in the other script through their skeletons (XT terms, at
// a lower weight). Words are split exactly as TermGenerator splits them at indexing time. Syntax errors
// never throw: an unclosed quote ends at the end, an unknown field is a plain word; but a date
// field naming a day or month that does not exist (date:2021-02-29, month:2020-13) throws
// ApiError(kBadParameter), rather than filter out everything in silence. Words that
// are stopwords are dropped unless the query has nothing else. Runs of plain words that are a
// synonym key in the index also match the key's synonyms ("УНП ООН" finds documents tagged
// XO:UNODC, whatever name they use). One builder per thread.
class QueryBuilder {
 public:
  // skeleton may be null: no cross-script matching. synonyms (the index) may be null: no
  // synonym expansion; the indexer stores organization names there (UNODC = "УНП ООН").
  // entities may be null: no entity expansion; else a word or run of words naming a country or
  // an organization (searchd/entity_names.h) also matches, in ParsedQuery::concepts, the
  // items tagged with it (facet terms, which weigh no BM25: below literal matches), unless
  // expand_entities is false: then the names only tell "U.S." (a name) from "e.g." (none).
  QueryBuilder(const Analyzer& analyzer, const std::vector<std::string>& index_languages,
               const NameSkeleton* skeleton = nullptr, const Xapian::Database* synonyms = nullptr,
               const EntityNames* entities = nullptr, bool expand_entities = true);

  ParsedQuery parse(std::string_view user_query);

  // The OP_SYNONYM of one normalized word's forms under a term prefix ("" or "S"); without a
  // prefix, OR-ed with the word's cross-script skeleton at a lower weight, so "Tashkent" finds
  // "Ташкент" but ranks same-script matches first.
  Xapian::Query word_query(const std::string& word, const std::string& prefix = "");

 private:
  struct Clause {
    Xapian::Query query;
    std::vector<Xapian::Query> concepts;  // for coordination, when not `query`: one per word
    std::vector<Xapian::Query> concept_terms;  // the items each of concepts matches (ParsedQuery)
    bool negated = false;
    bool or_with_previous = false;
    bool stopword = false;
  };

  struct RunWord {
    std::string term;
    bool or_with_previous;
  };

  Xapian::Query token_query(const std::string& text, bool quoted, bool negated, ParsedQuery& parsed, std::string& word,
                            bool& field_applied);
  void add_run(std::vector<RunWord>& run, std::vector<Clause>& clauses);
  std::vector<std::vector<std::string>> entity_terms(const std::vector<RunWord>& run);
  Xapian::Query synonym_query(const std::string& key);
  bool apply_field(const std::string& field, const std::string& value, ParsedQuery& parsed);
  Xapian::Query words_query(const std::string& text, bool as_phrase, const std::string& prefix);
  bool is_stopword(const std::string& word) const;
  bool is_initialism_without_name(const std::vector<std::string>& terms) const;
  Xapian::Query skeleton_query(const std::string& word, std::vector<Xapian::Query>* also = nullptr);
  std::set<std::string> skeletons_of(const std::string& word) const;
  std::vector<std::string> form_terms(const std::string& word, const std::string& prefix);
  Xapian::Query word_forms(const std::string& word, const std::string& prefix);
  Xapian::Query other_script(const std::string& word, std::vector<Xapian::Query>* terms = nullptr);
  struct Concept {
    Xapian::Query query, terms;  // as ParsedQuery::concepts and concept_terms
  };
  Concept word_concept(const std::string& word, const Xapian::Query& synonyms, const std::vector<std::string>& entities);
  static Xapian::Query combine(const std::vector<Clause>& clauses, Xapian::Query::op between_groups);
  static void collect_concepts(const std::vector<Clause>& clauses, ParsedQuery& parsed);

  const Analyzer& analyzer_;
  const NameSkeleton* skeleton_;
  const Xapian::Database* synonyms_;
  const EntityNames* entities_;
  bool expand_entities_;
  std::vector<std::string> index_languages_;
  std::map<std::string, Xapian::Stem> stemmers_;  // by language, for the index's languages
  TermSplitter splitter_;
  std::set<std::string> organizations_, skeletons_, skeleton_scripts_;  // of the query being parsed
};

}  // namespace caravan
