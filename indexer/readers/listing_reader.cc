// The listing dump reader: marker lines split items, first sentences become titles.
#include "indexer/readers/listing_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <sstream>
#include <vector>

#include "indexer/date_extractor.h"

namespace caravan {
namespace {

std::string trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n\xC2\xA0");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

bool is_rating_marker(const std::string& line) { return trim(line) == "Rate this item"; }

bool is_votes_line(const std::string& line) {
  static const std::regex votes(R"(\(\d+ votes?\))");
  return std::regex_match(trim(line), votes);
}

bool is_page_footer(const std::string& line) {
  static const std::regex footer(R"(Page \d+ of \d+)");
  return std::regex_match(trim(line), footer);
}

struct RawItem {
  int first_line = 0;
  std::vector<std::string> lines;
};

// Joins the item's lines into paragraphs separated by one blank line.
std::string join_paragraphs(const std::vector<std::string>& lines) {
  std::string text;
  bool pending_break = false;
  for (const auto& raw : lines) {
    const std::string line = trim(raw);
    if (line.empty()) {
      pending_break = !text.empty();
      continue;
    }
    if (!text.empty()) text += pending_break ? "\n\n" : "\n";
    text += line;
    pending_break = false;
  }
  return text;
}

std::vector<RawItem> split_items(std::string_view content) {
  std::vector<RawItem> items;
  std::istringstream in{std::string(content)};
  std::string line;
  bool in_item = false;
  for (int number = 1; std::getline(in, line); ++number) {
    if (is_rating_marker(line)) {
      items.push_back({number + 1, {}});
      in_item = true;
      continue;
    }
    if (!in_item) continue;  // the header before the first marker
    if (items.back().lines.empty() && is_votes_line(line)) {
      items.back().first_line = number + 1;
      continue;
    }
    if (is_page_footer(line)) continue;
    items.back().lines.push_back(line);
  }
  return items;
}

bool is_abbreviation(std::string_view word) {
  static const std::array<std::string_view, 22> known = {
      "mr", "ms", "mrs", "dr", "prof", "gen", "lt", "col", "st", "no", "vs", "etc", "inc", "jr",
      "sr", "ул", "им", "тыс", "млн", "млрд", "руб", "см"};
  if (word.empty()) return false;
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(known.begin(), known.end(), lower) != known.end()) return true;
  const bool one_ascii_letter = word.size() == 1 && std::isalpha(static_cast<unsigned char>(word[0]));
  const bool one_cyrillic_letter = word.size() == 2 && (static_cast<unsigned char>(word[0]) & 0xE0) == 0xC0;
  return one_ascii_letter || one_cyrillic_letter;
}

// The word just before position end (letters only).
std::string_view word_before(std::string_view text, size_t end) {
  size_t start = end;
  while (start > 0) {
    const auto c = static_cast<unsigned char>(text[start - 1]);
    if (!(std::isalpha(c) || c >= 0x80)) break;
    --start;
  }
  return text.substr(start, end - start);
}

}  // namespace

std::string first_sentence(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') return trim(text.substr(0, i));
    if (c != '.' && c != '!' && c != '?') continue;
    const bool at_end = i + 1 == text.size();
    if (!at_end && !std::isspace(static_cast<unsigned char>(text[i + 1]))) continue;
    if (c == '.' && is_abbreviation(word_before(text, i))) continue;
    return trim(text.substr(0, c == '.' ? i : i + 1));
  }
  return trim(text);
}

bool looks_like_listing(std::string_view content) {
  return content.find("\nRate this item") != std::string_view::npos ||
         content.starts_with("Rate this item");
}

void read_listing(std::string_view content, const std::string& file_name, const ReaderSink& sink) {
  for (const auto& raw : split_items(content)) {
    const std::string where = file_name + ":" + std::to_string(raw.first_line);
    NewsItem item;
    item.body = join_paragraphs(raw.lines);
    if (item.body.empty()) {
      sink.on_problem({where, "empty item between rating markers", true, "empty_item"});
      continue;
    }
    item.title = first_sentence(item.body);
    item.date = find_first_date(item.body).value_or("");
    item.id = default_item_id(item);
    item.source = where;
    sink.on_item(std::move(item));
  }
}

}  // namespace caravan
