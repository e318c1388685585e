// The document view (GET /doc/{id}): one item as a server-rendered, escaped HTML page.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "searchd/searcher.h"

namespace caravan {

inline constexpr const char* kHtmlContentType = "text/html; charset=utf-8";

// The interface language of a page: `requested` (?ui_lang= or ?lang=) when given, else the
// best of en/ru in Accept-Language, else en. std::nullopt when `requested` is neither en nor ru.
std::optional<std::string> page_language(const std::string& requested, const std::string& accept_language);

// A facet value's label in the page's language (Searcher::label).
using LabelOf = std::function<std::string(const std::string& facet, const std::string& value)>;

// The page of one document: title, date, language, countries and organizations as links to
// filtered searches, the source URL, the stored text as paragraphs and the related items.
// Every text from the index is HTML-escaped; links are relative, so the page works under the
// path the UI is served at.
std::string doc_page_html(const DocumentView& view, const std::string& ui_lang, const LabelOf& label);

// The page for an unknown id (served with 404).
std::string doc_not_found_html(const std::string& id, const std::string& ui_lang);

// The page for an interface language searchd does not have (served with 400).
std::string doc_bad_language_html(const std::string& requested);

struct DocPageAnswer {
  int status = 200;  // 200, 404 (no such id) or 400 (no such interface language)
  std::string html;
};

// The whole answer of GET /doc/{id}: `requested` is ?ui_lang= (else ?lang=), which wins over
// Accept-Language. Throws what Searcher throws (no index).
DocPageAnswer doc_page(Searcher& searcher, const std::string& id, const std::string& requested,
                       const std::string& accept_language);

}  // namespace caravan
