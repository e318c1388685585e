// Typed errors of the search API and the one table that maps them to HTTP status codes.
#pragma once

#include <stdexcept>
#include <string>

namespace caravan {

enum class ErrorCode {
  kBadParameter,   // 400: a parameter is missing, malformed or out of range
  kNotFound,       // 404: no such route, document or facet
  kMethodNotAllowed,  // 405: a method other than GET (and HEAD, OPTIONS) on a route
  kTooLarge,       // 431: request headers over the limits
  kTooExpensive,   // 400: a query that would cost too much to start (too many wildcards)
  kNoIndex,        // 503: no index could be opened
  kShardUnavailable,  // 503: a shard of the index did not answer (and no --partial-results)
  kInternal,       // 500: a bug or an unexpected library error
};

class ApiError : public std::runtime_error {
 public:
  ApiError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

struct ErrorInfo {
  int http_status;
  const char* name;  // the "code" of the JSON error body
};

inline ErrorInfo error_info(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadParameter: return {400, "bad_parameter"};
    case ErrorCode::kNotFound: return {404, "not_found"};
    case ErrorCode::kMethodNotAllowed: return {405, "method_not_allowed"};
    case ErrorCode::kTooLarge: return {431, "request_too_large"};
    case ErrorCode::kTooExpensive: return {400, "query_too_expensive"};
    case ErrorCode::kNoIndex: return {503, "no_index"};
    case ErrorCode::kShardUnavailable: return {503, "shard_unavailable"};
    case ErrorCode::kInternal: break;
  }
  return {500, "internal"};
}

}  // namespace caravan
