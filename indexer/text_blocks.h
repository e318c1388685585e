// A page cut into text blocks (paragraphs, headings, list items) with what a density method weighs.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>
#include <vector>

namespace caravan {

struct TextBlock {
  std::string text;            // whitespace collapsed
  int words = 0;               // whitespace-separated tokens with a letter or digit
  int link_words = 0;          // of those, inside <a href>
  bool boilerplate = false;    // inside an element is_boilerplate_element() names
  bool heading = false;        // inside <h1>..<h6>
  xmlNode* element = nullptr;  // the innermost block-level element holding the text

  double link_density() const { return words ? static_cast<double>(link_words) / words : 0.0; }
};

// The text blocks under node in document order: block-level elements (p, div, li, h1-h6, td,
// br, ...) start and end blocks; scripts, styles, forms' controls and hidden elements give none.
std::vector<TextBlock> text_blocks(xmlNode* node);

// True for elements that hold what is around an article rather than in it: nav, header, footer,
// aside, a small form, ARIA navigation/banner/contentinfo/complementary roles, and a class or id
// whose words (name_words) name it: always for share, meta, related, tags, dates, comments,
// cookies, newsletters, ads and the like (K2's itemComments, WordPress's entry-meta, Jetpack's
// jp-relatedposts); for menus, sidebars, rails, headers, footers, authors, search and the like
// unless the element holds the article (an <h1>, <article>, <main> or articleBody inside), or the
// name also says content, article, body, main, text or entry and the element holds 60 words or
// more ("content-sidebar-wrap" is a wrapper, "story-author" a byline).
bool is_boilerplate_element(xmlNode* element);

// The words of a class or id value as is_boilerplate_element() reads them: split at anything
// not a letter or digit and between camelCase humps, lower-cased ("itemSocialSharing" ->
// item social sharing, "field--name-body" -> field name body).
std::vector<std::string> name_words(std::string_view value);

// The number of words of text as TextBlock::words counts them.
int count_words(std::string_view text);

}  // namespace caravan
