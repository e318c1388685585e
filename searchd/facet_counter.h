// Exact facet counts with disjunctive (multi-select) semantics, from facet columns or ValueCountMatchSpy.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "searchd/facet_columns.h"
#include "searchd/time_budget.h"

namespace caravan {

using FacetFilters = std::map<std::string, std::set<std::string>>;  // facet -> selected values
using FacetCounts = std::map<std::string, std::map<std::string, Xapian::doccount>>;

// The boolean filter of one facet's selected values (OR within the facet), or an empty query.
Xapian::Query facet_filter(const std::string& facet, const std::set<std::string>& values);

// base AND (each facet's filter, skipping the facet named `except`): AND across facets.
Xapian::Query filtered_query(const Xapian::Query& base, const FacetFilters& filters, const std::string& except = "");

// Value slot holding the facet, and whether the slot holds a sorted set ("KZ|UZ").
Xapian::valueno facet_slot(const std::string& facet);
bool facet_is_multivalued(const std::string& facet);

// Counts facet values over every match. For a facet with a selection, its counts come from a
// separate match that ignores that facet's own selection (so ticking KZ still shows UZ's count);
// the other facets are counted during the main match, through spies the caller adds via
// attach(). Multi-valued slots count sets and are split here, which stays correct when
// ValueCountMatchSpy results merge across shards. With `columns` (the local index's facet
// columns of the revision matched) one ColumnCountSpy counts instead: the same counts, cheaper.
class FacetCounter {
 public:
  FacetCounter(std::vector<std::string> facets, const FacetFilters& filters,
               std::shared_ptr<const FacetColumns> columns = nullptr);

  // Spies for the facets without a selection; call before the main get_mset().
  void attach(Xapian::Enquire& enquire);

  // Runs the extra matches for selected facets (base = the text query and date range), each
  // within what is left of the time budget; false when one of them was cut short by it.
  bool count_selected(Xapian::Enquire& enquire, const Xapian::Query& base, Xapian::doccount all,
                      const TimeBudget& budget);

  // All counts, with multi-valued sets split into single values.
  FacetCounts counts() const;

 private:
  bool selected(const std::string& facet) const;

  std::vector<std::string> facets_;
  const FacetFilters& filters_;
  std::map<std::string, std::unique_ptr<Xapian::ValueCountMatchSpy>> spies_;  // without columns
  std::shared_ptr<const FacetColumns> columns_;
  std::vector<std::unique_ptr<ColumnCountSpy>> column_spies_;  // with columns
};

}  // namespace caravan
