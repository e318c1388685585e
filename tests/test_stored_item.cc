// The stored record of an item: every field back as written, older JSON data still read, bad data refused.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "core/stored_item.h"

using caravan::decode_stored_item;
using caravan::encode_stored_item;
using caravan::NewsItem;

namespace {

std::string repeated(const std::string& text, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) out += text;
  return out;
}

NewsItem sample(const std::string& lang) {
  NewsItem item;
  item.id = lang + "-7";
  item.url = "https://portal.example/" + lang + "/7?a=1&b=\"2\"";
  item.lang = lang;
  item.date = "2024-03-05";
  item.source = "news.jsonl:7";
  item.countries = {"KZ", "UZ"};
  item.organizations = {"UNODC"};
  if (lang == "ru") {
    item.title = "Семинар УНП ООН в Бишкеке";
    item.body = "Пограничники \"Кыргызстана\" и Казахстана\nобсудили\tпатрули.\\ " + repeated("жж ", 100);
  } else {
    item.title = "UNODC seminar in Bishkek";
    item.body = "Border guards of \"Kyrgyzstan\" and Kazakhstan\ndiscussed\tpatrols.\\ " + repeated("xx ", 100);
  }
  return item;
}

void check_same(const NewsItem& got, const NewsItem& item, bool with_body) {
  CHECK(got.id == item.id);
  CHECK(got.url == item.url);
  CHECK(got.title == item.title);
  CHECK(got.date == item.date);
  CHECK(got.lang == item.lang);
  CHECK(got.source == item.source);
  CHECK(got.countries == item.countries);
  CHECK(got.organizations == item.organizations);
  CHECK(got.body == (with_body ? item.body : ""));
}

}  // namespace

TEST_CASE("a stored item reads back field by field, with or without its body") {
  for (const std::string lang : {"en", "ru"}) {
    const NewsItem item = sample(lang);
    const std::string data = encode_stored_item(item);
    CHECK(data.front() == caravan::kStoredItemMark);
    check_same(decode_stored_item(data), item, true);
    check_same(decode_stored_item(data, false), item, false);
  }
  const NewsItem empty;
  check_same(decode_stored_item(encode_stored_item(empty)), empty, true);
}

TEST_CASE("the JSON object of an older index is still read") {
  for (const std::string lang : {"en", "ru"}) {
    const NewsItem item = sample(lang);
    const nlohmann::json old = {{"id", item.id},       {"url", item.url},   {"title", item.title},
                                {"body", item.body},   {"date", item.date}, {"lang", item.lang},
                                {"countries", item.countries}, {"organizations", item.organizations},
                                {"source", item.source}};
    check_same(decode_stored_item(old.dump()), item, true);
    check_same(decode_stored_item(old.dump(), false), item, false);
  }
}

TEST_CASE("cut or foreign data is refused, not read past its end") {
  const std::string data = encode_stored_item(sample("ru"));
  for (size_t size : {size_t{1}, size_t{2}, data.size() / 2, data.size() - 1})
    CHECK_THROWS_AS(decode_stored_item(data.substr(0, size)), std::invalid_argument);
  CHECK_THROWS_AS(decode_stored_item(""), std::invalid_argument);
  CHECK_THROWS_AS(decode_stored_item("not a record"), std::invalid_argument);
  CHECK_THROWS_AS(decode_stored_item(std::string(1, caravan::kStoredItemMark) + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\x01"),
                  std::invalid_argument);
}
