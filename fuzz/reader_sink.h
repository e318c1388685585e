// What the reader targets share: a sink that checks each item and indexes it as caravan-indexer would.
#pragma once

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "core/schema.h"
#include "indexer/document_builder.h"
#include "indexer/readers/reader.h"

namespace caravan::fuzz {

// A broken promise of the reader API: reported and aborted, so libFuzzer keeps the input.
[[noreturn]] inline void violated(const char* what, const std::string& value) {
  std::fprintf(stderr, "reader contract violated: %s: '%s'\n", what, value.c_str());
  std::abort();
}

// NewsItem::date is "YYYY-MM-DD" or empty.
inline bool is_item_date(const std::string& date) {
  if (date.empty()) return true;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  return true;
}

// Every item goes on through the indexer's analysis (language, date and entity extraction,
// terms), the code that sees whatever the readers let through.
inline ReaderSink checking_sink() {
  struct Pipeline {
    Analyzer analyzer{CARAVAN_SOURCE_DIR "/stopwords"};
    Gazetteers gazetteers = Gazetteers::load(CARAVAN_SOURCE_DIR "/gazetteers");
    DocumentBuilder builder{analyzer, gazetteers, BuildOptions{}};
  };
  static Pipeline pipeline;
  return ReaderSink{
      [](NewsItem&& item) {
        if (!is_item_date(item.date)) violated("date", item.date);
        if (item.source.empty()) violated("source", item.source);
        const Xapian::Document doc = pipeline.builder.build(item);
        if (!is_item_date(item.date)) violated("completed date", item.date);
        // Xapian's glass backend refuses a longer term, ending the whole build.
        for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term)
          if ((*term).size() > schema::kMaxTermBytes) violated("term too long", *term);
      },
      [](const ReadProblem& problem) {
        if (problem.where.empty()) violated("problem without a place", problem.reason);
      },
  };
}

}  // namespace caravan::fuzz
