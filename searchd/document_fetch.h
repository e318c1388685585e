// The stored data of a page of hits, read from remote shards in parallel.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace caravan {

// The document data of every item of mset, in its order. From remote shards (parts: the shards
// of the database mset came from, in its order) one thread per shard reads that shard's items:
// Xapian 1.4's remote backend costs a round trip per document and MSet::fetch() does not
// pipeline them (RemoteDatabase has no request_document in 1.4), so the round trips to different
// shards overlap instead. Locally, or with one shard, it reads them in order. Throws what
// Xapian throws (Xapian::NetworkError when a shard fails), after every thread has finished.
std::vector<std::string> document_data(const Xapian::MSet& mset, const std::vector<Xapian::Database>& parts,
                                       bool remote);

}  // namespace caravan
