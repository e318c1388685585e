// Input discovery and format dispatch.
#include "indexer/readers/input_files.h"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "indexer/readers/feed_reader.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/input_stream.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/listing_reader.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

// The extension under a .gz suffix: ".jsonl" for "a.jsonl.gz" and "a.jsonl".
std::string inner_extension(const fs::path& path) {
  return (path.extension() == ".gz" ? path.stem() : path).extension().string();
}

// Inside directories only files with these endings are read; named files are always read.
bool is_input_name(const fs::path& path) {
  const std::string ext = inner_extension(path);
  for (const char* known : {".jsonl", ".ndjson", ".json", ".txt", ".html", ".htm", ".xml", ".rss", ".atom"})
    if (ext == known) return true;
  return false;
}

// Hidden files and editors' backups and swap files are nobody's input: not worth a report.
bool ignored_silently(const std::string& name) {
  if (name.starts_with(".") || name.ends_with("~")) return true;
  if (name.size() > 1 && name.starts_with("#") && name.ends_with("#")) return true;
  return name.ends_with(".bak") || name.ends_with(".swp");
}

// The files of a directory, recursively and sorted, into listing (unknown ones apart).
void add_directory(const fs::path& directory, InputListing& listing) {
  std::vector<fs::path> found, unknown;
  for (auto it = fs::recursive_directory_iterator(directory); it != fs::recursive_directory_iterator(); ++it) {
    if (ignored_silently(it->path().filename().string())) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    (is_input_name(it->path()) ? found : unknown).push_back(it->path());
  }
  std::sort(found.begin(), found.end());
  std::sort(unknown.begin(), unknown.end());
  listing.files.insert(listing.files.end(), found.begin(), found.end());
  listing.unknown.insert(listing.unknown.end(), unknown.begin(), unknown.end());
}

bool named_json_lines(const fs::path& path) {
  const std::string ext = inner_extension(path);
  return ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
}

// Pages, feeds and listings (and JSON Lines told by content) are read whole, up to the limit.
void read_whole(InputStream& input, const fs::path& path, const ReaderSink& sink, std::size_t max_record_bytes,
                const std::string& page_url) {
  std::string content;
  if (!input.read_rest(content, max_record_bytes)) {
    sink.on_problem({path.string(), "file over " + std::to_string(max_record_bytes) +
                                        " bytes (--max-record-bytes): a page, feed or listing is read whole; skipped", true,
                      "file_too_large"});
    return;
  }
  if (!input.error().empty()) return;  // the caller reports the damaged file
  switch (detect_format(path, content)) {
    case InputFormat::kJsonLines:
      return read_jsonl(content, path.string(), sink);
    case InputFormat::kListing:
      return read_listing(content, path.string(), sink);
    case InputFormat::kHtml:
      return read_html_page(content, path.string(), sink, page_url);
    case InputFormat::kFeed:
      return read_feed(content, path.string(), sink);
    case InputFormat::kUnknown:
      sink.on_problem({path.string() + ":1", "unknown input format (expected JSON Lines, HTML, RSS/Atom or a listing dump)", true,
                          "unknown_format"});
  }
}

}  // namespace

std::string read_file_content(const fs::path& path) {
  std::string content;
  try {
    InputStream input(path);
    input.read_rest(content, std::string::npos);
    if (!input.error().empty()) throw std::runtime_error(input.error());
  } catch (const std::exception& error) {
    throw std::runtime_error(path.string() + ": " + error.what());
  }
  return content;
}

InputFormat detect_format(const fs::path& path, std::string_view content) {
  if (named_json_lines(path)) return InputFormat::kJsonLines;
  const std::string ext = inner_extension(path);
  if (ext == ".rss" || ext == ".atom" || looks_like_feed(content)) return InputFormat::kFeed;
  if (ext == ".html" || ext == ".htm" || looks_like_html_page(content)) return InputFormat::kHtml;
  if (looks_like_listing(content)) return InputFormat::kListing;
  const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && content[first] == '{') return InputFormat::kJsonLines;
  return InputFormat::kUnknown;
}

InputListing find_inputs(const std::vector<std::string>& paths) {
  InputListing listing;
  for (const auto& argument : paths) {
    const fs::path path(argument);
    if (fs::is_regular_file(path)) listing.files.push_back(path);
    else if (fs::is_directory(path)) add_directory(path, listing);
    else throw std::runtime_error(argument + ": no such file or directory");
  }
  for (const auto& file : listing.files) {
    std::error_code unknown_size;  // a file that cannot be read is reported when it is read
    const auto size = fs::file_size(file, unknown_size);
    if (!unknown_size) listing.bytes += size;
  }
  return listing;
}

std::vector<fs::path> list_input_files(const std::vector<std::string>& paths) { return find_inputs(paths).files; }

ReadProblem unknown_file_problem(const fs::path& path) {
  return {path.string(), "unknown file type, skipped", true, "unknown_file_type"};
}

void read_input_file(const fs::path& path, const ReaderSink& sink, std::size_t max_record_bytes, const std::string& page_url) {
  std::optional<InputStream> input;
  try {
    input.emplace(path);
  } catch (const std::exception& error) {
    sink.on_problem({path.string(), error.what(), true, "unreadable_file"});
    return;
  }
  if (sink.on_bytes_read) input->on_chunk(sink.on_bytes_read);
  if (named_json_lines(path)) read_jsonl(*input, path.string(), sink, max_record_bytes);
  else read_whole(*input, path, sink, max_record_bytes, page_url);
  if (!input->error().empty()) sink.on_problem({path.string(), input->error(), true, "damaged_file"});
}

}  // namespace caravan
