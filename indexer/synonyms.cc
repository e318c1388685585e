// Writing the organization synonym table.
#include "indexer/synonyms.h"

#include "core/normalize.h"
#include "core/schema.h"
#include "core/terms.h"

namespace caravan {
namespace {
constexpr size_t kMaxKeyBytes = 240;
}  // namespace

void add_organization_synonyms(Xapian::WritableDatabase& db, const Gazetteer& organizations) {
  TermSplitter splitter;
  for (const auto& alias : organizations.aliases()) {
    const std::string key = splitter.key(normalize_text(alias.text));
    // Xapian keys are terms: longer than its term limit, a name cannot be a key.
    if (!key.empty() && key.size() <= kMaxKeyBytes) db.add_synonym(key, std::string(schema::kPrefixOrg) + alias.value);
  }
}

}  // namespace caravan
