// The stored data of a page of hits, read from remote shards in parallel.
#include "searchd/document_fetch.h"

#include <future>
#include <utility>

namespace caravan {
namespace {

struct Wanted {
  size_t rank;          // the item's index in the MSet
  Xapian::docid docid;  // its docid in its shard
};

// Xapian numbers the documents of n sub-databases interleaved: docid d is shard (d-1) % n's
// docid (d-1) / n + 1.
std::vector<std::vector<Wanted>> by_shard(const Xapian::MSet& mset, size_t shards) {
  std::vector<std::vector<Wanted>> wanted(shards);
  size_t rank = 0;
  for (auto it = mset.begin(); it != mset.end(); ++it, ++rank) {
    const Xapian::docid docid = *it;
    wanted[(docid - 1) % shards].push_back({rank, (docid - 1) / static_cast<Xapian::docid>(shards) + 1});
  }
  return wanted;
}

}  // namespace

std::vector<std::string> document_data(const Xapian::MSet& mset, const std::vector<Xapian::Database>& parts,
                                       bool remote) {
  std::vector<std::string> data(mset.size());
  if (!remote || parts.size() < 2) {
    size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) data[rank++] = it.get_document().get_data();
    return data;
  }
  const auto wanted = by_shard(mset, parts.size());
  std::vector<std::future<void>> readers;
  for (size_t shard = 0; shard < parts.size(); ++shard) {
    if (wanted[shard].empty()) continue;
    // Each thread touches only its own shard's handle (no Xapian object is shared between them).
    readers.push_back(std::async(std::launch::async, [&, shard] {
      for (const auto& item : wanted[shard]) data[item.rank] = parts[shard].get_document(item.docid).get_data();
    }));
  }
  for (auto& reader : readers) reader.wait();
  for (auto& reader : readers) reader.get();  // rethrows the first failure, all threads done
  return data;
}

}  // namespace caravan
