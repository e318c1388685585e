// Related items by relevance feedback: the document's expand terms as a weighted OR query.
#include "searchd/related_items.h"

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

}  // namespace

Xapian::MSet related_items(Xapian::Database& db, Xapian::docid docid, bool stemmed, const RelatedSettings& settings) {
  Xapian::Enquire enquire(db);
  Xapian::RSet relevant;
  relevant.add_document(docid);
  const TextTerms decider(stemmed);
  const Xapian::ESet eset = enquire.get_eset(settings.expand_terms, relevant, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const std::string term = *it;
    if (it.get_weight() <= 0) continue;
    const double scale = starts_with(term, schema::kPrefixSkeleton) ? settings.skeleton_weight : 1.0;
    terms.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), it.get_weight() * scale);
  }
  if (terms.empty()) return Xapian::MSet();
  Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  const std::string itself = id_term_of(db, docid);
  if (!itself.empty()) query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(itself));
  enquire.set_query(query);
  return enquire.get_mset(0, settings.items);
}

}  // namespace caravan
