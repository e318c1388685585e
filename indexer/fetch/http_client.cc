// The libcurl side of fetching: one easy handle, bounded transfers, response headers kept.
#include "indexer/fetch/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>

namespace caravan {
namespace {

// libcurl's global state is set up once per process, before any handle, and never torn down
// (curl_global_cleanup at exit would race other static destructors for nothing).
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw std::runtime_error("cannot initialize libcurl");
  });
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

struct Transfer {
  HttpResponse* response;
  std::size_t max_bytes;
  bool too_big = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer->response->body.size() + bytes > transfer->max_bytes) {
    transfer->too_big = true;
    return 0;  // aborts the transfer: nothing more is read
  }
  transfer->response->body.append(data, bytes);
  return bytes;
}

std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto* response = static_cast<Transfer*>(user)->response;
  const std::string_view line(data, size * count);
  const auto colon = line.find(':');
  if (colon != std::string_view::npos) {
    const std::string name = lower(std::string(line.substr(0, colon)));
    const std::string value = trimmed(line.substr(colon + 1));
    if (name == "etag") response->validators.etag = value;
    else if (name == "last-modified") response->validators.last_modified = value;
    else if (name == "content-type") response->content_type = value;
  }
  return size * count;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  const long long ms = duration.count();
  return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

std::string transfer_error(CURLcode code, const Transfer& transfer, const FetchPolicy& policy, const char* detail) {
  if (transfer.too_big || code == CURLE_FILESIZE_EXCEEDED)
    return "response over " + std::to_string(policy.max_bytes) + " bytes (--max-fetch-bytes)";
  if (code == CURLE_OPERATION_TIMEDOUT) return "timed out after " + seconds_text(policy.timeout) + " (--fetch-timeout)";
  if (code == CURLE_UNSUPPORTED_PROTOCOL) return "only http and https URLs are fetched";
  return std::string(curl_easy_strerror(code)) + (*detail ? std::string(" (") + detail + ")" : "");
}

std::string url_part(const std::string& url, CURLUPart part) {
  CURLU* handle = curl_url();
  std::string value;
  char* text = nullptr;
  if (curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
      curl_url_get(handle, part, &text, 0) == CURLUE_OK && text)
    value = text;
  curl_free(text);
  curl_url_cleanup(handle);
  return value;
}

}  // namespace

struct HttpClient::Handle {
  CURL* curl = nullptr;
  ~Handle() { curl_easy_cleanup(curl); }
};

HttpClient::HttpClient(const FetchPolicy& policy) : policy_(policy), handle_(std::make_unique<Handle>()) {
  init_curl_once();
  handle_->curl = curl_easy_init();
  if (!handle_->curl) throw std::runtime_error("cannot create a libcurl handle");
}

HttpClient::~HttpClient() = default;

HttpResponse HttpClient::get(const std::string& url, const Validators& validators) {
  CURL* curl = handle_->curl;
  curl_easy_reset(curl);
  HttpResponse response;
  Transfer transfer{&response, policy_.max_bytes};
  char detail[CURL_ERROR_SIZE] = "";
  curl_slist* headers = nullptr;
  if (!validators.etag.empty()) headers = curl_slist_append(headers, ("If-None-Match: " + validators.etag).c_str());
  if (!validators.last_modified.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + validators.last_modified).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, policy_.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip and deflate, counted decoded
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(policy_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(policy_.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(policy_.max_bytes));
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(headers);
  if (code != CURLE_OK) {
    response.error = transfer_error(code, transfer, policy_, detail);
    response.body.clear();
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  char* location = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &location) == CURLE_OK && location) response.location = location;
  return response;
}

std::string url_origin(const std::string& url) {
  const std::string scheme = lower(url_part(url, CURLUPART_SCHEME));
  const std::string host = lower(url_part(url, CURLUPART_HOST));
  if ((scheme != "http" && scheme != "https") || host.empty()) return "";
  const std::string port = url_part(url, CURLUPART_PORT);
  return scheme + "://" + host + (port.empty() ? "" : ":" + port);
}

std::string url_path(const std::string& url) {
  std::string path = url_part(url, CURLUPART_PATH);
  if (path.empty()) path = "/";
  const std::string query = url_part(url, CURLUPART_QUERY);
  return query.empty() ? path : path + "?" + query;
}

}  // namespace caravan
