// Cross-script name keys: "Мирализода" and "Miralizoda" get the same Latin skeleton.
#pragma once

#include <unicode/translit.h>

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

// Maps a normalized word in Cyrillic or Latin script to a lower-case ASCII skeleton: Cyrillic is
// romanized with ICU's BGN/PCGN rules (Russian, then any other Cyrillic letters), everything is
// folded to ASCII (ş ç ž ə as sh ch zh a), then spelling variants that romanizations disagree on
// are merged (kh/x/h, q/k, hard c/k, soft c/s, zh/dzh/dj/j, shch/sch/sh, tz/ts, ph/f, th/t, y/i,
// iotated vowels ye/ie/e, ya/ia/a ..., yo/e after a consonant, w/v, doubled letters, apostrophes;
// rules and examples in core/transliteration.cc). Tashkent = Ташкент,
// Dushanbe = Душанбе, Turgumbayev = Тургумбаев. Words of other scripts, or with fewer than
// four letters, have no skeleton (""). Thread-safe (ICU transliterators are not: a mutex).
class NameSkeleton {
 public:
  NameSkeleton();
  ~NameSkeleton();
  NameSkeleton(const NameSkeleton&) = delete;
  NameSkeleton& operator=(const NameSkeleton&) = delete;

  std::string operator()(std::string_view normalized_word) const;

  // Every skeleton the indexer stores for a word: operator()'s first, then the other readings of
  // letters that romanizations write two ways (Latin x is "ks" or "h"). Empty for no skeleton.
  std::vector<std::string> variants(std::string_view normalized_word) const;

  // A Latin word spelled in Cyrillic (ICU's Latin-Russian/BGN), so that a Cyrillic stemmer can
  // find the stem an inflected Cyrillic spelling shares: "tashkent" -> "ташкент".
  std::string to_cyrillic(std::string_view normalized_latin_word) const;

 private:
  std::string ascii_of(std::string_view normalized_word) const;
  std::string simplified(const std::string& ascii) const;

  mutable std::mutex mutex_;
  std::unique_ptr<icu::Transliterator> romanize_;
  std::unique_ptr<icu::Transliterator> ascii_;
  std::unique_ptr<icu::Transliterator> simplify_;
  std::unique_ptr<icu::Transliterator> iotated_;
  std::unique_ptr<icu::Transliterator> cyrillize_;
};

}  // namespace caravan
