// "Related items" of one document: relevance feedback (TradEWeight over its own terms), as a query.
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
// characteristic terms (stems and cross-script name keys; the plain words when its language has
// no stemmer), weighed by TradEWeight with the document as the relevance set as
// Enquire::get_eset does, OR-ed with those weights and run as a query. Empty when nothing shares
// a term with it. `remote`: the database has remote shards, whose term statistics are then
// fetched in one match rather than one round trip per term.
Xapian::MSet related_items(Xapian::Database& db, Xapian::docid docid, bool stemmed, bool remote,
                           const RelatedSettings& settings = {});

}  // namespace caravan
