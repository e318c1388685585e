// Fuzzes request-parameter parsing: parse_search_request and parse_suggest_request over "k=v&k=v" input.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "searchd/api_error.h"
#include "searchd/search_request.h"
#include "searchd/suggester.h"

namespace {

// Parameters as httplib hands them over (already percent-decoded): '&' between pairs, the
// first '=' between name and value; a pair without '=' has an empty value.
caravan::QueryParams split_params(std::string_view input) {
  caravan::QueryParams params;
  size_t start = 0;
  while (start <= input.size()) {
    size_t end = input.find('&', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string_view pair = input.substr(start, end - start);
    const size_t eq = pair.find('=');
    if (eq == std::string_view::npos) params.emplace(std::string(pair), "");
    else params.emplace(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    start = end + 1;
  }
  return params;
}

void check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "a parsed request breaks its limits: %s\n", what);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const caravan::QueryParams params = split_params(std::string_view(reinterpret_cast<const char*>(data), size));
  try {
    const caravan::SearchRequest request = caravan::parse_search_request(params);
    check(request.query.size() <= caravan::kMaxQueryBytes, "q length");
    check(request.page >= 1 && request.size >= 1 && request.size <= caravan::kMaxPageSize, "page or size");
    check(static_cast<long>(request.page) * request.size <= caravan::kMaxResultWindow, "result window");
    check(request.from.empty() || request.from.size() == 10, "from");
    check(request.to.empty() || request.to.size() == 10, "to");
    check(request.from.empty() || request.to.empty() || request.from <= request.to, "from <= to");
    check(request.facet_size >= 1, "facet_size");
    check(request.ui_lang == "en" || request.ui_lang == "ru", "ui_lang");
  } catch (const caravan::ApiError& error) {
    check(error.code() == caravan::ErrorCode::kBadParameter, "search error code");
  }
  try {
    const caravan::SuggestRequest request = caravan::parse_suggest_request(params);
    check(!request.query.empty() && request.query.size() <= caravan::kMaxQueryBytes, "suggest q");
    check(request.size >= 1 && request.size <= 20, "suggest size");
  } catch (const caravan::ApiError& error) {
    check(error.code() == caravan::ErrorCode::kBadParameter, "suggest error code");
  }
  return 0;
}
