// Name skeletons with ICU transforms: BGN/PCGN romanization, ASCII folding, variant merging.
#include "core/transliteration.h"

#include <stdexcept>

#include "core/normalize.h"

namespace caravan {
namespace {

constexpr size_t kMinSkeletonLetters = 4;

// Spelling variants of the same sound across romanizations (longer sources first); a hard c is k
// (Clinton = Клинтон, Macron = Макрон).
constexpr const char16_t* kSimplifyRules =
    u"dzh > j; zh > j; kh > h; x > h; q > k; gh > g; ye > e; yo > o; yu > u; ya > a; w > v; ['] > ;"
    u"ck > k; c } [^ehiy] > k;";

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

}  // namespace

NameSkeleton::NameSkeleton()
    : romanize_(make(u"Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower", false)),
      simplify_(make(kSimplifyRules, true)),
      cyrillize_(make(u"Latin-Russian/BGN", false)) {}

NameSkeleton::~NameSkeleton() = default;

std::string NameSkeleton::operator()(std::string_view normalized_word) const {
  const std::string script = word_script(normalized_word);
  if (script != "Latin" && script != "Cyrillic") return "";
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(normalized_word.data(), normalized_word.size()));
  {
    std::lock_guard lock(mutex_);
    romanize_->transliterate(text);
    simplify_->transliterate(text);
  }
  std::string ascii;
  text.toUTF8String(ascii);
  std::string skeleton;
  for (char c : ascii) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep && (skeleton.empty() || skeleton.back() != c)) skeleton += c;
  }
  if (skeleton.ends_with("iy") || skeleton.ends_with("yi")) skeleton.replace(skeleton.size() - 2, 2, "y");  // -ий, -ый
  return skeleton.size() >= kMinSkeletonLetters ? skeleton : "";
}

std::string NameSkeleton::to_cyrillic(std::string_view normalized_latin_word) const {
  icu::UnicodeString text =
      icu::UnicodeString::fromUTF8(icu::StringPiece(normalized_latin_word.data(), normalized_latin_word.size()));
  {
    std::lock_guard lock(mutex_);
    cyrillize_->transliterate(text);
  }
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace caravan
