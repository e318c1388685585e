// "Related items" of one document: Xapian relevance feedback (RSet + ESet) on its own terms.
#pragma once

#include <xapian.h>

#include <functional>

namespace caravan {

struct RelatedSettings {
  unsigned items = 5;            // how many related items at most
  unsigned expand_terms = 25;    // how many of the document's best terms make the query
  double skeleton_weight = 0.3;  // cross-script name keys count less than words, as in searches
};

// The items most like document `docid`, best first, never the document itself: its most
// characteristic terms (Enquire::get_eset with the document as the relevance set: stems, and
// cross-script name keys; the plain words when its language has no stemmer) OR-ed with their
// expand weights and run as a query. Empty when nothing shares a term with it.
Xapian::MSet related_items(Xapian::Database& db, Xapian::docid docid, bool stemmed, const RelatedSettings& settings = {});

}  // namespace caravan
