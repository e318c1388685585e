// Text blocks of a page: the units the main-text method classifies, and the boilerplate marks.
#include "indexer/text_blocks.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <unordered_map>

#include "indexer/html_text.h"

namespace caravan {
namespace {

std::string_view element_name(xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

bool one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_skipped(xmlNode* node) {
  if (one_of(element_name(node), {"script", "style", "noscript", "iframe", "svg", "template", "button", "select",
                                  "option", "textarea", "input", "object", "embed", "canvas", "head", "title"}))
    return true;
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>("hidden")) != nullptr ||
         xml_attribute(node, "aria-hidden") == "true";
}

bool is_block_element(std::string_view name) {
  return one_of(name, {"p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
                       "tr", "td", "th", "table", "section", "article", "main", "header", "footer", "aside", "nav",
                       "blockquote", "figure", "figcaption", "pre", "address", "hr", "form", "fieldset", "center",
                       "body", "html"});
}

bool is_heading(std::string_view name) { return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'; }

// Class and id words that always mean "not the article", whatever else the name says.
const std::set<std::string>& strong_boilerplate_words() {
  static const std::set<std::string> words = {
      "share", "sharing", "social", "meta", "byline", "date", "breadcrumb", "breadcrumbs", "cookie", "cookies",
      "newsletter", "subscribe", "subscription", "related", "tags", "advert", "advertisement", "ads", "promo",
      "sponsored", "rating", "print", "toolbar", "popup", "modal", "gdpr", "consent", "rss", "socials", "comment",
      "comments", "disqus", "reply", "replies", "respond"};
  return words;
}

// Class and id words that mean "not the article" unless the name also says it holds content.
const std::set<std::string>& weak_boilerplate_words() {
  static const std::set<std::string> words = {
      "nav", "navbar", "navigation", "menu", "footer", "header", "masthead", "sidebar", "widget", "widgets",
      "banner", "ad", "pagination", "pager", "author", "login", "search", "copyright", "sitemap", "topbar",
      "popular", "trending", "hits", "links", "extra", "aside", "bottom", "most", "logo", "lang", "languages",
      "counter", "counters", "informer", "weather", "rail", "donate", "side"};
  return words;
}

const std::set<std::string>& content_words() {
  static const std::set<std::string> words = {"content", "article", "body", "main", "text", "entry", "story", "column",
                                              "fulltext", "detail"};
  return words;
}

// "relatedposts", "sharedaddy", "socialicons": a strong word of five letters or more opening a longer one.
bool strong_prefix(const std::string& word) {
  for (const auto& strong : strong_boilerplate_words())
    if (strong.size() >= 5 && word.size() > strong.size() && word.starts_with(strong)) return true;
  return false;
}

// kWeakContent: a weak word beside a content word ("content-sidebar-wrap", but also "story-author").
enum class NameVerdict { kNone, kWeak, kWeakContent, kStrong };

NameVerdict boilerplate_name(std::string_view value) {
  bool weak = false, content = false;
  for (const auto& word : name_words(value)) {
    if (strong_boilerplate_words().count(word) || strong_prefix(word)) return NameVerdict::kStrong;
    weak = weak || weak_boilerplate_words().count(word);
    content = content || content_words().count(word);
  }
  if (!weak) return NameVerdict::kNone;
  return content ? NameVerdict::kWeakContent : NameVerdict::kWeak;
}

// A weak name beside a content word marks a byline ("story-author"), not a wrapper, when the
// element holds fewer words than this.
constexpr int kWrapperWords = 60;

// What is_boilerplate_element needs to know of an element's subtree, gathered for the whole
// tree in one pass (asking each element anew would cost the tree's size times its depth).
struct SubtreeFacts {
  int words = 0;               // as count_words() counts them, over its text nodes
  bool holds_article = false;  // an <h1>, <article>, <main> or articleBody below it
};
using FactsMap = std::unordered_map<xmlNode*, SubtreeFacts>;

bool is_article_marker(xmlNode* node) {
  return one_of(element_name(node), {"h1", "article", "main"}) || xml_attribute(node, "itemprop") == "articleBody";
}

SubtreeFacts gather_facts(xmlNode* element, FactsMap& facts) {
  SubtreeFacts out;
  for (xmlNode* child = element->children; child; child = child->next) {
    if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
      out.words += count_words(reinterpret_cast<const char*>(child->content));
    } else if (child->type == XML_ELEMENT_NODE && !is_skipped(child)) {
      const SubtreeFacts below = gather_facts(child, facts);
      out.words += below.words;
      out.holds_article = out.holds_article || below.holds_article || is_article_marker(child);
    }
  }
  facts[element] = out;
  return out;
}

// A page wrapper named after a sidebar or a header ("with-sidebar", "header-fixed") still holds
// the article: one holding a <h1>, <article>, <main> or articleBody is not boilerplate by a weak
// name; nor is one whose name also says content and that holds kWrapperWords words or more.
bool boilerplate_element(xmlNode* element, const SubtreeFacts& facts) {
  const std::string_view name = element_name(element);
  if (one_of(name, {"nav", "header", "footer", "aside"})) return true;
  if (name == "form" && facts.words < 50) return true;
  const std::string role = xml_attribute(element, "role");
  if (one_of(role, {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog"})) return true;
  if (name == "body" || name == "html") return false;
  const NameVerdict by_class = boilerplate_name(xml_attribute(element, "class"));
  const NameVerdict by_id = boilerplate_name(xml_attribute(element, "id"));
  if (by_class == NameVerdict::kStrong || by_id == NameVerdict::kStrong) return true;
  const bool weak = by_class == NameVerdict::kWeak || by_id == NameVerdict::kWeak;
  const bool weak_content = by_class == NameVerdict::kWeakContent || by_id == NameVerdict::kWeakContent;
  if ((!weak && !weak_content) || facts.holds_article) return false;
  return weak || facts.words < kWrapperWords;
}

class BlockWalker {
 public:
  std::vector<TextBlock> blocks;
  FactsMap facts;  // of every element under the walk's root

  void walk(xmlNode* node) {
    for (; node; node = node->next) {
      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) append(reinterpret_cast<const char*>(node->content));
      else if (node->type == XML_ELEMENT_NODE && !is_skipped(node)) walk_element(node);
    }
  }

  void flush() {
    while (!current_.empty() && current_.back() == ' ') current_.pop_back();
    const int words = count_words(current_);
    if (words > 0) {
      TextBlock block;
      block.text = std::move(current_);
      block.words = words;
      block.link_words = std::min(current_link_words_, words);
      block.boilerplate = boilerplate_depth_ > 0;
      block.heading = heading_depth_ > 0;
      block.element = block_stack_.empty() ? nullptr : block_stack_.back();
      blocks.push_back(std::move(block));
    }
    current_.clear();
    current_link_words_ = 0;
  }

  void walk_element(xmlNode* node) {
    const std::string_view name = element_name(node);
    const bool boilerplate = boilerplate_element(node, facts[node]);
    const bool block = boilerplate || is_block_element(name);
    const bool link = name == "a" && xmlHasProp(node, reinterpret_cast<const xmlChar*>("href"));
    const bool heading = is_heading(name);
    if (block) {
      flush();
      block_stack_.push_back(node);
    }
    boilerplate_depth_ += boilerplate;
    heading_depth_ += heading;
    link_depth_ += link;
    walk(node->children);
    if (block) flush();
    link_depth_ -= link;
    heading_depth_ -= heading;
    boilerplate_depth_ -= boilerplate;
    if (block) block_stack_.pop_back();
  }

 private:
  std::string current_;
  int current_link_words_ = 0;
  int link_depth_ = 0, boilerplate_depth_ = 0, heading_depth_ = 0;
  std::vector<xmlNode*> block_stack_;

  void append(const char* text) {
    for (const char* p = text; *p; ++p) {
      const bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
      if (!space) current_ += *p;
      else if (!current_.empty() && current_.back() != ' ') current_ += ' ';
    }
    if (link_depth_ > 0) current_link_words_ += count_words(text);
  }
};

// A no-break space (U+00A0) separates words like a space.
bool is_nbsp(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
}

// Lead bytes of characters that are punctuation, not letters: U+00A1-U+00BF (« » · ©, after
// 0xC2) and U+2000-U+206F (dashes, quotes, bullets, after 0xE2 0x80/0x81).
std::size_t punctuation_length(std::string_view text, std::size_t i) {
  const auto at = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
  if (at(i) == 0xC2 && at(i + 1) >= 0xA1 && at(i + 1) <= 0xBF) return 2;
  if (at(i) == 0xE2 && (at(i + 1) == 0x80 || at(i + 1) == 0x81)) return 3;
  return 0;
}

}  // namespace

int count_words(std::string_view text) {
  int words = 0;
  bool counted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (std::isspace(byte) || is_nbsp(text, i)) {
      counted = false;
      i += byte == 0xC2;
      continue;
    }
    if (const std::size_t skip = punctuation_length(text, i)) {
      i += skip - 1;
      continue;
    }
    if (!counted && (std::isalnum(byte) || byte >= 0x80)) {
      ++words;
      counted = true;
    }
  }
  return words;
}

std::vector<std::string> name_words(std::string_view value) {
  std::vector<std::string> words;
  std::string word;
  auto finish = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (!std::isalnum(c)) {
      finish();
      continue;
    }
    const bool hump = std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(value[i - 1]));
    if (hump) finish();
    word += static_cast<char>(std::tolower(c));
  }
  finish();
  return words;
}

bool is_boilerplate_element(xmlNode* element) {
  FactsMap facts;
  return boilerplate_element(element, gather_facts(element, facts));
}

std::vector<TextBlock> text_blocks(xmlNode* node) {
  if (!node || node->type != XML_ELEMENT_NODE) return {};
  BlockWalker walker;
  gather_facts(node, walker.facts);
  walker.walk_element(node);
  walker.flush();
  return std::move(walker.blocks);
}

}  // namespace caravan
