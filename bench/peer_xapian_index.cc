// caravan-bench-peer-xapian-index: the plain Xapian writer of the peer benchmark (the library's own ceiling).
//
// Usage: caravan-bench-peer-xapian-index CORPUS.jsonl OUT_DIR. One thread, one WritableDatabase,
// add_document per item, one commit at the end: TermGenerator with the item's language stemmer
// over title (weight 3, also S-prefixed) and body, the same boolean terms and value slots as
// Caravan's schema (core/schema.h), the JSON line as document data. Nothing is extracted or
// identified: the corpus gives language, date, countries and organizations.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/schema.h"

namespace {

using namespace caravan::schema;

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "" : std::string(1, kValueSetSeparator)) + value;
  return out;
}

double day_number(const std::string& date) {
  const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)), d = std::stoi(date.substr(8, 2));
  // Days since 1970-01-01 (civil calendar, H. Hinnant's algorithm).
  const int yy = y - (m <= 2), era = (yy >= 0 ? yy : yy - 399) / 400, yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097.0 + doe - 719468;
}

Xapian::Document document(const nlohmann::json& item, const std::string& line, Xapian::TermGenerator& terms) {
  Xapian::Document doc;
  terms.set_document(doc);
  const std::string title = item.value("title", ""), body = item.value("body", "");
  terms.index_text(title, kTitleWdfInc);
  terms.index_text(title, 1, std::string(kPrefixTitle));
  terms.increase_termpos();
  terms.index_text(body);
  const std::string lang = item.value("lang", ""), date = item.value("date", "");
  auto countries = item.value("countries", std::vector<std::string>{});
  auto orgs = item.value("organizations", std::vector<std::string>{});
  std::sort(countries.begin(), countries.end());
  std::sort(orgs.begin(), orgs.end());
  doc.add_boolean_term(id_term(item.value("id", "")));
  doc.add_boolean_term(std::string(kPrefixLang) + lang);
  for (const auto& country : countries) doc.add_boolean_term(std::string(kPrefixCountry) + country);
  for (const auto& org : orgs) doc.add_boolean_term(std::string(kPrefixOrg) + org);
  doc.add_value(kSlotLang, lang);
  doc.add_value(kSlotCountries, joined(countries));
  doc.add_value(kSlotOrgs, joined(orgs));
  if (date.size() == 10) {
    doc.add_boolean_term(std::string(kPrefixYear) + date.substr(0, 4));
    doc.add_boolean_term(std::string(kPrefixMonth) + date.substr(0, 7));
    doc.add_boolean_term(std::string(kPrefixDay) + date);
    doc.add_value(kSlotDate, date.substr(0, 4) + date.substr(5, 2) + date.substr(8, 2));
    doc.add_value(kSlotYear, date.substr(0, 4));
    doc.add_value(kSlotMonth, date.substr(0, 7));
    doc.add_value(kSlotDayNumber, Xapian::sortable_serialise(day_number(date)));
  }
  doc.set_data(line);
  return doc;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s CORPUS.jsonl OUT_DIR\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read %s\n", argv[0], argv[1]);
    return 1;
  }
  try {
    const auto started = std::chrono::steady_clock::now();
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE_OR_OVERWRITE);
    std::map<std::string, Xapian::Stem> stemmers{{"en", Xapian::Stem("english")}, {"ru", Xapian::Stem("russian")}};
    Xapian::TermGenerator terms;
    terms.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    long count = 0;
    for (std::string line; std::getline(in, line);) {
      if (line.empty()) continue;
      const auto item = nlohmann::json::parse(line);
      auto stemmer = stemmers.find(item.value("lang", ""));
      terms.set_stemmer(stemmer == stemmers.end() ? Xapian::Stem() : stemmer->second);
      db.add_document(document(item, line, terms));
      ++count;
    }
    db.commit();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("{\"docs\": %ld, \"seconds\": %.3f}\n", count, seconds);
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "%s: %s\n", argv[0], error.what());
    return 1;
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "%s: %s\n", argv[0], error.get_description().c_str());
    return 1;
  }
}
