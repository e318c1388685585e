// Input discovery and format dispatch.
#include "indexer/readers/input_files.h"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>

#include "indexer/readers/feed_reader.h"
#include "indexer/readers/html_reader.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/listing_reader.h"

namespace caravan {
namespace fs = std::filesystem;
namespace {

// Inside directories only files with these endings are read; named files are always read.
bool is_input_name(const fs::path& path) {
  fs::path name = path;
  if (name.extension() == ".gz") name = name.stem();
  const std::string ext = name.extension().string();
  for (const char* known : {".jsonl", ".ndjson", ".json", ".txt", ".html", ".htm", ".xml", ".rss", ".atom"})
    if (ext == known) return true;
  return false;
}

}  // namespace

std::string read_file_content(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error(path.string() + ": cannot open");
  std::string content;
  char buffer[1 << 16];
  int got;
  while ((got = gzread(file, buffer, sizeof buffer)) > 0) content.append(buffer, static_cast<size_t>(got));
  const bool failed = got < 0;
  gzclose(file);
  if (failed) throw std::runtime_error(path.string() + ": read error (corrupt gzip?)");
  return content;
}

InputFormat detect_format(const fs::path& path, std::string_view content) {
  fs::path name = path;
  if (name.extension() == ".gz") name = name.stem();
  const std::string ext = name.extension().string();
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonLines;
  if (ext == ".rss" || ext == ".atom" || looks_like_feed(content)) return InputFormat::kFeed;
  if (ext == ".html" || ext == ".htm" || looks_like_html_page(content)) return InputFormat::kHtml;
  if (looks_like_listing(content)) return InputFormat::kListing;
  const auto first = content.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first != std::string_view::npos && content[first] == '{') return InputFormat::kJsonLines;
  return InputFormat::kUnknown;
}

std::vector<fs::path> list_input_files(const std::vector<std::string>& paths) {
  std::vector<fs::path> files;
  for (const auto& argument : paths) {
    const fs::path path(argument);
    if (fs::is_regular_file(path)) {
      files.push_back(path);
    } else if (fs::is_directory(path)) {
      std::vector<fs::path> found;
      for (auto it = fs::recursive_directory_iterator(path); it != fs::recursive_directory_iterator(); ++it) {
        const std::string base = it->path().filename().string();
        if (base.starts_with(".")) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file() && is_input_name(it->path())) found.push_back(it->path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      throw std::runtime_error(argument + ": no such file or directory");
    }
  }
  return files;
}

void read_input_file(const fs::path& path, const ReaderSink& sink) {
  std::string content;
  try {
    content = read_file_content(path);
  } catch (const std::exception& error) {
    sink.on_problem({path.string() + ":0", error.what(), true});
    return;
  }
  switch (detect_format(path, content)) {
    case InputFormat::kJsonLines:
      return read_jsonl(content, path.string(), sink);
    case InputFormat::kListing:
      return read_listing(content, path.string(), sink);
    case InputFormat::kHtml:
      return read_html_page(content, path.string(), sink);
    case InputFormat::kFeed:
      return read_feed(content, path.string(), sink);
    case InputFormat::kUnknown:
      sink.on_problem({path.string() + ":1", "unknown input format (expected JSON Lines, HTML, RSS/Atom or a listing dump)", true});
  }
}

}  // namespace caravan
