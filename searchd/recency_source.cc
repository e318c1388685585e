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

RecencySource* RecencySource::clone() const {
  return new RecencySource(get_slot(), newest_day_, max_boost_, half_life_days_);
}

std::string RecencySource::get_description() const {
  return "RecencySource(boost=" + std::to_string(max_boost_) + ", half_life=" + std::to_string(half_life_days_) + ")";
}

}  // namespace caravan
