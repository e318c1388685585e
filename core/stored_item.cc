// The compact stored record of an item, and the JSON object of older indexes read back.
#include "core/stored_item.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace caravan {
namespace {

void put_length(std::string& out, std::size_t length) {
  do {
    const auto low = static_cast<unsigned char>(length & 0x7f);
    length >>= 7;
    out.push_back(static_cast<char>(length ? low | 0x80 : low));
  } while (length);
}

void put_string(std::string& out, std::string_view text) {
  put_length(out, text.size());
  out.append(text);
}

void put_list(std::string& out, const std::vector<std::string>& values) {
  put_length(out, values.size());
  for (const auto& value : values) put_string(out, value);
}

// Reads the record front to back; any length past the end is an error, not a crash.
class RecordReader {
 public:
  explicit RecordReader(std::string_view data) : data_(data) {}

  std::size_t length() {
    std::size_t value = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      if (at_ >= data_.size()) fail();
      const auto byte = static_cast<unsigned char>(data_[at_++]);
      value |= static_cast<std::size_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return value;
    }
    fail();
  }

  std::string_view text() {
    const std::size_t size = length();
    if (size > data_.size() - at_) fail();
    const std::string_view text = data_.substr(at_, size);
    at_ += size;
    return text;
  }

  std::vector<std::string> list() {
    const std::size_t count = length();
    if (count > data_.size() - at_) fail();  // each value takes at least one byte
    std::vector<std::string> values;
    values.reserve(count);
    for (std::size_t i = 0; i < count; ++i) values.emplace_back(text());
    return values;
  }

 private:
  [[noreturn]] static void fail() { throw std::invalid_argument("stored item data is cut short or corrupt"); }

  std::string_view data_;
  std::size_t at_ = 1;  // past kStoredItemMark
};

NewsItem decode_json_item(std::string_view data, bool with_body) {
  const auto json = nlohmann::json::parse(data, nullptr, false);
  if (!json.is_object()) throw std::invalid_argument("stored item data is neither a record nor a JSON object");
  NewsItem item;
  item.id = json.value("id", "");
  item.url = json.value("url", "");
  item.title = json.value("title", "");
  item.date = json.value("date", "");
  item.lang = json.value("lang", "");
  item.source = json.value("source", "");
  if (with_body) item.body = json.value("body", "");
  item.countries = json.value("countries", std::vector<std::string>{});
  item.organizations = json.value("organizations", std::vector<std::string>{});
  return item;
}

}  // namespace

std::string encode_stored_item(const NewsItem& item) {
  std::string out(1, kStoredItemMark);
  out.reserve(64 + item.id.size() + item.url.size() + item.title.size() + item.source.size() + item.body.size());
  for (std::string_view field : {std::string_view(item.id), std::string_view(item.url), std::string_view(item.title),
                                 std::string_view(item.date), std::string_view(item.lang), std::string_view(item.source)})
    put_string(out, field);
  put_list(out, item.countries);
  put_list(out, item.organizations);
  put_string(out, item.body);
  return out;
}

NewsItem decode_stored_item(std::string_view data, bool with_body) {
  if (data.empty() || data.front() != kStoredItemMark) return decode_json_item(data, with_body);
  RecordReader reader(data);
  NewsItem item;
  item.id = reader.text();
  item.url = reader.text();
  item.title = reader.text();
  item.date = reader.text();
  item.lang = reader.text();
  item.source = reader.text();
  item.countries = reader.list();
  item.organizations = reader.list();
  const std::string_view body = reader.text();
  if (with_body) item.body = body;
  return item;
}

}  // namespace caravan
