// Main text extraction: known CMS containers first, then block text and link density.
#include "indexer/main_text.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <vector>

#include "indexer/block_density.h"
#include "indexer/html_text.h"
#include "indexer/text_blocks.h"

namespace caravan {
namespace {

using Predicate = std::function<bool(xmlNode*)>;

bool has_class(xmlNode* node, std::string_view wanted) {
  const std::string classes = xml_attribute(node, "class");
  for (std::size_t at = classes.find(wanted); at != std::string::npos; at = classes.find(wanted, at + 1)) {
    const std::size_t end = at + wanted.size();
    if ((at == 0 || std::isspace(static_cast<unsigned char>(classes[at - 1]))) &&
        (end == classes.size() || std::isspace(static_cast<unsigned char>(classes[end]))))
      return true;
  }
  return false;
}

Predicate any_class(std::initializer_list<std::string_view> names) {
  std::vector<std::string> wanted(names.begin(), names.end());
  return [wanted](xmlNode* node) {
    return std::any_of(wanted.begin(), wanted.end(), [node](const std::string& name) { return has_class(node, name); });
  };
}

bool is_named(xmlNode* node, const char* name) { return xmlStrcmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0; }

// A CMS's article container. `joined`: every match is part of the text (K2 splits it in two).
struct Container {
  const char* method;
  Predicate matches;
  bool joined = false;
};

const std::vector<Container>& known_containers() {
  static const std::vector<Container> containers = {
      {"k2", any_class({"itemIntroText", "itemFullText"}), true},
      {"articleBody", [](xmlNode* n) { return xml_attribute(n, "itemprop") == "articleBody"; }},
      {"wordpress", any_class({"entry-content", "post-content", "td-post-content", "post-entry"})},
      {"drupal", any_class({"node__content", "node-content"})},
      {"drupal", any_class({"field--name-body", "field-name-body"})},
      {"bitrix", any_class({"detail_text", "news-detail-text"})},
      {"bitrix", any_class({"news-detail"})},
  };
  return containers;
}

// The outermost elements under node that match, in document order.
void collect(xmlNode* node, const Predicate& matches, std::vector<xmlNode*>& found) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    if (matches(node)) found.push_back(node);
    else collect(node->children, matches, found);
  }
}

int content_words(const std::vector<TextBlock>& blocks) {
  int words = 0;
  for (const auto& block : blocks)
    if (!block.boilerplate) words += block.words;
  return words;
}

// The blocks of the matching elements: all of them when joined, else the one with most words.
std::vector<TextBlock> container_blocks(xmlNode* root, const Container& container) {
  std::vector<xmlNode*> found;
  collect(root, container.matches, found);
  std::vector<TextBlock> best;
  for (xmlNode* node : found) {
    auto blocks = text_blocks(node);
    if (container.joined) best.insert(best.end(), blocks.begin(), blocks.end());
    else if (content_words(blocks) > content_words(best)) best = std::move(blocks);
  }
  return best;
}

// Inside a CMS container only what is marked as boilerplate or is mostly links is left out.
std::vector<TextBlock> clean_container(const std::vector<TextBlock>& blocks) {
  std::vector<TextBlock> kept;
  for (const auto& block : blocks)
    if (!block.boilerplate && block.link_density() <= 0.5) kept.push_back(block);
  return kept;
}

std::string folded(std::string_view text) {
  std::string out;
  for (const char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)) && !std::ispunct(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A heading repeating the title (or the title with a site name around it) is the title.
// So is any block that says exactly the title (a <div class="news-title">).
bool repeats_title(const TextBlock& block, std::string_view title) {
  if (title.empty()) return false;
  const std::string heading = folded(block.text), whole = folded(title);
  if (heading.empty()) return false;
  if (heading == whole) return true;
  return block.heading && whole.find(heading) != std::string::npos && heading.size() * 5 >= whole.size() * 3;
}

std::string joined_text(const std::vector<TextBlock>& blocks, std::string_view title) {
  std::string out;
  bool title_dropped = false;
  for (const auto& block : blocks) {
    if (!title_dropped && repeats_title(block, title)) {
      title_dropped = true;
      continue;
    }
    if (!out.empty()) out += "\n\n";
    out += block.text;
  }
  return out;
}

xmlNode* largest(xmlNode* root, const Predicate& matches) {
  std::vector<xmlNode*> found;
  collect(root, matches, found);
  xmlNode* best = nullptr;
  int best_words = 0;
  for (xmlNode* node : found)
    if (const int words = content_words(text_blocks(node)); words > best_words) best = node, best_words = words;
  return best;
}

xmlNode* body_of(xmlNode* root) {
  std::vector<xmlNode*> found;
  collect(root, [](xmlNode* n) { return is_named(n, "body"); }, found);
  return found.empty() ? root : found.front();
}

}  // namespace

MainText extract_main_text(xmlNode* root, std::string_view title) {
  if (!root) return {};
  for (const auto& container : known_containers()) {
    const auto blocks = clean_container(container_blocks(root, container));
    if (content_words(blocks) >= kMinMainWords) return {joined_text(blocks, title), container.method};
  }
  const std::vector<Predicate> regions = {
      [](xmlNode* n) { return is_named(n, "article"); },
      [](xmlNode* n) { return is_named(n, "main") || xml_attribute(n, "role") == "main"; },
  };
  for (const auto& region : regions)
    if (xmlNode* node = largest(root, region)) {
      const auto blocks = densest_text(node, text_blocks(node));
      if (content_words(blocks) >= kMinMainWords) return {joined_text(blocks, title), "density"};
    }
  xmlNode* body = body_of(root);
  const auto all = text_blocks(body);
  if (const auto blocks = densest_text(body, all); content_words(blocks) >= kMinMainWords)
    return {joined_text(blocks, title), "density"};
  std::vector<TextBlock> visible;
  for (const auto& block : all)
    if (!block.boilerplate) visible.push_back(block);
  return {joined_text(visible, title), "body"};
}

}  // namespace caravan
