// The main text of a news page: a known CMS container, else the densest block of text.
#pragma once

#include <libxml/tree.h>

#include <string>
#include <string_view>

namespace caravan {

struct MainText {
  std::string text;    // paragraphs separated by blank lines; "" when the page has no text
  std::string method;  // how it was found: the container ("k2", "wordpress", ...), "density" or "body"
};

// The article text of a parsed page, without menus, footers, share buttons, related links,
// comments, cookie banners and newsletter boxes:
// 1. a known CMS container (Joomla/K2 div.itemIntroText + div.itemFullText, itemprop=articleBody,
//    WordPress .entry-content/.post-content, Drupal .node__content/.field--name-body, Bitrix
//    .detail_text/.news-detail), cleaned of boilerplate inside it, when it holds at least
//    kMinMainWords words;
// 2. else the block-density method (after boilerpipe and jusText) within the largest <article>,
//    <main> or role=main, else within <body>: the page is cut into text blocks; blocks under
//    boilerplate elements (nav, header, footer, aside, a class or id such as menu, share,
//    comments, related, cookie, newsletter) or mostly link text are boilerplate; long blocks are
//    content; the subtree where content outweighs boilerplate most is kept, with the shorter
//    blocks that continue its paragraphs;
// 3. else the whole visible text of <body>.
// A leading heading that repeats `title` is left out. Works on words as whitespace separates
// them, so any language and script is read the same way.
MainText extract_main_text(xmlNode* root, std::string_view title);

// A container or a density result shorter than this is not trusted as the page's text.
constexpr int kMinMainWords = 15;

}  // namespace caravan
