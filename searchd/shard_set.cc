// Stub files read line by line, so that remote shards get searchd's time budget as their timeout.
#include "searchd/shard_set.h"

#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace caravan {
namespace fs = std::filesystem;
namespace {

constexpr double kXapianDefaultTimeoutMs = 10000;

fs::path stub_file_of(const fs::path& index) {
  std::error_code error;
  if (fs::is_directory(index, error)) {
    const fs::path inside = index / "XAPIANDB";
    return fs::is_regular_file(inside, error) ? inside : fs::path();
  }
  return fs::is_regular_file(index, error) ? index : fs::path();
}

ShardSpec remote_spec(const std::string& address, const std::string& line) {
  const auto colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size())
    throw std::runtime_error("stub line '" + line + "': a remote shard is HOST:PORT (searchd runs no programs)");
  ShardSpec spec;
  spec.remote = true;
  spec.host = address.substr(0, colon);
  if (spec.host.size() > 2 && spec.host.front() == '[' && spec.host.back() == ']') spec.host = spec.host.substr(1, spec.host.size() - 2);
  const std::string port = address.substr(colon + 1);
  if (port.find_first_not_of("0123456789") != std::string::npos || port.size() > 5 || std::stoul(port) == 0 ||
      std::stoul(port) > 65535)
    throw std::runtime_error("stub line '" + line + "': bad port '" + port + "'");
  spec.port = static_cast<unsigned>(std::stoul(port));
  spec.name = address;
  return spec;
}

Xapian::Database open_one(const ShardSpec& shard, const ShardOptions& options) {
  if (!shard.remote) return Xapian::Database(shard.path.string());
  const double ms = options.timeout_ms > 0 ? options.timeout_ms : kXapianDefaultTimeoutMs;
  const auto timeout = static_cast<useconds_t>(ms);
  return Xapian::Remote::open(shard.host, shard.port, timeout, timeout);
}

std::string file_text(const fs::path& path) {
  std::ifstream file(path);
  return std::string((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
}

}  // namespace

std::string stub_generation(const fs::path& index) {
  const fs::path stub_file = stub_file_of(index);
  if (stub_file.empty()) return "";
  std::string generation = file_text(stub_file);
  try {
    for (const auto& shard : read_stub(index)) {
      std::error_code error;
      if (shard.remote) continue;
      generation += "\n" + fs::canonical(shard.path, error).string();
      // A local shard that is a stub itself: a xapian-replicate replica names its current copy
      // there, and a full copy (after a rebuild) names a new one.
      const fs::path inner = stub_file_of(shard.path);
      if (!inner.empty()) generation += "\n" + file_text(inner);
    }
  } catch (const std::runtime_error&) {
    // A bad stub: opening it says why.
  }
  return generation;
}

std::vector<ShardSpec> read_stub(const fs::path& index) {
  const fs::path stub_file = stub_file_of(index);
  std::vector<ShardSpec> shards;
  if (stub_file.empty()) return shards;
  std::ifstream stub(stub_file);
  if (!stub) throw std::runtime_error("cannot read the stub file");
  std::string line;
  while (std::getline(stub, line)) {
    std::istringstream words(line);
    std::string kind, where;
    words >> kind >> where;
    if (kind.empty() || kind[0] == '#') continue;
    if (kind == "remote") {
      shards.push_back(remote_spec(where, line));
    } else if ((kind == "auto" || kind == "glass" || kind == "chert") && !where.empty()) {
      ShardSpec spec;
      spec.path = fs::path(where).is_absolute() ? fs::path(where) : stub_file.parent_path() / where;
      spec.name = fs::path(where).filename().string();
      shards.push_back(std::move(spec));
    } else {
      throw std::runtime_error("stub line '" + line + "': expected 'auto PATH' or 'remote HOST:PORT'");
    }
  }
  if (shards.empty()) throw std::runtime_error("the stub file names no database");
  return shards;
}

OpenedShards open_shards(const std::vector<ShardSpec>& shards, const ShardOptions& options) {
  OpenedShards opened;
  opened.db = std::make_unique<Xapian::Database>();
  bool any = false;
  for (const auto& shard : shards) {
    try {
      Xapian::Database part = open_one(shard, options);
      opened.db->add_database(part);
      opened.parts.push_back(std::move(part));
      opened.remote = opened.remote || shard.remote;
      any = true;
    } catch (const Xapian::Error& error) {
      opened.missing.push_back(shard.name);
      opened.reasons.push_back(shard.name + ": " + error.get_msg());
    }
  }
  if (!any) {
    std::string why = "no shard of the index can be opened";
    for (const auto& reason : opened.reasons) why += "; " + reason;
    throw Xapian::DatabaseOpeningError(why);
  }
  return opened;
}

}  // namespace caravan
