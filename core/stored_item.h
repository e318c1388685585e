// The display data of an item as stored in its Xapian document: a compact length-prefixed record.
#pragma once

#include <string>
#include <string_view>

#include "core/news_item.h"

namespace caravan {

// Written by caravan-indexer, read back by caravan-searchd for every hit: kStoredItemMark, then
// id, url, title, date, lang, source, the countries and the organizations (a count, then each),
// and the body last, each string as a LEB128 byte length and its bytes. Reading a hit costs no
// parse of its body (the JSON object indexes before 2026-12-01 stored is still read).
inline constexpr char kStoredItemMark = '\x02';

std::string encode_stored_item(const NewsItem& item);

// The item back; with_body false leaves body empty without copying it. Throws
// std::invalid_argument for data that is neither this record nor the old JSON object.
NewsItem decode_stored_item(std::string_view data, bool with_body = true);

}  // namespace caravan
