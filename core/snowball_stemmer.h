// Xapian::StemImplementation over libstemmer, for the Snowball 2.2 languages Xapian 1.4 lacks.
#pragma once

#include <xapian.h>

#include <string>

struct sb_stemmer;

namespace caravan {

class SnowballStemmer : public Xapian::StemImplementation {
 public:
  // algorithm: a libstemmer algorithm name such as "greek"; throws Xapian::InvalidArgumentError
  // when libstemmer does not have it.
  explicit SnowballStemmer(const std::string& algorithm);
  ~SnowballStemmer() override;
  SnowballStemmer(const SnowballStemmer&) = delete;
  SnowballStemmer& operator=(const SnowballStemmer&) = delete;

  std::string operator()(const std::string& word) override;
  std::string get_description() const override;

 private:
  std::string algorithm_;
  sb_stemmer* stemmer_;
};

}  // namespace caravan
