// Chunked reading of plain and gzip files through zlib.
#include "indexer/readers/input_stream.h"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace caravan {
namespace {

constexpr unsigned kChunkBytes = 1 << 16;

// What zlib's error state says about the input, for the file's problem report; "" when all is well.
std::string stream_error(gzFile file) {
  int code = Z_OK;
  const std::string message = gzerror(file, &code);
  const auto colon = message.rfind(": ");  // after the file name zlib puts first
  const std::string detail = colon == std::string::npos ? message : message.substr(colon + 2);
  switch (code) {
    case Z_OK: return "";
    case Z_BUF_ERROR: return "truncated gzip stream";  // the input ended before the gzip trailer
    case Z_DATA_ERROR: return "corrupt gzip stream (" + detail + ")";
    case Z_ERRNO: return std::string("read error: ") + std::strerror(errno);
    default: return "read error: " + detail;
  }
}

}  // namespace

InputStream::InputStream(const std::filesystem::path& path) : file_(gzopen(path.c_str(), "rb")) {
  if (!file_) throw std::runtime_error("cannot open");
  gzbuffer(file_, kChunkBytes);
  // zlib reads a file without the gzip header as plain text; under a .gz name that is damage,
  // not JSON to parse.
  if (path.extension() == ".gz" && gzdirect(file_)) {
    at_end_ = true;
    error_ = "not a gzip stream (bad header)";
  }
}

InputStream::~InputStream() { gzclose(file_); }

bool InputStream::fill() {
  buffer_.clear();
  position_ = 0;
  if (at_end_) return false;
  buffer_.resize(kChunkBytes);
  const int got = gzread(file_, buffer_.data(), kChunkBytes);
  buffer_.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  if (on_chunk_) {
    const auto offset = gzoffset(file_);
    if (offset >= 0) on_chunk_(static_cast<std::uint64_t>(offset));
  }
  if (got > 0) return true;
  // gzread ends a stream cut short as if it were complete: only the error state tells.
  at_end_ = true;
  error_ = stream_error(file_);
  if (got < 0 && error_.empty()) error_ = "read error";
  return false;
}

bool InputStream::next_line(InputLine& line, std::size_t max_bytes) {
  line.text.clear();
  line.bytes = 0;
  line.too_long = false;
  bool started = false;
  for (;;) {
    if (position_ == buffer_.size() && !fill()) return started && error_.empty();
    started = true;
    const std::size_t newline = buffer_.find('\n', position_);
    const std::size_t end = newline == std::string::npos ? buffer_.size() : newline;
    const std::size_t piece = end - position_;
    line.bytes += piece;
    if (!line.too_long && line.bytes > max_bytes) {
      line.too_long = true;
      std::string().swap(line.text);
    }
    if (!line.too_long) line.text.append(buffer_, position_, piece);
    position_ = end;
    if (newline != std::string::npos) {
      ++position_;
      return true;
    }
  }
}

bool InputStream::read_rest(std::string& content, std::size_t max_bytes) {
  content.clear();
  do {
    content.append(buffer_, position_);
    position_ = buffer_.size();
    if (content.size() > max_bytes) return false;
  } while (fill());
  return true;
}

}  // namespace caravan
