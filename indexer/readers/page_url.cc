// URL resolution with libxml2 and the --base-url mapping of input files.
#include "indexer/readers/page_url.h"

#include <libxml/uri.h>

#include <cctype>

namespace caravan {
namespace fs = std::filesystem;
namespace {

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

std::string percent_encoded(const std::string& path) {
  static const char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 15];
    }
  }
  return out;
}

// The file's path relative to the input it was found under, with '/' separators; "" if none.
std::string relative_to_inputs(const std::vector<std::string>& inputs, const fs::path& file) {
  const fs::path normal_file = file.lexically_normal();
  for (const auto& input : inputs) {
    const fs::path root = fs::path(input).lexically_normal();
    if (root == normal_file) return normal_file.filename().generic_string();
    const fs::path relative = normal_file.lexically_relative(root);
    if (!relative.empty() && *relative.begin() != ".." && relative != ".") return relative.generic_string();
  }
  return "";
}

}  // namespace

std::string resolve_url(std::string_view reference, std::string_view base) {
  std::string ref = trimmed(reference);
  if (base.empty() || ref.empty()) return ref;
  const std::string base_text(base);
  xmlChar* built = xmlBuildURI(reinterpret_cast<const xmlChar*>(ref.c_str()), reinterpret_cast<const xmlChar*>(base_text.c_str()));
  if (!built) return ref;
  std::string out = reinterpret_cast<const char*>(built);
  xmlFree(built);
  return out;
}

std::string public_url(const std::string& base_url, const std::vector<std::string>& inputs, const fs::path& file) {
  if (base_url.empty()) return "";
  const std::string relative = relative_to_inputs(inputs, file);
  if (relative.empty()) return "";
  return base_url + (base_url.ends_with('/') ? "" : "/") + percent_encoded(relative);
}

}  // namespace caravan
