// What the index remembers of each fetched page (Xapian user metadata "fetch:<url>"), so that the
// next update asks the server only for what changed.
#pragma once

#include <string>

#include <xapian.h>

#include "indexer/fetch/http_client.h"

namespace caravan {

class FetchMemory {
 public:
  // conditional: whether recall() gives what was remembered (update) or nothing (build, which
  // fetches everything whole into a new index and remembers afresh).
  FetchMemory(Xapian::WritableDatabase& db, bool conditional) : db_(db), conditional_(conditional) {}

  // The validators to send for url: those remembered, when the item they produced (by id) is
  // still in the index; otherwise none, so a page whose item was deleted is fetched whole again.
  Validators recall(const std::string& url) const;

  // Remembers the validators a page's response had and the id of the item read from it; a
  // response without ETag and Last-Modified forgets url.
  void remember(const std::string& url, const Validators& validators, const std::string& item_id);

  // The metadata key for url: "fetch:" + url, or "fetch:#" + a hash of it for a URL too long for
  // a Xapian key.
  static std::string key(const std::string& url);

 private:
  Xapian::WritableDatabase& db_;
  bool conditional_;
};

}  // namespace caravan
