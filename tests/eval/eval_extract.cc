// eval_extract: precision, recall and F1 of country and organization extraction and the accuracy
// of dates, on the labelled set in tests/fixtures/extraction (plus the portal sample), with the
// development items and the held-out items reported apart. The third held-out round is pages and
// crawled records (heldout3.inputs/) read by the indexer's own readers, labelled in
// heldout3.labels.jsonl; the fourth (heldout4.*) is the same kind, written after the third's fixes.
// Usage: eval_extract FIXTURE_DIR [LISTING_FILE_OR_DIR]; exits 1 when a target is missed.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <set>
#include <string>
#include <vector>

#include "core/analyzer.h"
#include "core/gazetteer.h"
#include "indexer/document_builder.h"
#include "indexer/readers/input_files.h"
#include "indexer/readers/listing_reader.h"
#include "indexer/readers/reader.h"

using namespace caravan;
using nlohmann::json;

namespace {

struct Labelled {
  std::string id, lang, title, body, date;
  std::set<std::string> countries, organizations;
  std::string url;  // optional: the item's address, where a date may be read
  // What the indexer would hand the builder; set for items read by a reader, else made from
  // title, body, lang and url.
  std::optional<NewsItem> read;
};

struct Score {
  unsigned tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 1.0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 1.0; }
  double f1() const { const double p = precision(), r = recall(); return p + r ? 2 * p * r / (p + r) : 0; }
};

struct LangScores {
  Score countries, organizations;
  unsigned dates_right = 0, items = 0;
};

std::set<std::string> string_set(const json& value) {
  std::set<std::string> out;
  if (value.is_array())
    for (const auto& v : value) out.insert(v.get<std::string>());
  return out;
}

std::vector<Labelled> read_labelled(const std::string& path) {
  std::vector<Labelled> items;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = json::parse(line);
    items.push_back({j.value("id", ""), j.value("lang", ""), j.value("title", ""), j.value("body", ""),
                     j["date"].is_string() ? j["date"].get<std::string>() : "",
                     string_set(j["countries"]), string_set(j["organizations"]), j.value("url", "")});
  }
  return items;
}

// The portal sample's items with the hand labels of shared_sample_labels.jsonl, matched by order.
std::vector<Labelled> read_sample(const std::string& labels_path, const std::string& listing_path) {
  std::vector<NewsItem> raw;
  read_listing(read_file_content(listing_path), listing_path,
               {[&](NewsItem&& item) { raw.push_back(std::move(item)); }, [](const ReadProblem&) {}});
  std::vector<Labelled> items;
  std::ifstream in(labels_path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = json::parse(line);
    const size_t index = j.value("item", 0) - 1;
    if (index >= raw.size()) continue;
    items.push_back({"sample-" + std::to_string(index + 1), "en", raw[index].title, raw[index].body,
                     j["date"].is_string() ? j["date"].get<std::string>() : "",
                     string_set(j["countries"]), string_set(j["organizations"]), j.value("url", "")});
  }
  return items;
}

// The items of one input file as the indexer reads them (any reader problem is fatal here: the
// fixture must read cleanly).
std::vector<NewsItem> read_input_items(const std::filesystem::path& path) {
  std::vector<NewsItem> items;
  read_input_file(path, {[&](NewsItem&& item) { items.push_back(std::move(item)); },
                         [&](const ReadProblem& problem) {
                           throw std::runtime_error(problem.where + ": " + problem.reason);
                         }});
  return items;
}

// heldout3.labels.jsonl: {"input": file in heldout3.inputs/, "id": the record's id for JSON Lines,
// "lang", "countries", "organizations", "date", "note"}; each label joined to the item its file gives.
std::vector<Labelled> read_labelled_inputs(const std::string& labels_path, const std::filesystem::path& inputs) {
  std::vector<Labelled> items;
  std::map<std::string, std::vector<NewsItem>> files;
  std::ifstream in(labels_path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto j = json::parse(line);
    const std::string input = j.at("input").get<std::string>(), id = j.value("id", "");
    auto file = files.find(input);
    if (file == files.end()) file = files.emplace(input, read_input_items(inputs / input)).first;
    const auto match = std::find_if(file->second.begin(), file->second.end(),
                                    [&](const NewsItem& item) { return id.empty() || item.id == id; });
    if (match == file->second.end()) throw std::runtime_error(input + ": no item " + id);
    items.push_back({id.empty() ? input : id, j.value("lang", ""), "", "",
                     j["date"].is_string() ? j["date"].get<std::string>() : "", string_set(j["countries"]),
                     string_set(j["organizations"]), "", *match});
  }
  return items;
}

void add(Score& score, const std::set<std::string>& gold, const std::vector<std::string>& found,
         std::vector<std::string>& misses, const std::string& id, const char* what) {
  const std::set<std::string> got(found.begin(), found.end());
  for (const auto& v : got) {
    if (gold.count(v)) ++score.tp;
    else { ++score.fp; misses.push_back(id + ": " + what + " extra " + v); }
  }
  for (const auto& v : gold)
    if (!got.count(v)) { ++score.fn; misses.push_back(id + ": " + what + " missed " + v); }
}

void print_row(const std::string& lang, const LangScores& s) {
  std::printf("%-8s %5u   %5.3f %5.3f %5.3f   %5.3f %5.3f %5.3f   %5.3f\n", lang.c_str(), s.items,
              s.countries.precision(), s.countries.recall(), s.countries.f1(), s.organizations.precision(),
              s.organizations.recall(), s.organizations.f1(), s.items ? double(s.dates_right) / s.items : 1.0);
}

struct Report {
  std::map<std::string, LangScores> by_lang;  // "all" holds the totals
  std::vector<std::string> misses;
};

Report evaluate(DocumentBuilder& builder, const std::vector<Labelled>& items) {
  Report report;
  for (const auto& gold : items) {
    NewsItem item;
    if (gold.read) {
      item = *gold.read;
    } else {
      item.title = gold.title;
      item.body = gold.body;
      item.lang = gold.lang;
      item.url = gold.url;
    }
    builder.complete(item);
    for (auto* scores : {&report.by_lang[gold.lang], &report.by_lang["all"]}) {
      std::vector<std::string> ignored;
      const bool all = scores == &report.by_lang["all"];
      auto& sink = all ? report.misses : ignored;
      add(scores->countries, gold.countries, item.countries, sink, gold.id, "country");
      add(scores->organizations, gold.organizations, item.organizations, sink, gold.id, "organization");
      ++scores->items;
      if (item.date == gold.date) ++scores->dates_right;
      else if (all) sink.push_back(gold.id + ": date " + (item.date.empty() ? "none" : item.date) + " instead of " + (gold.date.empty() ? "none" : gold.date));
    }
  }
  return report;
}

bool meets_targets(const LangScores& all) {
  return all.countries.f1() >= 0.95 && all.organizations.f1() >= 0.90 &&
         double(all.dates_right) / std::max(all.items, 1u) >= 0.95;
}

void print_report(const char* title, const Report& report, bool list_misses = true) {
  std::printf("== %s\nlang     items   country P/R/F1          organization P/R/F1     date acc\n", title);
  for (const auto& [lang, scores] : report.by_lang)
    if (lang != "all") print_row(lang, scores);
  const auto all = report.by_lang.find("all");
  print_row("all", all == report.by_lang.end() ? LangScores{} : all->second);
  if (list_misses) {
    std::printf("%zu misses:\n", report.misses.size());
    for (const auto& miss : report.misses) std::printf("  %s\n", miss.c_str());
  }
  std::printf("\n");
}

// The portal page: a file, or the shared data directory that holds it.
std::string listing_path(int argc, char** argv) {
  const std::string demo = std::string(CARAVAN_SOURCE_DIR) + "/data/demo/portal_listing_page1.txt";
  if (argc <= 2) return demo;
  const std::filesystem::path given = argv[2];
  if (!std::filesystem::is_directory(given)) return given.string();
  const auto inside = given / "000_beddaa29068f36e5.txt";
  return std::filesystem::exists(inside) ? inside.string() : demo;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: eval_extract FIXTURE_DIR [LISTING_FILE_OR_DIR]\n");
    return 2;
  }
  const std::string dir = argv[1];
  auto tuned = read_labelled(dir + "/labelled.jsonl");
  for (auto& item : read_sample(dir + "/shared_sample_labels.jsonl", listing_path(argc, argv)))
    tuned.push_back(std::move(item));
  const auto held_out = read_labelled(dir + "/heldout.jsonl");
  const auto held_out_2 = read_labelled(dir + "/heldout2.jsonl");
  std::vector<Labelled> held_out_3, held_out_4;
  try {
    held_out_3 = read_labelled_inputs(dir + "/heldout3.labels.jsonl", dir + "/heldout3.inputs");
    held_out_4 = read_labelled_inputs(dir + "/heldout4.labels.jsonl", dir + "/heldout4.inputs");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "eval_extract: held-out pages: %s\n", error.what());
    return 2;
  }
  auto everything = tuned;
  for (const auto& round : {held_out, held_out_2, held_out_3, held_out_4})
    everything.insert(everything.end(), round.begin(), round.end());

  const Analyzer analyzer(std::string(CARAVAN_SOURCE_DIR) + "/stopwords");
  const Gazetteers gazetteers = Gazetteers::load(std::string(CARAVAN_SOURCE_DIR) + "/gazetteers");
  DocumentBuilder builder(analyzer, gazetteers, {});
  print_report("development items (labelled.jsonl + shared sample)", evaluate(builder, tuned));
  print_report("held-out items (heldout.jsonl)", evaluate(builder, held_out));
  if (!held_out_2.empty()) print_report("second held-out round (heldout2.jsonl)", evaluate(builder, held_out_2));
  if (!held_out_3.empty())
    print_report("third held-out round: pages and crawled records (heldout3.inputs/)", evaluate(builder, held_out_3));
  if (!held_out_4.empty())
    print_report("fourth held-out round: pages written after the third round's fixes (heldout4.inputs/)",
                 evaluate(builder, held_out_4));
  Report total = evaluate(builder, everything);
  print_report("all items (misses listed above)", total, false);
  const bool ok = meets_targets(total.by_lang["all"]);
  std::printf("targets (country F1 >= 0.95, organization F1 >= 0.90, date accuracy >= 0.95): %s\n", ok ? "met" : "MISSED");
  return ok ? 0 : 1;
}
