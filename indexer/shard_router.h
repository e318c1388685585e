// The layout of a sharded index and the routing of an item's id to its shard.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

// A sharded generation is a directory holding shard-000 ... shard-N-1 (the documents, each a
// plain Xapian database), aux (no documents: the spelling table and the synonyms, which Xapian
// 1.4's remote backend does not serve) and the stub file XAPIANDB listing them as `auto` lines,
// so Xapian::Database(generation) opens all of them as one database.
inline constexpr const char* kStubFile = "XAPIANDB";
inline constexpr const char* kAuxDatabase = "aux";

// The shard of an id: FNV-1a (64 bits) of its bytes modulo shards. Stable across runs, builds
// and machines, so update and delete find an item where build put it.
unsigned shard_of(std::string_view id, unsigned shards);

std::string shard_name(unsigned shard);  // "shard-007"

// Writes dir/XAPIANDB naming the shards and aux, relative to dir.
void write_stub(const std::filesystem::path& dir, unsigned shards);

struct ShardLayout {
  std::vector<std::filesystem::path> shards;  // in shard order
  std::filesystem::path aux;                  // empty when the stub names none
};

// Whether a generation directory is sharded (has a stub file).
bool is_sharded(const std::filesystem::path& generation);

// The local databases a generation's stub names (its `auto` lines, resolved against it; aux by
// its name). Throws std::runtime_error for a stub this indexer cannot write to (remote lines).
ShardLayout read_layout(const std::filesystem::path& generation);

// Writable handles on a generation for update and delete: its one database, or every shard and
// aux of a sharded one. Each id goes to its shard; changes are one transaction per database
// (shards, then aux), committed one after the other.
class ShardWriters {
 public:
  // Throws Xapian::Error when a database cannot be opened for writing.
  explicit ShardWriters(const std::filesystem::path& generation);

  Xapian::WritableDatabase& for_id(std::string_view id) {
    return shards_[shard_of(id, static_cast<unsigned>(shards_.size()))];
  }
  // Where the spelling table is: aux, or the one database.
  Xapian::WritableDatabase& aux() { return has_aux_ ? aux_ : shards_.front(); }
  std::size_t shards() const { return shards_.size(); }

  void begin_transaction();
  void commit_transaction();
  void cancel_transaction();

 private:
  std::vector<Xapian::WritableDatabase> shards_;
  Xapian::WritableDatabase aux_;
  bool has_aux_ = false;
};

}  // namespace caravan
