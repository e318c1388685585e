// The JSON Lines reader: one news item per line, every field checked, bad lines reported.
#include "indexer/readers/jsonl_reader.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

#include "indexer/html_text.h"
#include "indexer/readers/field_checks.h"

namespace caravan {
namespace {

using nlohmann::json;

// A record the reader refuses, with the code its problem is counted under.
struct RecordError : std::invalid_argument {
  RecordError(const char* problem_code, const std::string& message) : std::invalid_argument(message), code(problem_code) {}
  const char* code;
};

// Reads an optional string field; null counts as absent. Throws RecordError on a type error.
std::string string_field(const json& object, const char* name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return "";
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  if (!it->is_string()) throw RecordError("bad_field_type", std::string("field '") + name + "' must be a string");
  return it->get<std::string>();
}

std::vector<std::string> list_field(const json& object, const char* name) {
  std::vector<std::string> values;
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return values;
  if (it->is_string()) return {it->get<std::string>()};
  if (!it->is_array()) throw RecordError("bad_field_type", std::string("field '") + name + "' must be a list of strings");
  for (const auto& element : *it) {
    if (!element.is_string()) throw RecordError("bad_field_type", std::string("field '") + name + "' must be a list of strings");
    if (std::string value = element.get<std::string>(); !value.empty()) values.push_back(std::move(value));
  }
  return values;
}

NewsItem item_from_json(const json& object) {
  if (!object.is_object()) throw RecordError("not_object", "not a JSON object");
  NewsItem item;
  item.body = string_field(object, "body");
  if (item.body.find_first_not_of(" \t\r\n") == std::string::npos)
    throw RecordError("missing_body", "missing or empty 'body'");
  if (looks_like_html(item.body)) item.body = html_to_text(item.body);
  item.title = string_field(object, "title");
  if (looks_like_html(item.title)) item.title = html_to_text(item.title);
  item.id = string_field(object, "id");
  item.url = string_field(object, "url");
  item.date = string_field(object, "date");
  item.lang = string_field(object, "lang");
  item.countries = list_field(object, "countries");
  item.organizations = list_field(object, "organizations");
  return item;
}

// Declared metadata that fails its check is reported and dropped; the record is kept.
void check_fields(NewsItem& item, const std::string& where, const ReaderSink& sink) {
  if (!item.url.empty()) item.url = kept_value(check_url(item.url), where, sink);
  if (!item.date.empty()) item.date = kept_value(check_date(item.date), where, sink);
  if (!item.lang.empty()) item.lang = kept_value(check_language(item.lang), where, sink);
  item.countries = kept_values(item.countries, check_country, where, sink);
  item.organizations = kept_values(item.organizations, check_organization, where, sink);
}

// One line: a news item, a problem, or nothing when the line is blank.
void read_record(std::string_view line, const std::string& where, const ReaderSink& sink) {
  if (line.find_first_not_of(" \t\r") == std::string_view::npos) return;
  NewsItem item;
  try {
    item = item_from_json(json::parse(line));
  } catch (const RecordError& error) {
    sink.on_problem({where, error.what(), true, error.code});
    return;
  } catch (const json::exception& error) {
    sink.on_problem({where, error.what(), true, "bad_json"});
    return;
  } catch (const std::exception& error) {
    sink.on_problem({where, error.what(), true, "bad_record"});
    return;
  }
  check_fields(item, where, sink);
  if (item.id.empty()) item.id = default_item_id(item);
  item.source = where;
  sink.on_item(std::move(item));
}

}  // namespace

void read_jsonl(std::string_view content, const std::string& file_name, const ReaderSink& sink) {
  size_t line_number = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    read_record(content.substr(start, end - start), file_name + ":" + std::to_string(++line_number), sink);
    start = end + 1;
  }
}

void read_jsonl(InputStream& input, const std::string& file_name, const ReaderSink& sink, std::size_t max_record_bytes) {
  InputLine line;
  for (size_t line_number = 1; input.next_line(line, max_record_bytes); ++line_number) {
    const std::string where = file_name + ":" + std::to_string(line_number);
    if (line.too_long)
      sink.on_problem({where, "record over " + std::to_string(max_record_bytes) + " bytes (--max-record-bytes): " +
                                  std::to_string(line.bytes) + " bytes, skipped unparsed", true, "record_too_large"});
    else
      read_record(line.text, where, sink);
  }
}

}  // namespace caravan
