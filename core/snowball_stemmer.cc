// libstemmer wrapped as a Xapian stemmer.
#include "core/snowball_stemmer.h"

#include <libstemmer.h>

namespace caravan {

SnowballStemmer::SnowballStemmer(const std::string& algorithm)
    : algorithm_(algorithm), stemmer_(sb_stemmer_new(algorithm.c_str(), "UTF_8")) {
  if (!stemmer_) throw Xapian::InvalidArgumentError("libstemmer has no stemmer for " + algorithm);
}

SnowballStemmer::~SnowballStemmer() { sb_stemmer_delete(stemmer_); }

std::string SnowballStemmer::operator()(const std::string& word) {
  const sb_symbol* stemmed = sb_stemmer_stem(
      stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  if (!stemmed) return word;
  return std::string(reinterpret_cast<const char*>(stemmed),
                     static_cast<size_t>(sb_stemmer_length(stemmer_)));
}

std::string SnowballStemmer::get_description() const { return "libstemmer:" + algorithm_; }

}  // namespace caravan
