// A posting source that adds a recency boost to every document, the undated ones at the median boost.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "searchd/facet_columns.h"

namespace caravan {

// weight = max_boost / (1 + age_days / half_life_days), where age is measured from the newest
// document in the index (so an archive still ranks newer items higher); an undated item gets
// `undated_weight` (recency_query: the median boost). Every document matches it, and it is
// positioned only by skip_to/check (one forward step in the date stream per document weighed),
// so combined with the text query under OP_AND_MAYBE it costs what the text matches, not what
// the index holds (an AND_NOT of every document against the dated ones read them all, each
// query: 9% of searchd's CPU at 100k items), and it only reorders matches, never adds any.
// Given the columns of the revision it runs on (a local index, slot schema::kSlotDayNumber), it
// reads each document's day from their day column, not from the value stream (ValueIterator::check
// was still about 9% of searchd's CPU at 100k items); documents past the columns from the stream.
class RecencySource : public Xapian::PostingSource {
 public:
  RecencySource(Xapian::valueno slot, double newest_day, double max_boost, double half_life_days,
                double undated_weight = 0, std::shared_ptr<const FacetColumns> columns = nullptr);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return termfreq_; }
  Xapian::doccount get_termfreq_est() const override { return termfreq_; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override;
  RecencySource* clone() const override;
  std::string name() const override { return "caravan::RecencySource"; }
  std::string get_description() const override;

 private:
  Xapian::valueno slot_;
  double newest_day_, max_boost_, half_life_days_, undated_weight_;
  std::shared_ptr<const FacetColumns> columns_;  // null, or with a day column
  Xapian::docid in_columns_ = 0;                 // the last docid the day column covers
  Xapian::Database db_;
  Xapian::ValueIterator value_;  // at current_ when dated_ and current_ > in_columns_
  Xapian::docid current_ = 0, last_ = 0;
  bool dated_ = false;
  int32_t day_ = 0;  // of current_ when dated_ and current_ <= in_columns_
  Xapian::doccount termfreq_ = 0;
};

// The boost an undated item gets: the median boost of the dated items, all of them when they
// are few, else estimated from the dates of kMedianSamples items at evenly spaced document ids
// (so it never costs more than that many value look-ups). 0 when no item has a date.
inline constexpr unsigned kMedianSamples = 101;
double undated_boost(const Xapian::Database& db, Xapian::valueno slot, double newest_day, double max_boost,
                     double half_life_days);

// The boost of every item: RecencySource's (or stock_recency_query's, with `stock`, OR-ed with
// the median boost for the undated items when there are any), so that a missing date never ranks an
// item below a dated one of the same text score that is older than the median. `columns`: those
// of db's revision (FacetColumnsCache::get), for RecencySource's day reads; null for none.
Xapian::Query recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost, double half_life_days,
                            bool stock, std::shared_ptr<const FacetColumns> columns = nullptr);

// The same boost from Xapian's stock ValueMapPostingSource, which xapian-tcpsrv knows (it cannot
// run RecencySource): one weight per day from the oldest dated item to the newest, computed as
// RecencySource computes it, so the scores are the same; days more than kMappedDays before the
// newest all get the weight of that age (the only difference, for items over 20 years older).
inline constexpr int kMappedDays = 7305;
Xapian::Query stock_recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost,
                                  double half_life_days);

}  // namespace caravan
