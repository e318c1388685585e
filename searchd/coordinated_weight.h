// Coordination on top of BM25: items with more of the query's concepts first, BM25 within.
#pragma once

#include <xapian.h>

#include <string>

namespace caravan {

// Xapian's BM25 (its default parameters: k1 1, k3 1, b 0.5, min_normlen 0.5) plus a fixed
// bonus for every matched term whose weight factor is above 0: an item matching more of the
// query's concepts gains that much per concept, and BM25 orders items matching as many. A group
// of variants under OP_SYNONYM weighs as one term, and the query builder makes a word's other
// variants (other-script spellings, entity terms) count once (searchd/query_builder.cc). A boolean term (wdf 0: a
// facet term) gets the bonus and no BM25 part: it counts as the concept matched, below literal
// matches. get_maxpart stays a true bound, so Xapian still prunes (an OR of k words needed
// at once decays towards an AND). One object per Enquire; Xapian clones it per term.
class CoordinatedWeight : public Xapian::Weight {
 public:
  explicit CoordinatedWeight(double bonus);

  CoordinatedWeight* clone() const override;
  void init(double factor) override;
  std::string name() const override { return "caravan::CoordinatedWeight"; }
  std::string serialise() const override;
  CoordinatedWeight* unserialise(const std::string& serialised) const override;
  double get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount uniqterms) const override;
  double get_maxpart() const override;
  double get_sumextra(Xapian::termcount, Xapian::termcount) const override { return 0; }
  double get_maxextra() const override { return 0; }

 private:
  double bonus_;
  double applied_bonus_ = 0;  // bonus_, or 0 for a term weighed with factor 0
  double termweight_ = 0, len_factor_ = 0;
};

// The bonus for a database of that size: `strength` times ln(documents + 1), about what a
// rare word's BM25 part weighs; from about 4 up, items are ordered by the number of concepts
// they match, below it a rare word can outweigh a common one.
double coordination_bonus(double strength, Xapian::doccount documents);

}  // namespace caravan
