// Everything an index holds as text, to compare two builds (caravan-bench-index-dump, test_indexer_threads).
#pragma once

#include <xapian.h>

#include <string>

namespace caravan {

// kById: documents keyed by their id term (Q...), so builds whose writers number documents
// differently compare equal; kByDocid: in doc id order, to compare the numbering too.
enum class DumpOrder { kById, kByDocid };

// The counts (documents, last doc id, total and average length), every document's data, values,
// terms with wdf and positions, then the spelling words with their frequencies, the synonyms
// and the user metadata. Two indexes with equal dumps give searchd the same answers, up to ties
// between equal weights when kById.
std::string index_dump(const Xapian::Database& db, DumpOrder order = DumpOrder::kById);

}  // namespace caravan
