// Facet vocabulary: countries and organizations with their names per language (gazetteers/*.tsv).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

// How an alias is matched in running text.
enum class AliasKind {
  kLabel,      // the display name in one UI language; matched like kName
  kName,       // another name or official form: case-insensitive, word stems
  kAdjective,  // adjective or demonym ("Kazakh", "афганский"): as kName
  kAcronym,    // short form matched case-sensitively as a whole word ("WHO", "ОДКБ")
  kSuffix,     // a short form matched as kAcronym, but only right after an agency's acronym or a
               // capitalized word in mid-sentence: "МВД РК", "ГКНБ КР", "при Президенте РТ"
  kSubBody,    // not a name: the start of a head word of another body named with this one
               // ("UN Women", "Фонд ООН"): written next to one, this entry is not tagged
  kHome,       // a national body's name without its country ("Ichki ishlar vazirligi"), matched
               // as kName but only in a text of the alias's language and not right after a
               // capitalized qualifier ("Tojikiston Respublikasi Ichki ishlar vazirligi")
};

struct Alias {
  std::string value;  // canonical code or id: "KZ", "UNODC"
  std::string lang;   // BCP 47 tag or "*"
  AliasKind kind;
  std::string text;
};

// One gazetteer file: rows "value<TAB>lang<TAB>kind<TAB>text", '#' comments.
class Gazetteer {
 public:
  Gazetteer() = default;
  // Throws std::runtime_error("file:line: reason") on a malformed row; a missing file is an error.
  static Gazetteer load(const std::filesystem::path& path);

  const std::vector<Alias>& aliases() const { return aliases_; }

  // The label in ui_lang, else the English one, else the value itself.
  std::string label(std::string_view value, std::string_view ui_lang) const;

  // The first acronym written for ui_lang (for "en": a Latin-script acronym of any language),
  // else label(): "ЦАРИКЦ" rather than the 20-word official name, for chips and facet lists.
  std::string short_label(std::string_view value, std::string_view ui_lang) const;

  // Values whose label or name in any language starts with the prefix (case-insensitive).
  std::vector<std::string> values_with_prefix(std::string_view prefix) const;

 private:
  std::vector<Alias> aliases_;
  std::vector<std::string> normalized_;  // normalize_text(aliases_[i].text), for prefix search
  std::map<std::string, std::map<std::string, std::string>, std::less<>> labels_;
};

// The two gazetteers Caravan uses, loaded from one directory.
struct Gazetteers {
  Gazetteer countries;
  Gazetteer organizations;
  static Gazetteers load(const std::filesystem::path& dir);
};

}  // namespace caravan
