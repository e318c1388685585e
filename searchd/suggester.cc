// Word completion over allterms and facet-name completion over the gazetteers.
#include "searchd/suggester.h"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/normalize.h"
#include "core/schema.h"
#include "searchd/api_error.h"

namespace caravan {
namespace {

constexpr size_t kMaxTermsScanned = 5000;
constexpr size_t kMinPrefixBytes = 2;

// Completions of a normalized prefix among the unprefixed terms (title and body words), most
// documents first. Prefixed terms start with a capital letter, so they never come up.
std::vector<std::pair<Xapian::doccount, std::string>> completions(const Xapian::Database& db, const std::string& prefix) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix) && scanned < kMaxTermsScanned; ++it, ++scanned)
    found.emplace_back(it.get_termfreq(), *it);
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first != b.first ? a.first > b.first : a.second < b.second; });
  return found;
}

void add_words(const Xapian::Database& db, const std::string& typed_before, const std::string& partial, size_t size,
               std::vector<Suggestion>& out) {
  for (const auto& [count, word] : completions(db, partial)) {
    if (out.size() >= size) return;
    out.push_back({typed_before + word, "query", "", count});
  }
}

void add_facet_values(const Xapian::Database& db, const Gazetteer& gazetteer, const char* kind, std::string_view prefix,
                      const std::string& term_prefix, const std::string& ui_lang, size_t size, std::vector<Suggestion>& out) {
  for (const auto& value : gazetteer.values_with_prefix(prefix)) {
    if (out.size() >= size) return;
    const Xapian::doccount count = db.get_termfreq(term_prefix + value);
    if (count == 0) continue;
    const std::string label = std::string(kind) == "organization" ? gazetteer.short_label(value, ui_lang)
                                                                  : gazetteer.label(value, ui_lang);
    out.push_back({label, kind, value, count});
  }
}

}  // namespace

SuggestRequest parse_suggest_request(const QueryParams& params) {
  SuggestRequest request;
  for (const auto& [name, value] : params) {
    if (name == "q") request.query = value;
    else if (name == "ui_lang") {
      if (value != "en" && value != "ru") throw ApiError(ErrorCode::kBadParameter, "'ui_lang' must be 'en' or 'ru'");
      request.ui_lang = value;
    } else if (name == "size") {
      int size = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), size);
      if (error != std::errc() || end != value.data() + value.size() || size < 1 || size > 20)
        throw ApiError(ErrorCode::kBadParameter, "'size' must be a whole number between 1 and 20");
      request.size = size;
    }
  }
  if (request.query.find_first_not_of(" \t") == std::string::npos)
    throw ApiError(ErrorCode::kBadParameter, "'q' is required");
  if (request.query.size() > kMaxQueryBytes) throw ApiError(ErrorCode::kBadParameter, "'q' is longer than 1024 bytes");
  return request;
}

std::vector<Suggestion> Suggester::suggest(const SuggestRequest& request) {
  auto lease = pool_.acquire();
  const Xapian::Database& db = lease.db();
  const std::string normalized = normalize_text(request.query);
  const auto last_space = normalized.find_last_of(" \t");
  const std::string typed_before = last_space == std::string::npos ? "" : normalized.substr(0, last_space + 1);
  const std::string partial = last_space == std::string::npos ? normalized : normalized.substr(last_space + 1);
  std::vector<Suggestion> out;
  const size_t size = static_cast<size_t>(request.size);
  if (normalized.size() >= kMinPrefixBytes) {
    add_facet_values(db, gazetteers_.countries, "country", normalized, std::string(schema::kPrefixCountry), request.ui_lang, 2, out);
    add_facet_values(db, gazetteers_.organizations, "organization", normalized, std::string(schema::kPrefixOrg),
                     request.ui_lang, out.size() + 2, out);
  }
  if (partial.size() >= kMinPrefixBytes) add_words(db, typed_before, partial, size, out);
  if (out.size() > size) out.resize(size);
  return out;
}

}  // namespace caravan
