// Caravan as operators run it in production: versions, interrupted builds, rollback.
#include <doctest/doctest.h>
#include <xapian.h>

#include <string>

#include "tests/subprocess.h"
#include "tests/test_paths.h"

using namespace caravan::test;

TEST_CASE("--version names the CMake project version and the Xapian library") {
  const std::string xapian = std::string("(Xapian ") + Xapian::version_string() + ")\n";
  const auto indexer = run({CARAVAN_INDEXER_BIN, "--version"});
  CHECK(indexer.exit_code == 0);
  CHECK(indexer.output == std::string("caravan-indexer ") + CARAVAN_VERSION + " " + xapian);
  const auto searchd = run({CARAVAN_SEARCHD_BIN, "--version"});
  CHECK(searchd.exit_code == 0);
  CHECK(searchd.output == std::string("caravan-searchd ") + CARAVAN_VERSION + " " + xapian);
}
