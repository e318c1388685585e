// Light suffix-stripping stemmers for the languages no Snowball stemmer covers (kk ky uz tg tk az).
#pragma once

#include <xapian.h>

#include <string>

namespace caravan {

struct LightStemRules;  // parsed suffix table of one language (core/light_stemmer.cc)

class LightStemmer : public Xapian::StemImplementation {
 public:
  // "kk","kk-Latn","ky","uz","uz-Cyrl","tg","tk","tk-Cyrl","az","az-Cyrl"; throws Xapian::InvalidArgumentError otherwise
  explicit LightStemmer(std::string lang);
  // word is already normalized (lower case, NFC, apostrophes as ASCII ')
  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  std::string lang_;
  const LightStemRules* rules_;
};

}  // namespace caravan
