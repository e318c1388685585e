// The listing dump reader on the real page of the portal (data/demo/portal_listing_page1.txt).
#include <doctest/doctest.h>

#include <vector>

#include "indexer/readers/input_files.h"
#include "indexer/readers/listing_reader.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {
std::vector<NewsItem> read_sample(std::vector<ReadProblem>* problems = nullptr) {
  const auto path = test::demo_dir() / "portal_listing_page1.txt";
  std::vector<NewsItem> items;
  read_listing(read_file_content(path), path.string(),
               {[&](NewsItem&& item) { items.push_back(std::move(item)); },
                [&](const ReadProblem& p) { if (problems) problems->push_back(p); }});
  return items;
}
}  // namespace

TEST_CASE("the shared sample has 8 items with first sentences and dates") {
  std::vector<ReadProblem> problems;
  const auto items = read_sample(&problems);
  CHECK(problems.empty());
  REQUIRE(items.size() == 8);
  struct Row { const char* title_start; const char* title_end; const char* date; };
  const std::vector<Row> expected = {
      {"Annual Thematic Discussions of the CND 2020", "3rd inter-sessional meeting of the CND", "2020-10-19"},
      {"On 19 October 2020, a staff member", "Afghanistan and Neighboring Countries", "2020-10-19"},
      {"Major-General Rustam Miralizoda, Centre Director, met with Mr. Michael Nowacoski", "on 2 October 2020 in CARICC", "2020-10-02"},
      {"Second regional working meeting of Steering Committees", "of the UNODC Programme for Central Asia", "2020-09-30"},
      {"Mr. Rustam Miralizoda, CARICC Director, and Mr. Eser", "in the format of videoconference", "2020-09-24"},
      {"On 19 September 2020 the Central Asian Regional", "Minister of Internal Affairs of the Republic of Kazakhstan", "2020-09-19"},
      {"In the format of videoconference, on September 14-15, 2020", "classified information was held", "2020-09-14"},
      {"An online expert meeting was hosted", "on 10-11 September 2020", "2020-09-10"},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    CAPTURE(i);
    CHECK(items[i].title.starts_with(expected[i].title_start));
    CHECK(items[i].title.ends_with(expected[i].title_end));
    CHECK(items[i].date == expected[i].date);
    CHECK(items[i].body.starts_with(items[i].title));
    CHECK(items[i].source.find("portal_listing_page1.txt:") != std::string::npos);
  }
}

TEST_CASE("header, markers and footer are not content") {
  for (const auto& item : read_sample()) {
    CHECK(item.body.find("Rate this item") == std::string::npos);
    CHECK(item.body.find("votes)") == std::string::npos);
    CHECK(item.body.find("Breaking news") == std::string::npos);
    CHECK(item.body.find("Page 1 of 18") == std::string::npos);
    CHECK(item.id.size() == 16);
  }
}

TEST_CASE("first_sentence") {
  CHECK(first_sentence("Mr. R. Miralizoda met Ye.Turgumbayev. Then more.") == "Mr. R. Miralizoda met Ye.Turgumbayev");
  CHECK(first_sentence("Прошло совещание в г. Алматы. Далее.") == "Прошло совещание в г. Алматы");
  CHECK(first_sentence("Growth was 2.5 percent! Next") == "Growth was 2.5 percent!");
  CHECK(first_sentence("A line without a stop\nand the next line") == "A line without a stop");
  CHECK(first_sentence("") == "");
}

TEST_CASE("format detection") {
  CHECK(looks_like_listing("Header\n\nRate this item\n(0 votes)\n\nText"));
  CHECK_FALSE(looks_like_listing("{\"body\":\"x\"}"));
  CHECK(detect_format("a.jsonl.gz", "") == InputFormat::kJsonLines);
  CHECK(detect_format("a.txt", "Rate this item\n(0 votes)\nx") == InputFormat::kListing);
  CHECK(detect_format("noext", "  {\"body\":1}") == InputFormat::kJsonLines);
  CHECK(detect_format("a.txt", "plain words") == InputFormat::kUnknown);
}
