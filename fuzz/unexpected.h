// Runs one fuzz input and turns any exception that escapes into an abort that names it.
#pragma once

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

namespace caravan::fuzz {

// Code under test promises not to throw (readers) or to throw only ApiError (searchd, which the
// callable catches itself): anything else is a bug, reported with its message.
template <typename Body>
int run_checked(Body&& body) {
  try {
    body();
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "unexpected Xapian exception: %s\n", error.get_description().c_str());
    std::abort();
  } catch (const std::exception& error) {
    std::fprintf(stderr, "unexpected exception: %s\n", error.what());
    std::abort();
  }
  return 0;
}

}  // namespace caravan::fuzz
