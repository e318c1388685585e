// Facet filters and counts.
#include "searchd/facet_counter.h"

#include "core/schema.h"

namespace caravan {

Xapian::valueno facet_slot(const std::string& facet) {
  if (facet == "country") return schema::kSlotCountries;
  if (facet == "organization") return schema::kSlotOrgs;
  if (facet == "year") return schema::kSlotYear;
  if (facet == "month") return schema::kSlotMonth;
  return schema::kSlotLang;
}

bool facet_is_multivalued(const std::string& facet) { return facet == "country" || facet == "organization"; }

namespace {
std::string term_prefix(const std::string& facet) {
  if (facet == "country") return std::string(schema::kPrefixCountry);
  if (facet == "organization") return std::string(schema::kPrefixOrg);
  if (facet == "year") return std::string(schema::kPrefixYear);
  if (facet == "month") return std::string(schema::kPrefixMonth);
  return std::string(schema::kPrefixLang);
}
}  // namespace

Xapian::Query facet_filter(const std::string& facet, const std::set<std::string>& values) {
  std::vector<Xapian::Query> terms;
  for (const auto& value : values) terms.emplace_back(term_prefix(facet) + value);
  if (terms.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query filtered_query(const Xapian::Query& base, const FacetFilters& filters, const std::string& except) {
  Xapian::Query query = base;
  for (const auto& [facet, values] : filters) {
    if (facet == except || values.empty()) continue;
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, facet_filter(facet, values));
  }
  return query;
}

FacetCounter::FacetCounter(std::vector<std::string> facets, const FacetFilters& filters,
                           std::shared_ptr<const FacetColumns> columns)
    : facets_(std::move(facets)), filters_(filters), columns_(std::move(columns)) {
  if (columns_) return;
  for (const auto& facet : facets_) spies_.emplace(facet, std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(facet)));
}

bool FacetCounter::selected(const std::string& facet) const {
  auto found = filters_.find(facet);
  return found != filters_.end() && !found->second.empty();
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
  if (columns_) {
    std::vector<std::string> unselected;
    for (const auto& facet : facets_)
      if (!selected(facet)) unselected.push_back(facet);
    if (unselected.empty()) return;
    column_spies_.push_back(std::make_unique<ColumnCountSpy>(columns_, unselected));
    enquire.add_matchspy(column_spies_.back().get());
    return;
  }
  for (auto& [facet, spy] : spies_)
    if (!selected(facet)) enquire.add_matchspy(spy.get());
}

bool FacetCounter::count_selected(Xapian::Enquire& enquire, const Xapian::Query& base, Xapian::doccount all,
                                  const TimeBudget& budget) {
  bool exact = true;
  for (const auto& facet : facets_) {
    if (!selected(facet)) continue;
    if (budget.spent()) {
      exact = false;
      continue;
    }
    enquire.clear_matchspies();
    enquire.set_query(filtered_query(base, filters_, facet));
    if (columns_) {
      column_spies_.push_back(std::make_unique<ColumnCountSpy>(columns_, std::vector<std::string>{facet}));
      enquire.add_matchspy(column_spies_.back().get());
    } else {
      enquire.add_matchspy(spies_.at(facet).get());
    }
    const Xapian::MSet counted = enquire.get_mset(0, 0, all, nullptr, budget.decider());
    exact = exact && counted.get_matches_lower_bound() == counted.get_matches_upper_bound();
  }
  enquire.clear_matchspies();
  return exact && !budget.cut();
}

FacetCounts FacetCounter::counts() const {
  FacetCounts result;
  if (columns_) {
    for (const auto& facet : facets_) result[facet];
    for (const auto& spy : column_spies_)
      for (auto& [facet, values] : spy->counts()) result[facet] = std::move(values);
    return result;
  }
  for (const auto& [facet, spy] : spies_) {
    auto& values = result[facet];
    for (auto it = spy->values_begin(); it != spy->values_end(); ++it) {
      const std::string set = *it;
      if (set.empty()) continue;
      if (!facet_is_multivalued(facet)) { values[set] += it.get_termfreq(); continue; }
      for (size_t start = 0; start <= set.size();) {
        size_t end = set.find(schema::kValueSetSeparator, start);
        if (end == std::string::npos) end = set.size();
        if (end > start) values[set.substr(start, end - start)] += it.get_termfreq();
        start = end + 1;
      }
    }
  }
  return result;
}

}  // namespace caravan
