// The recency boost: hyperbolic decay with the age of the item.
#include "searchd/recency_source.h"

#include <algorithm>

namespace caravan {

RecencySource::RecencySource(Xapian::valueno slot, double newest_day, double max_boost, double half_life_days)
    : Xapian::ValuePostingSource(slot),
      newest_day_(newest_day),
      max_boost_(max_boost),
      half_life_days_(std::max(half_life_days, 1.0)) {
  set_maxweight(max_boost_);
}

double RecencySource::get_weight() const {
  const double day = Xapian::sortable_unserialise(get_value());
  const double age = std::max(0.0, newest_day_ - day);
  return max_boost_ / (1.0 + age / half_life_days_);
}

namespace {

double boost_at(double age, double max_boost, double half_life_days) {
  return max_boost / (1.0 + std::max(0.0, age) / std::max(half_life_days, 1.0));
}

}  // namespace

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
  return new RecencySource(get_slot(), newest_day_, max_boost_, half_life_days_);
}

std::string RecencySource::get_description() const {
  return "RecencySource(boost=" + std::to_string(max_boost_) + ", half_life=" + std::to_string(half_life_days_) + ")";
}

}  // namespace caravan
