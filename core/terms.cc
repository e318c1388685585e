// Term splitting through a scratch document, so that it can never disagree with indexing.
#include "core/terms.h"

#include <algorithm>
#include <utility>

namespace caravan {

std::vector<std::string> TermSplitter::split(const std::string& normalized_text) {
  Xapian::Document scratch;
  generator_.set_document(scratch);
  generator_.index_text(normalized_text);
  std::vector<std::pair<Xapian::termpos, std::string>> positioned;
  for (auto term = scratch.termlist_begin(); term != scratch.termlist_end(); ++term)
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos)
      positioned.emplace_back(*pos, *term);
  std::sort(positioned.begin(), positioned.end());
  std::vector<std::string> terms;
  for (auto& entry : positioned) terms.push_back(std::move(entry.second));
  return terms;
}

std::string TermSplitter::key(const std::string& normalized_text) {
  std::string joined;
  for (const auto& term : split(normalized_text)) {
    if (!joined.empty()) joined += ' ';
    joined += term;
  }
  return joined;
}

}  // namespace caravan
