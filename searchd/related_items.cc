// Related items by relevance feedback: the document's expand terms as a weighted OR query.
#include "searchd/related_items.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/schema.h"

namespace caravan {
namespace {

bool starts_with(const std::string& term, std::string_view prefix) { return term.compare(0, prefix.size(), prefix) == 0; }

// Text terms only: stems (or, for a language without a stemmer, the unprefixed words) and name
// skeletons; never ids, facets, dates or title-field duplicates.
class TextTerms : public Xapian::ExpandDecider {
 public:
  explicit TextTerms(bool stemmed) : stemmed_(stemmed) {}
  bool operator()(const std::string& term) const override {
    if (term.empty()) return false;
    if (starts_with(term, schema::kPrefixSkeleton)) return true;
    if (stemmed_) return starts_with(term, schema::kPrefixStem);
    const unsigned char first = static_cast<unsigned char>(term[0]);
    return !(first >= 'A' && first <= 'Z');  // prefixes are capitals; words are case-folded
  }

 private:
  bool stemmed_;
};

// The document's own id term (Q<id>), to leave it out of its related items by query: a
// MatchDecider would do it locally, but Xapian 1.4's remote backend refuses MatchDeciders.
std::string id_term_of(const Xapian::Database& db, Xapian::docid docid) {
  Xapian::TermIterator term = db.termlist_begin(docid);
  term.skip_to(std::string(schema::kPrefixId));
  if (term == db.termlist_end(docid) || !starts_with(*term, schema::kPrefixId)) return "";
  return *term;
}

struct ExpandTerm {
  std::string term;
  double weight;
};

using Candidates = std::vector<std::pair<std::string, Xapian::termcount>>;  // term, wdf

// How many items hold each candidate. Locally each is a cheap look-up. Over remote shards each
// would be a round trip per shard (a term list's get_termfreq, and Enquire::get_eset, which also
// asks each term's collection frequency: 500 round trips for one item on two xapian-tcpsrv),
// so there one match of no hits over all the terms brings them (MSet::get_termfreq): one round
// trip per shard.
std::vector<Xapian::doccount> term_frequencies(const Xapian::Database& db, const Candidates& candidates, bool remote) {
  std::vector<Xapian::doccount> frequencies;
  if (!remote) {
    for (const auto& candidate : candidates) frequencies.push_back(db.get_termfreq(candidate.first));
    return frequencies;
  }
  std::vector<Xapian::Query> all;
  for (const auto& candidate : candidates) all.emplace_back(candidate.first);
  Xapian::Enquire statistics(db);
  statistics.set_query(Xapian::Query(Xapian::Query::OP_OR, all.begin(), all.end()));
  const Xapian::MSet matched = statistics.get_mset(0, 0);
  for (const auto& candidate : candidates) frequencies.push_back(matched.get_termfreq(candidate.first));
  return frequencies;
}

// The document's `count` best text terms under Xapian's TradEWeight with the document as the
// one relevant item: the weights Enquire::get_eset gives (ties at the cut are kept in term order).
std::vector<ExpandTerm> expand_terms(const Xapian::Database& db, Xapian::docid docid, const TextTerms& wanted,
                                     unsigned count, bool remote) {
  Candidates candidates;
  for (auto it = db.termlist_begin(docid); it != db.termlist_end(docid); ++it)
    if (wanted(*it)) candidates.emplace_back(*it, std::max<Xapian::termcount>(it.get_wdf(), 1));
  if (candidates.empty()) return {};
  const std::vector<Xapian::doccount> frequencies = term_frequencies(db, candidates, remote);

  constexpr double k = 1.0;  // TradEWeight's expand_k
  const double documents = db.get_doccount();
  const double length_part = k * db.get_doclength(docid) / std::max(db.get_avlength(), 1.0);
  std::vector<ExpandTerm> terms;
  for (size_t i = 0; i < candidates.size(); ++i) {
    auto& [term, wdf] = candidates[i];
    const double items = std::max<Xapian::doccount>(frequencies[i], 1);
    const double multiplier = (k + 1) * wdf / (length_part + wdf);
    // R = r = 1: log((r + 0.5)(N - n - (R - r) + 0.5) / ((n - r + 0.5)(R - r + 0.5)))
    const double weight = multiplier * std::log(1.5 * (documents - items + 0.5) / ((items - 0.5) * 0.5));
    if (weight > 0) terms.push_back({std::move(term), weight});
  }
  const auto better = [](const ExpandTerm& a, const ExpandTerm& b) {
    return a.weight != b.weight ? a.weight > b.weight : a.term < b.term;
  };
  const size_t kept = std::min<size_t>(count, terms.size());
  std::partial_sort(terms.begin(), terms.begin() + static_cast<std::ptrdiff_t>(kept), terms.end(), better);
  terms.resize(kept);
  return terms;
}

}  // namespace

Xapian::MSet related_items(Xapian::Database& db, Xapian::docid docid, bool stemmed, bool remote,
                           const RelatedSettings& settings) {
  std::vector<Xapian::Query> terms;
  for (const auto& [term, weight] : expand_terms(db, docid, TextTerms(stemmed), settings.expand_terms, remote)) {
    const double scale = starts_with(term, schema::kPrefixSkeleton) ? settings.skeleton_weight : 1.0;
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), weight * scale);
  }
  if (terms.empty()) return Xapian::MSet();
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  const std::string itself = id_term_of(db, docid);
  if (!itself.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(itself));
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  return enquire.get_mset(0, settings.items);
}

}  // namespace caravan
