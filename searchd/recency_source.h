// A posting source that adds a recency boost to every matching dated document.
#pragma once

#include <xapian.h>

#include <string>

namespace caravan {

// weight = max_boost / (1 + age_days / half_life_days), where age is measured from the newest
// document in the index (so an archive still ranks newer items higher). Undated items do not
// match it: recency_query gives them the median boost.
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

// The boost an undated item gets: the median boost of the dated items, all of them when they
// are few, else estimated from the dates of kMedianSamples items at evenly spaced document ids
// (so it never costs more than that many value look-ups). 0 when no item has a date.
inline constexpr unsigned kMedianSamples = 101;
double undated_boost(const Xapian::Database& db, Xapian::valueno slot, double newest_day, double max_boost,
                     double half_life_days);

// The boost of every item: RecencySource's for dated items (or stock_recency_query's, with
// `stock`), OR the median boost for the undated ones, so that a missing date never ranks an
// item below a dated one of the same text score that is older than the median.
Xapian::Query recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost, double half_life_days,
                            bool stock);

// The same boost from Xapian's stock ValueMapPostingSource, which xapian-tcpsrv knows (it cannot
// run RecencySource): one weight per day from the oldest dated item to the newest, computed as
// RecencySource computes it, so the scores are the same; days more than kMappedDays before the
// newest all get the weight of that age (the only difference, for items over 20 years older).
inline constexpr int kMappedDays = 7305;
Xapian::Query stock_recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost,
                                  double half_life_days);

}  // namespace caravan
