// Name skeletons with ICU transforms: BGN/PCGN romanization, ASCII folding, variant merging.
#include "core/transliteration.h"

#include <algorithm>
#include <stdexcept>

#include "core/normalize.h"

namespace caravan {
namespace {

constexpr size_t kMinSkeletonLetters = 4;

// Letters of the Turkic Latin alphabets that ASCII folding would turn into another sound: ş is
// the sh of Шахин, ç the ch of Челик, ž the zh of Turkmen, ə the a of Алиев (Əliyev).
constexpr const char16_t* kAsciiRules = u"ş > sh; ç > ch; ž > zh; ə > a; ::Latin-ASCII; ::Lower;";

// Spelling variants of the same sound across romanizations (longer sources first): dzh/dj/zh = j,
// kh/x = h, q = k, gh = g, ph = f, th = t, shch/sch = sh, cz = ch, tz = ts, a hard c is k
// (Clinton = Клинтон), a soft one s (Cecilia = Сесилия), ou = u (Djibouti), yo inside a word is
// the ё that normalization wrote е (Fyodor = Фёдор, Mirziyoyev = Мирзиёев), w = v, apostrophes
// go, and y = i (й, ы: Sergei = Сергей, Kennedy = Кеннеди).
constexpr const char16_t* kSimplifyRules =
    u"dzh > j; dj > j; zh > j; kh > h; x > h; q > k; gh > g; ph > f; th > t; shch > sh; sch > sh; cz > ch;"
    u"tz > ts; ck > k; c } [^ehiy] > k; c } [eiy] > s; ou > u; [a-z] { yo > e; w > v; ['] > ; y > i;";

// Then an i between a letter and a vowel goes, so that the iotated vowels meet however they are
// written (Tatiana = Tatyana = Татьяна, Solovyov = Соловьёв, Luxembourg = Люксембург); a word's
// first i stays (Yuri = Юрий), and a skeleton that this would make too short is kept without it
// (Kiev = Киев stays "kiev", not "kev").
constexpr const char16_t* kIotatedRules = u"[a-z] { i } [aeiou] > ;";

std::unique_ptr<icu::Transliterator> make(const char16_t* id_or_rules, bool rules) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error;
  std::unique_ptr<icu::Transliterator> t(
      rules ? icu::Transliterator::createFromRules(u"caravan-simplify", icu::UnicodeString(id_or_rules), UTRANS_FORWARD,
                                                   parse_error, status)
            : icu::Transliterator::createInstance(icu::UnicodeString(id_or_rules), UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !t) throw std::runtime_error("ICU transliterator unavailable");
  return t;
}

std::string to_utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

// Lower-case ASCII letters and digits of the text, each run of one letter written once.
std::string squeezed(const std::string& ascii) {
  std::string skeleton;
  for (char c : ascii) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep && (skeleton.empty() || skeleton.back() != c)) skeleton += c;
  }
  return skeleton.size() >= kMinSkeletonLetters ? skeleton : "";
}

std::string replaced_all(std::string text, std::string_view from, std::string_view to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

}  // namespace

NameSkeleton::NameSkeleton()
    : romanize_(make(u"Russian-Latin/BGN; Any-Latin", false)),
      ascii_(make(kAsciiRules, true)),
      simplify_(make(kSimplifyRules, true)),
      iotated_(make(kIotatedRules, true)),
      cyrillize_(make(u"Latin-Russian/BGN", false)) {}

NameSkeleton::~NameSkeleton() = default;

// The word in lower-case ASCII, before spelling variants are merged; "" for other scripts.
std::string NameSkeleton::ascii_of(std::string_view normalized_word) const {
  const std::string script = word_script(normalized_word);
  if (script != "Latin" && script != "Cyrillic") return "";
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(normalized_word.data(), normalized_word.size()));
  std::lock_guard lock(mutex_);
  romanize_->transliterate(text);
  ascii_->transliterate(text);
  return to_utf8(text);
}

std::string NameSkeleton::simplified(const std::string& ascii) const {
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(ascii);
  icu::UnicodeString shorter;
  {
    std::lock_guard lock(mutex_);
    simplify_->transliterate(text);
    shorter = text;
    iotated_->transliterate(shorter);
  }
  std::string skeleton = squeezed(to_utf8(shorter));
  return skeleton.empty() ? squeezed(to_utf8(text)) : skeleton;
}

std::string NameSkeleton::operator()(std::string_view normalized_word) const {
  const std::string ascii = ascii_of(normalized_word);
  return ascii.empty() ? "" : simplified(ascii);
}

// Latin x is "ks" in European names (Alexei = Алексей, Xenia = Ксения) and "h" in Uzbek and
// Azerbaijani (Xorazm = Хорезм); operator() reads it as h, so a word with x also gets its ks
// reading, and a word with ks its x reading, which a Latin query's skeleton then meets.
std::vector<std::string> NameSkeleton::variants(std::string_view normalized_word) const {
  const std::string ascii = ascii_of(normalized_word);
  if (ascii.empty()) return {};
  std::vector<std::string> out;
  const auto add = [&](const std::string& spelling) {
    std::string skeleton = simplified(spelling);
    if (!skeleton.empty() && std::find(out.begin(), out.end(), skeleton) == out.end()) out.push_back(std::move(skeleton));
  };
  add(ascii);
  if (out.empty()) return out;
  if (ascii.find('x') != std::string::npos) add(replaced_all(ascii, "x", "ks"));
  if (ascii.find("ks") != std::string::npos) add(replaced_all(ascii, "ks", "x"));
  return out;
}

std::string NameSkeleton::to_cyrillic(std::string_view normalized_latin_word) const {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(normalized_latin_word.data(), normalized_latin_word.size()));
  {
    std::lock_guard lock(mutex_);
    cyrillize_->transliterate(text);
  }
  return to_utf8(text);
}

}  // namespace caravan
