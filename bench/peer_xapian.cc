// caravan-bench-peer-xapian: the plain Xapian searcher of the peer benchmark, in-process (no HTTP).
// Per query: QueryParser (AND of the words, stemmed with the stemmer of the query's script),
// top 10 with their data, ValueCountMatchSpy on the five facet slots over every match, sets split.
// Flags: --index DIR plus those of peer_driver.h.
#include <xapian.h>

#include <memory>
#include <string>

#include "bench/peer_driver.h"
#include "core/schema.h"

namespace {

using namespace caravan::schema;

constexpr std::pair<const char*, Xapian::valueno> kFacets[] = {
    {"year", kSlotYear}, {"month", kSlotMonth}, {"lang", kSlotLang}, {"country", kSlotCountries}, {"organization", kSlotOrgs}};

bool cyrillic(const std::string& text) {
  for (unsigned char c : text)
    if (c == 0xD0 || c == 0xD1) return true;
  return false;
}

void add_split(std::map<std::string, long>& counts, const std::string& set, long count) {
  for (size_t start = 0; start < set.size();) {
    size_t end = set.find(kValueSetSeparator, start);
    if (end == std::string::npos) end = set.size();
    if (end > start) counts[set.substr(start, end - start)] += count;
    start = end + 1;
  }
}

class XapianEngine : public caravan::bench::Engine {
 public:
  explicit XapianEngine(const std::string& path) : db_(path), english_("english"), russian_("russian") {
    parser_.set_database(db_);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  }

  caravan::bench::Answer ask(const std::string& words) override {
    parser_.set_stemmer(cyrillic(words) ? russian_ : english_);
    Xapian::Enquire enquire(db_);
    enquire.set_query(parser_.parse_query(words));
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    for (const auto& [facet, slot] : kFacets) {
      spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(slot));
      enquire.add_matchspy(spies.back().get());
    }
    const Xapian::MSet mset = enquire.get_mset(0, 10, db_.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) data_ = it.get_document().get_data();
    caravan::bench::Answer answer;
    answer.total = mset.get_matches_estimated();
    for (size_t i = 0; i < spies.size(); ++i)
      for (auto it = spies[i]->values_begin(); it != spies[i]->values_end(); ++it)
        add_split(answer.facets[kFacets[i].first], *it, it.get_termfreq());
    return answer;
  }

 private:
  Xapian::Database db_;
  Xapian::QueryParser parser_;
  Xapian::Stem english_, russian_;
  std::string data_;  // the hits' stored data is read, as an engine that shows them must
};

}  // namespace

int main(int argc, char** argv) {
  return caravan::bench::run_driver(argc, argv, [](const std::map<std::string, std::string>& options) {
    const std::string path = options.at("index");
    return caravan::bench::EngineFactory([path] { return std::make_unique<XapianEngine>(path); });
  });
}
