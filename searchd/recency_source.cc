// The recency boost: hyperbolic decay with the age of the item.
#include "searchd/recency_source.h"

#include <algorithm>
#include <vector>

#include "core/schema.h"

namespace caravan {

RecencySource::RecencySource(Xapian::valueno slot, double newest_day, double max_boost, double half_life_days,
                             double undated_weight, std::shared_ptr<const FacetColumns> columns)
    : slot_(slot),
      newest_day_(newest_day),
      max_boost_(max_boost),
      half_life_days_(std::max(half_life_days, 1.0)),
      undated_weight_(undated_weight),
      columns_(slot == schema::kSlotDayNumber && columns && columns->has_days() ? std::move(columns) : nullptr) {
  set_maxweight(std::max(max_boost_, undated_weight_));
}

void RecencySource::init(const Xapian::Database& db) {
  db_ = db;
  current_ = 0;
  dated_ = false;
  last_ = db_.get_lastdocid();
  termfreq_ = db_.get_doccount();
  in_columns_ = columns_ ? std::min(columns_->last_docid(), last_) : 0;
  if (in_columns_ < last_) value_ = db_.valuestream_begin(slot_);
}

void RecencySource::next(double min_wt) { skip_to(current_ + 1, min_wt); }

// Every document id up to the last matches (an id without a document is never weighed: the text
// query beside it under OP_AND_MAYBE matches no such id). ValueIterator::check, not skip_to,
// as ValuePostingSource does: skip_to was twice its cost per document (make profile-searchd).
void RecencySource::skip_to(Xapian::docid did, double) {
  if (did <= current_) return;
  current_ = did;
  if (did <= in_columns_) {
    day_ = columns_->day(did);
    dated_ = day_ != FacetColumns::kUndated;
    return;
  }
  dated_ = value_ != db_.valuestream_end(slot_) && value_.check(current_) &&
           value_ != db_.valuestream_end(slot_) && value_.get_docid() == current_;
}

double RecencySource::get_weight() const {
  if (!dated_) return undated_weight_;
  const double day = current_ <= in_columns_ ? day_ : Xapian::sortable_unserialise(*value_);
  const double age = std::max(0.0, newest_day_ - day);
  return max_boost_ / (1.0 + age / half_life_days_);
}

namespace {

constexpr Xapian::doccount kReadAllBelow = 4 * kMedianSamples;

double boost_at(double age, double max_boost, double half_life_days) {
  return max_boost / (1.0 + std::max(0.0, age) / std::max(half_life_days, 1.0));
}

}  // namespace

double undated_boost(const Xapian::Database& db, Xapian::valueno slot, double newest_day, double max_boost,
                     double half_life_days) {
  const Xapian::docid last = db.get_lastdocid();
  if (last == 0 || db.get_value_freq(slot) == 0) return 0;
  std::vector<double> boosts;
  try {
    // Few dated items: all of them; else the first dated item at or after each sampled id.
    const bool all = db.get_value_freq(slot) <= kReadAllBelow;
    Xapian::ValueIterator value = db.valuestream_begin(slot);
    for (unsigned i = 0; value != db.valuestream_end(slot) && (all || i < kMedianSamples); ++i) {
      const auto at = static_cast<Xapian::docid>(1 + static_cast<double>(last - 1) * i / (kMedianSamples - 1));
      if (i > 0 && all) ++value;
      else if (value.get_docid() < at) value.skip_to(at);
      if (value == db.valuestream_end(slot)) break;
      boosts.push_back(boost_at(newest_day - Xapian::sortable_unserialise(*value), max_boost, half_life_days));
    }
  } catch (const Xapian::UnimplementedError&) {
    boosts.clear();  // a remote shard streams no values: the boost halfway between the oldest and newest day
    const double oldest = Xapian::sortable_unserialise(db.get_value_lower_bound(slot));
    boosts.push_back(boost_at((newest_day - oldest) / 2, max_boost, half_life_days));
  }
  if (boosts.empty()) return 0;
  std::nth_element(boosts.begin(), boosts.begin() + boosts.size() / 2, boosts.end());
  return boosts[boosts.size() / 2];
}

Xapian::Query recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost, double half_life_days,
                            bool stock, std::shared_ptr<const FacetColumns> columns) {
  const std::string upper = db.get_value_upper_bound(slot);
  if (upper.empty()) return Xapian::Query::MatchNothing;
  const double newest = Xapian::sortable_unserialise(upper);
  const double neutral = undated_boost(db, slot, newest, max_boost, half_life_days);
  if (!stock) return Xapian::Query((new RecencySource(slot, newest, max_boost, half_life_days, neutral, std::move(columns)))->release());
  const Xapian::Query dated_boost = stock_recency_query(db, slot, max_boost, half_life_days);
  if (neutral <= 0 || db.get_value_freq(slot) == db.get_doccount()) return dated_boost;  // no undated item
  auto* fixed = new Xapian::FixedWeightPostingSource(neutral);
  const Xapian::Query dated(Xapian::Query::OP_VALUE_GE, slot, db.get_value_lower_bound(slot));
  return Xapian::Query(Xapian::Query::OP_OR, dated_boost,
                       Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query(fixed->release()), dated));
}

Xapian::Query stock_recency_query(const Xapian::Database& db, Xapian::valueno slot, double max_boost,
                                  double half_life_days) {
  const std::string upper = db.get_value_upper_bound(slot);
  if (upper.empty()) return Xapian::Query::MatchNothing;
  const double newest = Xapian::sortable_unserialise(upper);
  const double oldest = std::max(Xapian::sortable_unserialise(db.get_value_lower_bound(slot)), newest - kMappedDays);
  auto* source = new Xapian::ValueMapPostingSource(slot);
  for (double day = newest; day >= oldest; day -= 1)
    source->add_mapping(Xapian::sortable_serialise(day), boost_at(newest - day, max_boost, half_life_days));
  source->set_default_weight(boost_at(kMappedDays, max_boost, half_life_days));
  return Xapian::Query(source->release());
}

RecencySource* RecencySource::clone() const {
  return new RecencySource(slot_, newest_day_, max_boost_, half_life_days_, undated_weight_, columns_);
}

std::string RecencySource::get_description() const {
  return "RecencySource(boost=" + std::to_string(max_boost_) + ", half_life=" + std::to_string(half_life_days_) +
         ", undated=" + std::to_string(undated_weight_) + (columns_ ? ", day column" : "") + ")";
}

}  // namespace caravan
