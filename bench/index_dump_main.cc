// caravan-bench-index-dump INDEX_DIR: prints everything an index holds (bench/index_dump.h), to diff two builds.
#include <xapian.h>

#include <iostream>

#include "bench/index_dump.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: caravan-bench-index-dump INDEX_DIR\n";
    return 2;
  }
  try {
    std::cout << caravan::index_dump(Xapian::Database(argv[1]));
  } catch (const Xapian::Error& error) {
    std::cerr << "caravan-bench-index-dump: " << argv[1] << ": " << error.get_description() << "\n";
    return 1;
  }
  return 0;
}
