// Validators per URL as JSON in the index's user metadata, written in the same transaction as the items.
#include "indexer/fetch/fetch_memory.h"

#include <nlohmann/json.hpp>

#include "core/news_item.h"
#include "core/schema.h"

namespace caravan {
namespace {

// Xapian refuses metadata keys longer than about 245 bytes; URLs are often longer.
constexpr std::size_t kMaxPlainKeyBytes = 200;

}  // namespace

std::string FetchMemory::key(const std::string& url) {
  if (url.size() + 6 <= kMaxPlainKeyBytes) return "fetch:" + url;
  NewsItem hashed;
  hashed.url = url;
  return "fetch:#" + default_item_id(hashed);
}

Validators FetchMemory::recall(const std::string& url) const {
  if (!conditional_) return {};
  const std::string stored = db_.get_metadata(key(url));
  if (stored.empty()) return {};
  const auto json = nlohmann::json::parse(stored, nullptr, false);
  if (!json.is_object()) return {};
  const std::string id = json.value("id", "");
  if (id.empty() || db_.get_termfreq(schema::id_term(id)) == 0) return {};
  return {json.value("etag", ""), json.value("last_modified", "")};
}

void FetchMemory::remember(const std::string& url, const Validators& validators, const std::string& item_id) {
  if (validators.empty()) {
    db_.set_metadata(key(url), "");  // an empty value deletes the key
    return;
  }
  const nlohmann::json json = {{"etag", validators.etag}, {"last_modified", validators.last_modified}, {"id", item_id}};
  db_.set_metadata(key(url), json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

}  // namespace caravan
