// The indexer's progress bar and run report: their text, and messages kept off the bar.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

#include "indexer/progress_bar.h"
#include "indexer/run_report.h"

using namespace caravan;

namespace {

// Everything written to a temporary FILE*, read back.
std::string written(std::FILE* file) {
  std::fflush(file);
  std::string text(static_cast<std::size_t>(std::ftell(file)), '\0');
  std::rewind(file);
  text.resize(std::fread(text.data(), 1, text.size(), file));
  return text;
}

}  // namespace

TEST_CASE("progress text: bar, share, documents, rate and ETA") {
  ProgressState state;
  state.total = 1000;
  state.done = 420;
  state.documents = 12345;
  state.seconds = 10;
  CHECK(progress_bar_text(state) == "[########............]  42%  12,345 docs  1,235 docs/s  ETA 0:14");
  CHECK(progress_log_text(state) == "42% of 1 KB, 12,345 docs, 1,235 docs/s, ETA 0:14");
  state.done = 0;
  CHECK(progress_bar_text(state, 4) == "[....]   0%  12,345 docs  1,235 docs/s  ETA -:--");
  state.done = 2000;  // a file that grew while read
  CHECK(progress_bar_text(state, 4) == "[####] 100%  12,345 docs  1,235 docs/s  ETA 0:00");
  state.total = 0;  // not known
  CHECK(progress_bar_text(state) == "12,345 docs  1,235 docs/s");
  CHECK(progress_log_text(state) == "12,345 docs, 1,235 docs/s");
  state = {.done = 30, .total = 120, .unit = "URLs", .documents = 20, .seconds = 60};
  CHECK(progress_log_text(state) == "25% of 120 URLs, 20 docs, 0 docs/s, ETA 3:00");
  CHECK(with_thousands(0) == "0");
  CHECK(with_thousands(999) == "999");
  CHECK(with_thousands(1000) == "1,000");
  CHECK(with_thousands(1234567) == "1,234,567");
  CHECK(clock_text(37) == "0:37");
  CHECK(clock_text(725) == "12:05");
  CHECK(clock_text(3723) == "1:02:03");
  CHECK(size_text(820'400) == "820 KB");
  CHECK(size_text(29'100'000) == "29.1 MB");
}

TEST_CASE("on a terminal the bar is redrawn in place and cleared for each message") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  ProgressBar bar(out, ProgressMode::kTerminal);
  bar.set_total(1000);  // the first draw is at once
  bar.add_documents(3);
  bar.advance(500);
  const std::string message = "news_ru.jsonl:7: missing or empty 'body'";
  bar.message(message);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  bar.advance(100);  // a quarter of a second later: drawn again
  bar.finish();
  bar.advance(400);  // after finish: nothing more
  const std::string text = written(out);
  std::fclose(out);
  CHECK(text.starts_with("\r[...................."));
  CHECK(text.find("\r\033[K" + message + "\n") != std::string::npos);
  CHECK(text.find("\r[############........]  60%  3 docs") != std::string::npos);
  CHECK(text.ends_with("\r\033[K"));
  CHECK(text.find("100%") == std::string::npos);
}

TEST_CASE("off a terminal: a plain line per interval, no escape sequences; off: only messages") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  {
    ProgressBar bar(out, ProgressMode::kPlain, std::chrono::milliseconds(1));
    bar.set_total(2000);
    for (int i = 0; i < 4; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      bar.advance(500);
      bar.add_documents();
    }
    bar.message("a.jsonl:2: warning: bad date 'вчера': not a date Caravan understands; dropped");
    bar.finish();
  }
  const std::string plain = written(out);
  std::fclose(out);
  CHECK(plain.find("caravan-indexer: 100% of 2 KB, 3 docs, ") != std::string::npos);
  CHECK(plain.find("\na.jsonl:2: warning: bad date 'вчера'") != std::string::npos);
  CHECK(plain.find('\r') == std::string::npos);
  CHECK(plain.find('\033') == std::string::npos);

  out = std::tmpfile();
  REQUIRE(out);
  {
    ProgressBar bar(out, ProgressMode::kOff);
    bar.set_total(10);
    bar.advance(10);
    bar.message("only this");
    bar.finish();
  }
  CHECK(written(out) == "only this\n");
  std::fclose(out);
}

TEST_CASE("the run report counts problems by code and words the summary") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out);
  ProgressBar bar(out, ProgressMode::kOff);
  RunReport report(bar, false);
  report.problem({"ru.jsonl:2", "parse error", true, "bad_json"});
  report.problem({"en.jsonl:9", "missing or empty 'body'", true, "missing_body"});
  report.problem({"ru.jsonl:5", "parse error \033[2J here", true, "bad_json"});
  report.problem({"ru.jsonl:6", "bad date 'завтра'", false, "bad_date"});
  report.problem({"docs/scan.pdf", "unknown file type, skipped", true, "unknown_file_type"});
  CHECK(report.skipped() == 4);
  CHECK(report.warnings() == 1);
  CHECK(report.summary({.added = 14, .replaced = 2, .deleted = 1}) ==
        "added 14, replaced 2, deleted 1, skipped 4 (bad_json: 2, missing_body: 1, unknown_file_type: 1); "
        "1 warning (bad_date: 1)");
  const std::string text = written(out);
  std::fclose(out);
  CHECK(text.find("ru.jsonl:5: parse error ?[2J here\n") != std::string::npos);  // no ESC reaches the terminal
  CHECK(text.find("ru.jsonl:6: warning: bad date 'завтра'\n") != std::string::npos);
  CHECK(text.find("docs/scan.pdf: unknown file type, skipped\n") != std::string::npos);

  ProgressBar silent(stderr, ProgressMode::kOff);
  RunReport quiet(silent, true);
  quiet.problem({"x", "y", false, "body_truncated"});
  CHECK(quiet.summary({}) == "added 0, replaced 0, deleted 0, skipped 0; 1 warning (body_truncated: 1)");
}
