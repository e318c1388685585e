// Facet and day-number columns loaded once per index revision, and the MatchSpy that counts facets from them.
#include "searchd/facet_columns.h"

#include <cmath>
#include <unordered_map>

#include "core/schema.h"
#include "searchd/facet_counter.h"

namespace caravan {
namespace {

template <typename Each>
void split_set(const std::string& set, bool multivalued, Each each) {
  if (!multivalued) {
    if (!set.empty()) each(set);
    return;
  }
  for (size_t start = 0; start < set.size();) {
    size_t end = set.find(schema::kValueSetSeparator, start);
    if (end == std::string::npos) end = set.size();
    if (end > start) each(set.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

const std::vector<std::string>& FacetColumns::facets() {
  static const std::vector<std::string> names = {"country", "organization", "year", "month", "lang"};
  return names;
}

int FacetColumns::facet_index(const std::string& facet) {
  const auto& names = facets();
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == facet) return static_cast<int>(i);
  return -1;
}

FacetColumns::FacetColumns(const Xapian::Database& db) : last_docid_(db.get_lastdocid()) {
  columns_.resize(facets().size());
  for (size_t i = 0; i < facets().size(); ++i)
    load(db, static_cast<int>(i), facet_slot(facets()[i]), facet_is_multivalued(facets()[i]));
  load_days(db);
}

void FacetColumns::load_days(const Xapian::Database& db) {
  days_.assign(static_cast<size_t>(last_docid_) + 1, kUndated);
  const Xapian::valueno slot = schema::kSlotDayNumber;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    if (it.get_docid() > last_docid_) break;
    const double day = Xapian::sortable_unserialise(*it);
    if (day != std::floor(day) || day <= kUndated || day > INT32_MAX) {
      has_days_ = false;  // not a whole day in range: the exact value is read from the slot
      days_.clear();
      days_.shrink_to_fit();
      return;
    }
    days_[it.get_docid()] = static_cast<int32_t>(day);
  }
}

void FacetColumns::load(const Xapian::Database& db, int facet, Xapian::valueno slot, bool multivalued) {
  Column& column = columns_[facet];
  std::unordered_map<std::string, uint32_t> ids;
  column.offsets.assign(static_cast<size_t>(last_docid_) + 2, 0);
  Xapian::docid filled = 0;  // offsets[1..filled] are set
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    const Xapian::docid doc = it.get_docid();
    if (doc > last_docid_) break;
    while (filled < doc) column.offsets[++filled] = static_cast<uint32_t>(column.ids.size());
    split_set(*it, multivalued, [&](const std::string& value) {
      auto [found, added] = ids.try_emplace(value, static_cast<uint32_t>(column.names.size()));
      if (added) column.names.push_back(value);
      column.ids.push_back(found->second);
    });
  }
  while (filled <= last_docid_) column.offsets[++filled] = static_cast<uint32_t>(column.ids.size());
}

ColumnCountSpy::ColumnCountSpy(std::shared_ptr<const FacetColumns> columns, std::vector<std::string> facets)
    : columns_(std::move(columns)) {
  for (const auto& facet : facets) {
    const int index = FacetColumns::facet_index(facet);
    if (index < 0) continue;
    facets_.push_back(index);
    counts_.emplace_back(columns_->value_count(index), 0);
  }
}

void ColumnCountSpy::operator()(const Xapian::Document& doc, double) {
  const Xapian::docid id = doc.get_docid();
  if (id <= columns_->last_docid()) {
    for (size_t i = 0; i < facets_.size(); ++i) columns_->count(id, facets_[i], counts_[i]);
    return;
  }
  for (const int facet : facets_) {
    const std::string& name = FacetColumns::facets()[facet];
    split_set(doc.get_value(facet_slot(name)), facet_is_multivalued(name),
              [&](const std::string& value) { ++beyond_[facet][value]; });
  }
}

std::map<std::string, std::map<std::string, Xapian::doccount>> ColumnCountSpy::counts() const {
  std::map<std::string, std::map<std::string, Xapian::doccount>> result;
  for (size_t i = 0; i < facets_.size(); ++i) {
    auto& values = result[FacetColumns::facets()[facets_[i]]];
    for (uint32_t id = 1; id < counts_[i].size(); ++id)
      if (counts_[i][id]) values[columns_->value_name(facets_[i], id)] += counts_[i][id];
    auto beyond = beyond_.find(facets_[i]);
    if (beyond != beyond_.end())
      for (const auto& [value, count] : beyond->second) values[value] += count;
  }
  return result;
}

std::shared_ptr<const FacetColumns> FacetColumnsCache::find(const std::string& key) {
  std::lock_guard lock(mutex_);
  for (const auto& [kept_key, columns] : kept_)
    if (kept_key == key) return columns;
  return nullptr;
}

std::shared_ptr<const FacetColumns> FacetColumnsCache::get(const Xapian::Database& db) {
  std::string key;
  try {
    key = db.get_uuid() + ":" + std::to_string(db.get_revision());
  } catch (const Xapian::Error&) {
    return nullptr;  // several shards: no single revision to key on; the stock spies count
  }
  if (auto columns = find(key)) return columns;
  std::unique_lock loading(loading_, std::try_to_lock);
  if (!loading.owns_lock()) return nullptr;
  if (auto columns = find(key)) return columns;
  std::shared_ptr<const FacetColumns> columns;
  try {
    columns = std::make_shared<const FacetColumns>(db);
  } catch (const Xapian::Error&) {
    return nullptr;  // e.g. a remote shard: no value streams
  }
  std::lock_guard lock(mutex_);
  kept_.emplace_back(key, columns);
  if (kept_.size() > 2) kept_.erase(kept_.begin());
  return columns;
}

}  // namespace caravan
