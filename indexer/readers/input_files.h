// Finds input files (directories recursively), reads them (gzip or plain) and picks the reader.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "indexer/readers/reader.h"

namespace caravan {

enum class InputFormat { kJsonLines, kListing, kHtml, kFeed, kUnknown };

// The format of a file from its name (.jsonl .ndjson .json: JSON Lines; .html .htm: a page;
// .rss .atom: a feed; a .gz suffix is looked through) and otherwise from its content.
InputFormat detect_format(const std::filesystem::path& path, std::string_view content);

struct InputListing {
  std::vector<std::filesystem::path> files;    // to read, in order
  std::vector<std::filesystem::path> unknown;  // in directories, of a type no reader takes (.pdf, .png)
  std::uint64_t bytes = 0;                     // the files' sizes on disk (compressed, for .gz)
};

// Regular files under each path: a named file stands for itself; inside directories (sorted)
// .jsonl .ndjson .json .txt .html .htm .xml .rss .atom, optionally .gz, are files and any other
// regular file is unknown, except those ignored silently: hidden ones (.name, and everything in
// hidden directories; also vim's .name.swp) and editor backups (name~, #name#, name.bak, name.swp).
// Throws std::runtime_error for a path that does not exist.
InputListing find_inputs(const std::vector<std::string>& paths);

// find_inputs(paths).files.
std::vector<std::filesystem::path> list_input_files(const std::vector<std::string>& paths);

// The problem to report for an unknown file: "path: unknown file type, skipped" (code
// unknown_file_type), a skipped record.
ReadProblem unknown_file_problem(const std::filesystem::path& path);

// The whole content of a file, decompressed when it is gzip. Throws std::runtime_error.
std::string read_file_content(const std::filesystem::path& path);

// Reads one file with the right reader: JSON Lines (told by the name) line by line, other
// formats whole. A record over max_record_bytes (a line, or a whole file of another format) is
// one skipped problem, never loaded whole; so is an unreadable file or an unknown format.
// page_url is the file's public URL (--base-url), the URL of an HTML page that declares none.
void read_input_file(const std::filesystem::path& path, const ReaderSink& sink,
                     std::size_t max_record_bytes = kDefaultMaxRecordBytes, const std::string& page_url = "");

}  // namespace caravan
