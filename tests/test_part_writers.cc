// PartWriters: each part in push order, a repeated id replaced, the spelling words, failures passed on.
#include <doctest/doctest.h>
#include <xapian.h>

#include <cstdio>
#include <memory>
#include <string>

#include "core/schema.h"
#include "indexer/document_builder.h"
#include "indexer/part_writers.h"
#include "tests/test_paths.h"

using namespace caravan;
namespace fs = std::filesystem;

namespace {

struct Fixture {
  test::TempDir dir;
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  DocumentBuilder builder{analyzer, gazetteers, BuildOptions{false, "2026-12-02"}};
  ProgressBar progress{stderr, ProgressMode::kOff};

  std::vector<PartPaths> parts(const std::string& name, unsigned count, bool own_spelling) {
    std::vector<PartPaths> paths;
    for (unsigned part = 0; part < count; ++part) {
      const fs::path base = dir.path() / (name + "-" + std::to_string(part));
      paths.push_back({base, own_spelling ? fs::path(base.string() + "-spelling") : fs::path()});
    }
    return paths;
  }

  // An English item when n is odd, a Russian one when even.
  Xapian::Document document(const std::string& id, unsigned n) {
    NewsItem news;
    news.id = id;
    news.title = n % 2 ? "Meeting number " + std::to_string(n) + " in Astana" : "Совещание номер " + std::to_string(n) + " в Астане";
    news.body = n % 2 ? "The ministers of Kazakhstan met on 3 May 2024." : "Министры Казахстана встретились 3 мая 2024 года.";
    return builder.build(news);
  }
};

std::string id_term_of(const Xapian::Database& db, Xapian::docid docid) {
  auto term = db.termlist_begin(docid);
  term.skip_to(std::string(schema::kPrefixId));
  return term == db.termlist_end(docid) ? "" : *term;
}

Xapian::doccount spelling_frequency(const Xapian::Database& db, const std::string& word) {
  for (auto it = db.spellings_begin(); it != db.spellings_end(); ++it)
    if (*it == word) return it.get_termfreq();
  return 0;
}

}  // namespace

TEST_CASE("each part gets its documents in push order; a repeated id replaces its document in place") {
  Fixture fixture;
  for (const bool threaded : {false, true}) {
    for (const bool own_spelling : {false, true}) {
      CAPTURE(threaded);
      CAPTURE(own_spelling);
      const std::string name = std::string(threaded ? "threaded" : "inline") + (own_spelling ? "-spelling" : "");
      const auto paths = fixture.parts(name, 2, own_spelling);
      constexpr unsigned kCount = 3 * PartWriters::kQueueDocuments + 5;  // the queues fill up
      {
        PartWriters writers(paths, threaded, fixture.progress);
        for (unsigned n = 1; n <= kCount; ++n)
          writers.push(n % 2, schema::id_term("item-" + std::to_string(n)), fixture.document("item-" + std::to_string(n), n));
        writers.push(1, schema::id_term("item-3"), fixture.document("item-3", 4));  // now Russian
        writers.finish();
        writers.commit();
        CHECK(writers.written() == kCount + 1);
      }
      const Xapian::Database odd(paths[1].db.string()), even(paths[0].db.string());
      REQUIRE(odd.get_doccount() == (kCount + 1) / 2);
      CHECK(even.get_doccount() == kCount / 2);
      CHECK(odd.get_lastdocid() == odd.get_doccount());  // the repeated id took no new docid
      for (Xapian::docid docid = 1; docid <= odd.get_doccount(); ++docid)
        CHECK(id_term_of(odd, docid) == schema::id_term("item-" + std::to_string(2 * docid - 1)));
      CHECK(odd.get_document(2).get_data().find("Совещание") != std::string::npos);
      const Xapian::Database odd_spelling(paths[1].spelling.empty() ? paths[1].db.string() : paths[1].spelling.string());
      const Xapian::Database even_spelling(paths[0].spelling.empty() ? paths[0].db.string() : paths[0].spelling.string());
      // "meeting" is in every odd title but item 3's later one: its frequency counts both versions.
      CHECK(spelling_frequency(odd_spelling, "meeting") == (kCount + 1) / 2);
      CHECK(spelling_frequency(odd_spelling, "совещание") == 1);
      CHECK(spelling_frequency(even_spelling, "совещание") == kCount / 2);
      if (own_spelling) CHECK(spelling_frequency(odd, "meeting") == 0);
    }
  }
}

TEST_CASE("a failure of any writer stops the writers: push or finish throws it") {
  Fixture fixture;
  for (const bool threaded : {false, true}) {
    CAPTURE(threaded);
    const auto paths = fixture.parts(threaded ? "failing-threaded" : "failing-inline", 2, false);
    PartWriters writers(paths, threaded, fixture.progress);
    const auto run = [&] {
      writers.push(0, schema::id_term("fine"), fixture.document("fine", 1));
      Xapian::Document too_long = fixture.document("bad", 2);
      too_long.add_term(std::string(300, 'x'));  // Xapian's terms end at 245 bytes
      writers.push(1, schema::id_term("bad"), std::move(too_long));
      for (unsigned n = 1; n <= 10 * PartWriters::kQueueDocuments; ++n)
        writers.push(n % 2, schema::id_term("after-" + std::to_string(n)), fixture.document("after", n));
      writers.finish();
    };
    std::string failure;
    try {
      run();
    } catch (const Xapian::InvalidArgumentError& error) {
      failure = error.get_msg();
    }
    CHECK(failure.find("Term too long") != std::string::npos);
    CHECK(writers.written() < 10 * PartWriters::kQueueDocuments);  // stopped early, not at the end
  }
}
