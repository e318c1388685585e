// The id hash that places items in shards: fixed values, so a change that would move items between
// shards (and lose updates to them) fails here.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "indexer/shard_router.h"
#include "tests/test_paths.h"

namespace caravan {

TEST_CASE("shard_of is FNV-1a of the id's bytes modulo the shard count") {
  CHECK(shard_of("abc", 4) == 3);  // FNV-1a 64 of "abc" is 0xe71fa2190541574b
  CHECK(shard_of("abc", 7) == 5);
  CHECK(shard_of("ru-демо", 3) == 2);
  CHECK(shard_of("anything", 1) == 0);
  CHECK(shard_name(7) == "shard-007");
}

TEST_CASE("a stub the indexer cannot write to is refused with the line named") {
  test::TempDir dir;
  std::ofstream(dir.path() / kStubFile) << "remote 10.0.0.2:7001\nauto aux\n";
  CHECK_THROWS_WITH_AS(read_layout(dir.path()), doctest::Contains("remote 10.0.0.2:7001"), std::runtime_error);
  write_stub(dir.path(), 2);
  const ShardLayout layout = read_layout(dir.path());
  REQUIRE(layout.shards.size() == 2);
  CHECK(layout.shards[1] == dir.path() / "shard-001");
  CHECK(layout.aux == dir.path() / "aux");
}

}  // namespace caravan
