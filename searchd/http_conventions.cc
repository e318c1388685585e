// Accept-Encoding and If-None-Match parsing, gzip through zlib, entity tags.
#include "searchd/http_conventions.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <vector>

namespace caravan {
namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

std::vector<std::string_view> comma_separated(std::string_view list) {
  std::vector<std::string_view> items;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    const std::string_view item = trimmed(list.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return items;
}

// The q-value of one Accept-Encoding item ("gzip;q=0.5"): 1 when absent, 0 when unreadable.
double quality(std::string_view parameters) {
  for (size_t semicolon = parameters.find(';'); semicolon != std::string_view::npos;
       semicolon = parameters.find(';', semicolon + 1)) {
    const std::string_view parameter = trimmed(parameters.substr(semicolon + 1, parameters.find(';', semicolon + 1) - semicolon - 1));
    if (parameter.size() < 2 || std::tolower(static_cast<unsigned char>(parameter[0])) != 'q' || parameter[1] != '=')
      continue;
    const std::string value(trimmed(parameter.substr(2)));
    char* end = nullptr;
    const double q = std::strtod(value.c_str(), &end);
    return end == value.c_str() + value.size() && q >= 0 && q <= 1 ? q : 0;
  }
  return 1;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  double named = -1, any = -1;
  for (const std::string_view item : comma_separated(accept_encoding)) {
    const std::string_view coding = trimmed(item.substr(0, item.find(';')));
    const double q = quality(item.substr(coding.size()));
    if (same_ignoring_case(coding, "gzip") || same_ignoring_case(coding, "x-gzip")) named = std::max(named, q);
    else if (coding == "*") any = std::max(any, q);
  }
  return named >= 0 ? named > 0 : any > 0;
}

bool compressed_by_searchd(std::string_view content_type) {
  const std::string_view type = trimmed(content_type.substr(0, content_type.find(';')));
  const bool ours = type == "application/json" || type == "application/atom+xml" ||
                    type == "application/opensearchdescription+xml";
  return ours && content_type != "application/json";  // that exact value cpp-httplib compresses
}

bool compressible(std::string_view content_type) {
  const std::string_view type = trimmed(content_type.substr(0, content_type.find(';')));
  return compressed_by_searchd(content_type) || type.starts_with("text/") || type == "application/json" ||
         type == "application/javascript" || type == "application/xml" || type == "image/svg+xml";
}

std::string gzip(std::string_view data) {
  z_stream stream{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int status = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

std::string weak_entity_tag(std::initializer_list<std::string_view> parts) {
  std::uint64_t hash = 14695981039346656037ULL;
  for (const std::string_view part : parts) {
    for (const unsigned char c : part) hash = (hash ^ c) * 1099511628211ULL;
    hash = (hash ^ 0xffU) * 1099511628211ULL;  // a separator no UTF-8 text contains
  }
  char tag[24];
  std::snprintf(tag, sizeof tag, "W/\"%016llx\"", static_cast<unsigned long long>(hash));
  return tag;
}

bool if_none_match_names(std::string_view if_none_match, std::string_view tag) {
  const auto opaque = [](std::string_view t) { return t.starts_with("W/") ? t.substr(2) : t; };
  const auto items = comma_separated(if_none_match);
  return std::any_of(items.begin(), items.end(), [&](std::string_view item) { return opaque(item) == opaque(tag); });
}

bool if_none_match_any(std::string_view if_none_match) {
  const auto items = comma_separated(if_none_match);
  return std::find(items.begin(), items.end(), "*") != items.end();
}

std::string with_list_token(std::string_view list, std::string_view token) {
  const auto items = comma_separated(list);
  if (std::any_of(items.begin(), items.end(), [&](std::string_view item) { return same_ignoring_case(item, token); }))
    return std::string(list);
  return list.empty() ? std::string(token) : std::string(list) + ", " + std::string(token);
}

}  // namespace caravan
