// Loading the country and organization gazetteers and looking up their labels.
#include "core/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/normalize.h"

namespace caravan {
namespace {

AliasKind parse_kind(const std::string& kind, const std::string& where) {
  if (kind == "label") return AliasKind::kLabel;
  if (kind == "name") return AliasKind::kName;
  if (kind == "adjective") return AliasKind::kAdjective;
  if (kind == "acronym") return AliasKind::kAcronym;
  if (kind == "suffix") return AliasKind::kSuffix;
  if (kind == "subbody") return AliasKind::kSubBody;
  if (kind == "home") return AliasKind::kHome;
  throw std::runtime_error(where + ": unknown kind '" + kind + "'");
}

std::vector<std::string> split_tabs(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, '\t')) fields.push_back(field);
  return fields;
}

}  // namespace

Gazetteer Gazetteer::load(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path.string() + ": cannot open gazetteer");
  Gazetteer gazetteer;
  std::string line;
  for (int line_number = 1; std::getline(in, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::string where = path.string() + ":" + std::to_string(line_number);
    auto fields = split_tabs(line);
    if (fields.size() != 4 || fields[0].empty() || fields[3].empty())
      throw std::runtime_error(where + ": expected value<TAB>lang<TAB>kind<TAB>text");
    Alias alias{fields[0], fields[1], parse_kind(fields[2], where), fields[3]};
    if (alias.kind == AliasKind::kLabel) gazetteer.labels_[alias.value].emplace(alias.lang, alias.text);
    else gazetteer.labels_[alias.value];
    gazetteer.normalized_.push_back(normalize_text(alias.text));
    gazetteer.aliases_.push_back(std::move(alias));
  }
  return gazetteer;
}

std::string Gazetteer::label(std::string_view value, std::string_view ui_lang) const {
  auto it = labels_.find(value);
  if (it == labels_.end()) return std::string(value);
  for (std::string_view lang : {ui_lang, std::string_view("en")}) {
    auto found = it->second.find(std::string(lang));
    if (found != it->second.end()) return found->second;
  }
  return std::string(value);
}

std::string Gazetteer::short_label(std::string_view value, std::string_view ui_lang) const {
  for (const auto& alias : aliases_) {
    if (alias.value != value || alias.kind != AliasKind::kAcronym) continue;
    const bool latin = word_script(alias.text) == "Latin";
    if (alias.lang == ui_lang || (ui_lang == "en" && latin && (alias.lang == "*" || alias.lang == "en")))
      return alias.text;
  }
  return label(value, ui_lang);
}

std::vector<std::string> Gazetteer::values_with_prefix(std::string_view prefix) const {
  const std::string wanted = normalize_text(prefix);
  std::vector<std::string> values;
  for (size_t i = 0; i < aliases_.size(); ++i) {
    const Alias& alias = aliases_[i];
    if (alias.kind == AliasKind::kAdjective || alias.kind == AliasKind::kSubBody) continue;
    if (!values.empty() && values.back() == alias.value) continue;
    if (normalized_[i].starts_with(wanted)) values.push_back(alias.value);
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

Gazetteers Gazetteers::load(const std::filesystem::path& dir) {
  return {Gazetteer::load(dir / "countries.tsv"), Gazetteer::load(dir / "organizations.tsv")};
}

}  // namespace caravan
