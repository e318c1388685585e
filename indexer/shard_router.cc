// Stable id hashing, the stub file of a sharded generation, and per-shard transactions.
#include "indexer/shard_router.h"

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace caravan {
namespace fs = std::filesystem;

unsigned shard_of(std::string_view id, unsigned shards) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const unsigned char byte : id) {
    hash ^= byte;
    hash *= 1099511628211ULL;
  }
  return shards <= 1 ? 0 : static_cast<unsigned>(hash % shards);
}

std::string shard_name(unsigned shard) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%03u", shard);
  return name;
}

void write_stub(const fs::path& dir, unsigned shards) {
  std::ofstream stub(dir / kStubFile, std::ios::trunc);
  stub << "# Caravan sharded index: one Xapian database per shard, then the spelling and synonyms\n";
  for (unsigned shard = 0; shard < shards; ++shard) stub << "auto " << shard_name(shard) << "\n";
  stub << "auto " << kAuxDatabase << "\n";
  if (!stub.flush()) throw std::runtime_error((dir / kStubFile).string() + ": cannot write the stub file");
}

bool is_sharded(const fs::path& generation) { return fs::is_regular_file(generation / kStubFile); }

ShardLayout read_layout(const fs::path& generation) {
  std::ifstream stub(generation / kStubFile);
  if (!stub) throw std::runtime_error((generation / kStubFile).string() + ": cannot read the stub file");
  ShardLayout layout;
  std::string line;
  while (std::getline(stub, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string kind, path;
    words >> kind >> path;
    if (kind != "auto" || path.empty())
      throw std::runtime_error((generation / kStubFile).string() + ": '" + line +
                               "' is not a local shard; the indexer writes local shards only");
    const fs::path resolved = fs::path(path).is_absolute() ? fs::path(path) : generation / path;
    if (resolved.filename() == kAuxDatabase) layout.aux = resolved;
    else layout.shards.push_back(resolved);
  }
  if (layout.shards.empty()) throw std::runtime_error((generation / kStubFile).string() + ": names no shard");
  return layout;
}

ShardWriters::ShardWriters(const fs::path& generation) {
  if (!is_sharded(generation)) {
    shards_.emplace_back(generation.string(), Xapian::DB_OPEN);
    return;
  }
  const ShardLayout layout = read_layout(generation);
  for (const auto& shard : layout.shards) shards_.emplace_back(shard.string(), Xapian::DB_OPEN);
  if (layout.aux.empty()) throw std::runtime_error(generation.string() + ": the stub names no aux database");
  aux_ = Xapian::WritableDatabase(layout.aux.string(), Xapian::DB_OPEN);
  has_aux_ = true;
}

void ShardWriters::begin_transaction() {
  for (auto& shard : shards_) shard.begin_transaction();
  if (has_aux_) aux_.begin_transaction();
}

void ShardWriters::commit_transaction() {
  for (auto& shard : shards_) shard.commit_transaction();
  if (has_aux_) aux_.commit_transaction();
}

void ShardWriters::cancel_transaction() {
  for (auto& shard : shards_) shard.cancel_transaction();
  if (has_aux_) aux_.cancel_transaction();
}

}  // namespace caravan
