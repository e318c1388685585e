// Unicode normalization and script detection with ICU.
#include "core/normalize.h"

#include <algorithm>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace caravan {
namespace {

bool is_apostrophe_like(UChar32 c) {
  switch (c) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BB: case 0x02BC: case 0x02BD:
    case 0x0060: case 0x00B4: case 0x2032:
      return true;
    default:
      return false;
  }
}

icu::UnicodeString fold_and_map(const icu::UnicodeString& in) {
  icu::UnicodeString folded(in);
  folded.foldCase();
  icu::UnicodeString out;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (c == 0x0451) c = 0x0435;                      // ё -> е
    else if (is_apostrophe_like(c)) c = '\'';
    else if (c == 0x0307 && out.length() > 0 && out.charAt(out.length() - 1) == u'i') continue;
    out.append(c);
  }
  return out;
}

// ASCII text needs none of ICU: NFC leaves it as it is, case folding lowers A-Z, and the
// grave accent is the one apostrophe-like ASCII letter. Most words of Latin-script news are ASCII.
bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string normalize_ascii(std::string_view ascii) {
  std::string out(ascii);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c == '`') c = '\'';
  }
  return out;
}

}  // namespace

std::string normalize_text(std::string_view utf8) {
  if (is_ascii(utf8)) return normalize_ascii(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  icu::UnicodeString composed = nfc->normalize(text, status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::UnicodeString mapped = fold_and_map(composed);
  icu::UnicodeString result = nfc->normalize(mapped, status);
  if (U_FAILURE(status)) result = mapped;
  std::string out;
  result.toUTF8String(out);
  return out;
}

std::string word_script(std::string_view utf8_word) {
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(utf8_word.data());
  const auto length = static_cast<int32_t>(utf8_word.size());
  while (i < length) {
    UChar32 c;
    U8_NEXT(s, i, length, c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode code = uscript_getScript(c, &status);
    if (U_FAILURE(status) || code == USCRIPT_COMMON || code == USCRIPT_INHERITED) continue;
    return uscript_getName(code);
  }
  return "";
}

size_t code_point_count(std::string_view utf8) {
  size_t count = 0;
  for (unsigned char c : utf8)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

std::string without_last_letters(const std::string& utf8, size_t n) {
  size_t end = utf8.size();
  for (size_t dropped = 0; dropped < n; ++dropped) {
    if (end == 0) return "";
    do --end; while (end > 0 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80);
  }
  return utf8.substr(0, end);
}

std::string_view utf8_prefix(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(utf8[end]) & 0xC0) == 0x80) --end;
  return utf8.substr(0, end);
}

}  // namespace caravan
