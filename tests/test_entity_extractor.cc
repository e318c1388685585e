// Country and organization extraction with the repository's gazetteers: the tricky cases.
#include <doctest/doctest.h>

#include "indexer/entity_extractor.h"
#include "tests/test_paths.h"

using namespace caravan;

namespace {
struct Extractors {
  Analyzer analyzer{test::stopwords_dir()};
  Gazetteers gazetteers = Gazetteers::load(test::gazetteers_dir());
  EntityExtractor countries{gazetteers.countries, analyzer};
  EntityExtractor organizations{gazetteers.organizations, analyzer};
};
Extractors& extractors() {
  static Extractors instance;
  return instance;
}
using Values = std::vector<std::string>;
Values countries(const char* text) { return extractors().countries.extract(text); }
Values orgs(const char* text) { return extractors().organizations.extract(text); }
}  // namespace

TEST_CASE("countries in inflected and derived forms") {
  struct Row { const char* text; Values expected; };
  for (const Row& row : std::initializer_list<Row>{
           {"Совещание прошло в Республике Казахстан.", {"KZ"}},
           {"делегация Республики Таджикистан", {"TJ"}},
           {"в Казахстане и Узбекистане", {"KZ", "UZ"}},
           {"представители Кыргызской Республики", {"KG"}},
           {"партия афганского героина", {"AF"}},
           {"gratitude to the Kazakh side", {"KZ"}},
           {"Kazakhstan's customs service", {"KZ"}},
           {"the Islamic Republic of Afghanistan, Georgia, Turkmenistan", {"AF", "GE", "TM"}},
           {"Республики\nУзбекистан", {"UZ"}},
           {"the Russian Federation", {"RU"}},
           {"no country at all here", {}},
           {"a Chinatown restaurant", {}},
       })
    CHECK_MESSAGE(countries(row.text) == row.expected, row.text);
}

TEST_CASE("organizations: acronyms, full names, Cyrillic forms") {
  struct Row { const char* text; Values expected; };
  for (const Row& row : std::initializer_list<Row>{
           {"the World Health Organization (WHO)", {"WHO"}},
           {"who will attend and who will not", {}},
           {"UNODC's regional office", {"UNODC"}},
           {"при поддержке УНП ООН", {"UNODC"}},
           {"the United Nations Office on\nDrugs and Crime", {"UNODC"}},
           {"государств — членов ОДКБ", {"CSTO"}},
           {"в ЦАРИКЦ состоялась встреча", {"CARICC"}},
           {"the International Narcotics Control Board", {"INCB"}},
           {"eu and us in lower case", {}},
       })
    CHECK_MESSAGE(orgs(row.text) == row.expected, row.text);
}
