// A posting source that adds a recency boost to every matching dated document.
#pragma once

#include <xapian.h>

#include <string>

namespace caravan {

// weight = max_boost / (1 + age_days / half_life_days), where age is measured from the newest
// document in the index (so an archive still ranks newer items higher). Undated items get 0.
// Combined with the text query under OP_AND_MAYBE, it only reorders matches, never adds any.
class RecencySource : public Xapian::ValuePostingSource {
 public:
  RecencySource(Xapian::valueno slot, double newest_day, double max_boost, double half_life_days);

  double get_weight() const override;
  RecencySource* clone() const override;
  std::string name() const override { return "caravan::RecencySource"; }
  std::string get_description() const override;

 private:
  double newest_day_, max_boost_, half_life_days_;
};

}  // namespace caravan
