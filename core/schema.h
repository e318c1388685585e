// The one index schema shared by caravan-indexer and caravan-searchd: term prefixes and value slots.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace caravan::schema {

// Term prefixes (Xapian/omega conventions: single capitals, X... for our own).
// A boolean prefix followed by a value that starts with a capital letter gets a ':' separator.
inline constexpr std::string_view kPrefixId = "Q";          // Q<id>: unique document id
inline constexpr std::string_view kPrefixLang = "L";        // L<iso639-1>, e.g. "Lru"
inline constexpr std::string_view kPrefixYear = "Y";        // Y<YYYY>
inline constexpr std::string_view kPrefixMonth = "M";       // M<YYYY-MM>
inline constexpr std::string_view kPrefixDay = "D";         // D<YYYY-MM-DD>
inline constexpr std::string_view kPrefixCountry = "XC:";   // XC:<ISO 3166-1 alpha-2>, e.g. "XC:KZ"
inline constexpr std::string_view kPrefixOrg = "XO:";       // XO:<canonical id>, e.g. "XO:UNODC"
inline constexpr std::string_view kPrefixTitle = "S";       // S<word>: title words (field search)
inline constexpr std::string_view kPrefixStem = "Z";        // Z<stem>: added by TermGenerator
inline constexpr std::string_view kPrefixSkeleton = "XT";   // XT<skeleton>: cross-script key of a
                                                            // capitalized word (core/transliteration.h)

// Value slots. Each facet exists twice: a boolean term above to filter, a value here to count.
enum Slot : unsigned {
  kSlotDate = 0,       // "YYYYMMDD" (sorts as a string; empty when the item has no date)
  kSlotYear = 1,       // "YYYY"
  kSlotMonth = 2,      // "YYYY-MM"
  kSlotLang = 3,       // iso639-1 code, e.g. "ru"
  kSlotCountries = 4,  // sorted country codes joined by kValueSetSeparator, e.g. "KZ|UZ"
  kSlotOrgs = 5,       // sorted organization ids joined by kValueSetSeparator
  kSlotDayNumber = 6,  // Xapian::sortable_serialise(days since 1970-01-01): recency boost
};

// Multi-valued facets store one sorted set per document in one slot, so that the stock
// ValueCountMatchSpy counts them (also over remote shards); searchd splits the sets afterwards.
inline constexpr char kValueSetSeparator = '|';

// Weight of title words relative to body words (within-document frequency increment).
inline constexpr unsigned kTitleWdfInc = 3;

// The longest term Xapian's glass backend stores: a longer one fails the whole write.
inline constexpr std::size_t kMaxTermBytes = 245;

// The longest country, organization or language value indexed (searchd's filter values are
// at most 64 bytes too); the document builder drops longer ones.
inline constexpr std::size_t kMaxFacetValueBytes = 64;

// Q<id>. An id too long for a term (a URL with tracking parameters as an RSS guid) is cut and
// ends with '#' and a hash of the whole id, so every id is indexed and found again.
inline std::string id_term(std::string_view id) {
  std::string term = std::string(kPrefixId) + std::string(id);
  if (term.size() <= kMaxTermBytes) return term;
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a
  for (unsigned char c : id) hash = (hash ^ c) * 0x100000001b3ULL;
  char suffix[18];
  std::snprintf(suffix, sizeof suffix, "#%016llx", static_cast<unsigned long long>(hash));
  term.resize(kMaxTermBytes - (sizeof suffix - 1));
  return term + suffix;
}

}  // namespace caravan::schema
