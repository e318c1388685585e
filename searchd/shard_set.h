// Opening an index that is a stub of local and remote shards, with timeouts and missing shards.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace caravan {

// One line of a Xapian stub file: `auto PATH` (also glass, chert) or `remote HOST:PORT`, a
// database served by the stock xapian-tcpsrv.
struct ShardSpec {
  bool remote = false;
  std::filesystem::path path;  // local: resolved against the stub's directory
  std::string host;            // remote
  unsigned port = 0;           // remote
  std::string name;            // how errors and answers name it: HOST:PORT, or the file name
};

// The shards of an index path: the lines of its stub (the path itself, or PATH/XAPIANDB in a
// directory); empty when the path is a plain database. Throws std::runtime_error for a stub line
// that is none of the above (`remote :PROGRAM` is not served: searchd runs no programs).
std::vector<ShardSpec> read_stub(const std::filesystem::path& index);

// What tells generations of a stub apart ("" when the path has none): its text, where its
// local databases resolve to, and the stubs of those that are stubs (replicas). xapian-replicate rewrites a replica's stub on a full copy; a
// rebuild moves the indexer's symlink, so a stub line `auto INDEX/aux` resolves elsewhere, and
// searchd reconnects to its remote shards (each tcpsrv connection opens the shard path afresh).
std::string stub_generation(const std::filesystem::path& index);

struct ShardOptions {
  double timeout_ms = 0;         // remote: connect and each read or write (0: Xapian's 10 s)
  bool partial_results = false;  // searchd answers without a shard that cannot be opened
};

struct OpenedShards {
  std::unique_ptr<Xapian::Database> db;
  bool remote = false;                // some shard is remote: no custom posting sources or deciders
  std::vector<std::string> missing;   // the shards that could not be opened, left out
  std::vector<std::string> reasons;   // "NAME: why", for the operator's log
  // The opened shards, in the order of db's sub-databases (they share db's connections): a
  // remote shard's documents can be read from one thread per shard.
  std::vector<Xapian::Database> parts;
};

// Opens every shard that answers into one Xapian::Database, naming the others in missing (the
// caller decides whether that is an answer or a 503). Throws Xapian::DatabaseOpeningError when
// no shard at all can be opened.
OpenedShards open_shards(const std::vector<ShardSpec>& shards, const ShardOptions& options);

}  // namespace caravan
