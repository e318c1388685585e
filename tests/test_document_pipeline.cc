// DocumentPipeline: input order kept over threads, failures passed on; the title spelling words.
#include <doctest/doctest.h>
#include <xapian.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/normalize.h"
#include "indexer/document_pipeline.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {

struct Fixture {
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  DocumentPipeline::MakeBuilder make_builder() {
    return [this] { return std::make_unique<DocumentBuilder>(analyzer, gazetteers, BuildOptions{false, "2026-12-02"}); };
  }
};

NewsItem item(unsigned n) {
  NewsItem news;
  news.id = "item-" + std::to_string(n);
  news.title = n % 2 ? "Meeting number " + std::to_string(n) + " in Astana" : "Совещание номер " + std::to_string(n) + " в Астане";
  news.body = n % 2 ? "The ministers of Kazakhstan met on 3 May 2024." : "Министры Казахстана встретились 3 мая 2024 года.";
  return news;
}

}  // namespace

TEST_CASE("the writer gets every item in push order, whatever the number of threads") {
  Fixture fixture;
  for (unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    std::vector<std::string> written;
    DocumentPipeline pipeline(threads, fixture.make_builder(), [&](NewsItem& news, Xapian::Document& doc) {
      CHECK(doc.get_data().find(news.id) != std::string::npos);
      CHECK(news.lang == (written.size() % 2 ? "ru" : "en"));  // completed by the builder
      written.push_back(news.id);
    });
    const unsigned count = 3 * DocumentPipeline::kSlotsPerThread * threads + 7;  // the ring wraps around
    for (unsigned n = 1; n <= count; ++n) pipeline.push(item(n));
    pipeline.finish();
    REQUIRE(written.size() == count);
    for (unsigned n = 1; n <= count; ++n) CHECK(written[n - 1] == "item-" + std::to_string(n));
  }
}

TEST_CASE("a failure of the writer reaches the reader: push or finish throws it") {
  Fixture fixture;
  for (unsigned threads : {1u, 2u}) {
    CAPTURE(threads);
    unsigned written = 0;
    const auto run = [&] {
      DocumentPipeline pipeline(threads, fixture.make_builder(), [&](NewsItem&, Xapian::Document&) {
        if (++written == 5) throw std::runtime_error("disk full");
      });
      for (unsigned n = 1; n <= 1000; ++n) pipeline.push(item(n));
      pipeline.finish();
    };
    CHECK_THROWS_WITH_AS(run(), "disk full", std::runtime_error);
    CHECK(written == 5);
  }
}

TEST_CASE("record_title_spelling adds what TermGenerator's FLAG_SPELLING adds for the title") {
  Fixture fixture;
  DocumentBuilder builder(fixture.analyzer, fixture.gazetteers, BuildOptions{false, "2026-12-02"});
  test::TempDir dir;  // the in-memory backend keeps no spelling table
  Xapian::WritableDatabase ours((dir.path() / "ours").string(), Xapian::DB_CREATE);
  Xapian::WritableDatabase xapian((dir.path() / "xapian").string(), Xapian::DB_CREATE);
  Xapian::TermGenerator generator;
  generator.set_database(xapian);
  generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
  const std::vector<std::pair<std::string, std::string>> titles = {
      {"en", "The talks and the talks again: UN and the OSCE in Astana, 2024"},
      {"ru", "Переговоры и ещё раз переговоры: ООН и ОБСЕ в Астане, 2024"},
      {"kk", "Алматыда нашақорлыққа қарсы акция өтті, акция"},
  };
  for (const auto& [lang, title] : titles) {
    NewsItem news{.id = "t-" + lang, .title = title, .body = "Body text.", .lang = lang};
    record_title_spelling(ours, builder.build(news));
    Xapian::Document reference;
    generator.set_document(reference);
    generator.set_stemmer(fixture.analyzer.make_stemmer(lang));
    generator.set_stopper(fixture.analyzer.stopper(lang));
    generator.index_text(normalize_text(title), 3);
  }
  std::vector<std::pair<std::string, unsigned>> expected, got;
  for (auto word = xapian.spellings_begin(); word != xapian.spellings_end(); ++word) expected.emplace_back(*word, word.get_termfreq());
  for (auto word = ours.spellings_begin(); word != ours.spellings_end(); ++word) got.emplace_back(*word, word.get_termfreq());
  CHECK(expected.size() > 20);
  CHECK(got == expected);
}
