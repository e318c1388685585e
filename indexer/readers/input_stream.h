// Reads a plain or gzip file in chunks, line by line or whole, so that no line and no file has
// to be held in memory beyond a limit the caller sets; tells a complete gzip stream from a
// truncated or corrupt one.
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>

namespace caravan {

struct InputLine {
  std::string text;       // without the newline; empty when the line was too long to keep
  std::size_t bytes = 0;  // the line's length in the input
  bool too_long = false;  // longer than the limit: read to its end but not kept
};

class InputStream {
 public:
  // Throws std::runtime_error when the file cannot be opened.
  explicit InputStream(const std::filesystem::path& path);
  ~InputStream();
  InputStream(const InputStream&) = delete;
  InputStream& operator=(const InputStream&) = delete;

  // Reads the next line into line; false at the end of the input. A line longer than max_bytes
  // is read to its end and comes back too_long, without its text. A last line without a
  // newline that a read error cut off is not returned.
  bool next_line(InputLine& line, std::size_t max_bytes);

  // Reads the rest of the input into content; false when it is longer than max_bytes (content
  // then holds only its beginning, and nothing more is read).
  bool read_rest(std::string& content, std::size_t max_bytes);

  // Empty while the input reads well; otherwise what went wrong, for the file's problem report:
  // "truncated gzip stream" (it ends before the gzip trailer, even at a line boundary),
  // "corrupt gzip stream (...)", "not a gzip stream (bad header)" for a .gz file, "read error...".
  const std::string& error() const { return error_; }

  // Called after each chunk read with the offset reached in the file (compressed bytes for gzip).
  void on_chunk(std::function<void(std::uint64_t)> callback) { on_chunk_ = std::move(callback); }

 private:
  bool fill();  // the next chunk into buffer_; false at the end of the input or on an error

  gzFile file_;
  std::string buffer_;
  std::size_t position_ = 0;
  bool at_end_ = false;
  std::string error_;
  std::function<void(std::uint64_t)> on_chunk_;
};

}  // namespace caravan
