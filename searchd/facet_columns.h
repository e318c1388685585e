// Compact per-document columns of one index revision (five facets, the day number), and a MatchSpy counting facets.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace caravan {

// The five facets' values of every document as small integer ids (0: none), and its day number
// (schema::kSlotDayNumber, for RecencySource: 4 bytes a document), read once per index revision
// from the value slots the indexer fills (core/schema.h). Immutable after load, so one instance
// is shared read-only by every request on that revision.
class FacetColumns {
 public:
  // Reads every value stream of `db` (a local index; throws Xapian::Error otherwise).
  explicit FacetColumns(const Xapian::Database& db);

  // The facets FacetColumns knows, in the order of facet_index().
  static const std::vector<std::string>& facets();
  static int facet_index(const std::string& facet);  // -1 for an unknown facet

  Xapian::docid last_docid() const { return last_docid_; }
  size_t value_count(int facet) const { return columns_[facet].names.size(); }
  const std::string& value_name(int facet, uint32_t id) const { return columns_[facet].names[id]; }

  // Every day number in the index is a whole number of days that fits day(); false when the
  // index holds others (then there is no day column and RecencySource reads the value slot).
  static constexpr int32_t kUndated = INT32_MIN;
  bool has_days() const { return has_days_; }
  // With has_days(): the day number of a document up to last_docid() (days since 1970-01-01),
  // kUndated if it has none.
  int32_t day(Xapian::docid doc) const { return days_[doc]; }

  // Adds one to counts[facet][id] for every value of the document.
  void count(Xapian::docid doc, int facet, std::vector<uint32_t>& counts) const {
    const Column& column = columns_[facet];
    for (uint32_t at = column.offsets[doc], end = column.offsets[doc + 1]; at < end; ++at) ++counts[column.ids[at]];
  }

 private:
  struct Column {
    std::vector<std::string> names{""};  // id -> value; id 0 is "none"
    std::vector<uint32_t> offsets;       // doc -> its first id in ids; offsets[doc + 1] ends it
    std::vector<uint32_t> ids;
  };
  void load(const Xapian::Database& db, int facet, Xapian::valueno slot, bool multivalued);
  void load_days(const Xapian::Database& db);

  Xapian::docid last_docid_ = 0;
  std::vector<Column> columns_;
  std::vector<int32_t> days_;  // docid -> day number; kUndated for none
  bool has_days_ = true;
};

// Counts the chosen facets of each match from FacetColumns: one array increment per value instead
// of ValueCountMatchSpy's string map per slot. A document past the columns (cannot happen while
// the revision matches) is counted from its value slots instead, so counts stay exact.
class ColumnCountSpy : public Xapian::MatchSpy {
 public:
  ColumnCountSpy(std::shared_ptr<const FacetColumns> columns, std::vector<std::string> facets);
  void operator()(const Xapian::Document& doc, double weight) override;
  std::string name() const override { return "caravan::ColumnCountSpy"; }

  // facet -> value -> count, values split and without "none", as FacetCounter::counts() gives them.
  std::map<std::string, std::map<std::string, Xapian::doccount>> counts() const;

 private:
  std::shared_ptr<const FacetColumns> columns_;
  std::vector<int> facets_;
  std::vector<std::vector<uint32_t>> counts_;  // per entry of facets_, per value id
  std::map<int, std::map<std::string, Xapian::doccount>> beyond_;  // documents past the columns
};

// The columns of the index revision a request reads, loaded when a request first sees that
// revision (its UUID and revision number) and kept for later requests: the two newest revisions,
// so requests still running on the previous one after a swap do not reload it. While one request
// loads columns, the others get nullptr (and count with ValueCountMatchSpy) instead of waiting.
class FacetColumnsCache {
 public:
  std::shared_ptr<const FacetColumns> get(const Xapian::Database& db);

 private:
  std::shared_ptr<const FacetColumns> find(const std::string& key);

  std::mutex mutex_;    // guards kept_
  std::mutex loading_;  // held by the one request that loads a new revision
  std::vector<std::pair<std::string, std::shared_ptr<const FacetColumns>>> kept_;  // oldest first
};

}  // namespace caravan
