// The publication date of an HTML article page, from its metadata or the byline by its title.
#pragma once

#include <libxml/tree.h>

#include <string>

namespace caravan {

// "YYYY-MM-DD" or "": the page's metadata (article:published_time and the like, JSON-LD
// datePublished, itemprop=datePublished); else, unless the URL's path gives the day (which the
// document builder reads), the byline by the title: the first date, in document order, within
// the few elements around the title element, outside menus, sidebars, "related"/"latest" lists,
// tickers, headers and footers that do not hold the title, and not a "today" or "updated" stamp.
// Dates of the running text are left to the document builder.
std::string page_publication_date(xmlNode* root, const std::string& title, const std::string& url);

}  // namespace caravan
