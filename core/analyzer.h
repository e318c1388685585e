// Per-language analysis resources: stemmers and stopword lists, shared by indexer and searchd.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

class Analyzer {
 public:
  // Loads stopwords/<code>.txt for every known language found in stopwords_dir (a tag such as
  // "uz-Cyrl" also reads its base language's list). A missing directory means no stopwords.
  explicit Analyzer(const std::filesystem::path& stopwords_dir);

  // A new stemmer for the language: Xapian's own, libstemmer's through StemImplementation, a
  // light suffix stripper, or the no-op Xapian::Stem(). Stemmers hold state: one per thread.
  Xapian::Stem make_stemmer(std::string_view lang) const;

  // The language's stopper, or nullptr when it has no list. Safe to share between threads.
  const Xapian::Stopper* stopper(std::string_view lang) const;

  bool is_stopword(std::string_view lang, const std::string& normalized_word) const;

 private:
  std::map<std::string, std::unique_ptr<Xapian::SimpleStopper>, std::less<>> stoppers_;
};

// Reads a stopword list: one word per line, '#' or '|' start a comment; words are normalized.
std::vector<std::string> read_stopword_file(const std::filesystem::path& path);

}  // namespace caravan
