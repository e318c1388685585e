// The words of a text exactly as Xapian's TermGenerator indexes them, for query-side matching.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace caravan {

// Splits normalized text into the unprefixed terms TermGenerator would index, in order. Used
// wherever a query or a synonym key must agree with the index. One splitter per thread.
class TermSplitter {
 public:
  std::vector<std::string> split(const std::string& normalized_text);

  // The terms joined by single spaces: the form of a Xapian multi-word synonym key.
  std::string key(const std::string& normalized_text);

 private:
  Xapian::TermGenerator generator_;
};

}  // namespace caravan
