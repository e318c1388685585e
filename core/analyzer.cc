// Stemmer and stopword resources per language.
#include "core/analyzer.h"

#include <fstream>

#include "core/languages.h"
#include "core/light_stemmer.h"
#include "core/normalize.h"
#include "core/snowball_stemmer.h"

namespace caravan {

std::vector<std::string> read_stopword_file(const std::filesystem::path& path) {
  std::vector<std::string> words;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const auto comment = line.find_first_of("#|");
    if (comment != std::string::npos) line.erase(comment);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const auto last = line.find_last_not_of(" \t\r");
    words.push_back(normalize_text(line.substr(first, last - first + 1)));
  }
  return words;
}

Analyzer::Analyzer(const std::filesystem::path& stopwords_dir) {
  for (const auto& info : known_languages()) {
    std::vector<std::string> words;
    for (const auto& name : {std::string(info.code), base_language(info.code)}) {
      const auto path = stopwords_dir / (name + ".txt");
      if (std::filesystem::exists(path)) {
        auto list = read_stopword_file(path);
        words.insert(words.end(), list.begin(), list.end());
      }
      if (name == info.code && !words.empty()) break;
    }
    if (words.empty()) continue;
    stoppers_.emplace(std::string(info.code),
                      std::make_unique<Xapian::SimpleStopper>(words.begin(), words.end()));
  }
}

Xapian::Stem Analyzer::make_stemmer(std::string_view lang) const {
  const LanguageInfo* info = find_language(lang);
  if (!info) return Xapian::Stem();
  switch (info->stemmer) {
    case StemmerSource::kXapian:
      return Xapian::Stem(std::string(info->english_name));
    case StemmerSource::kLibstemmer:
      return Xapian::Stem(new SnowballStemmer(std::string(info->english_name)));
    case StemmerSource::kLight:
      return Xapian::Stem(new LightStemmer(std::string(info->code)));
    case StemmerSource::kNone:
      break;
  }
  return Xapian::Stem();
}

const Xapian::Stopper* Analyzer::stopper(std::string_view lang) const {
  auto it = stoppers_.find(lang);
  return it == stoppers_.end() ? nullptr : it->second.get();
}

bool Analyzer::is_stopword(std::string_view lang, const std::string& normalized_word) const {
  const Xapian::Stopper* stop = stopper(lang);
  return stop && (*stop)(normalized_word);
}

}  // namespace caravan
