// The document view as HTML: escaping, relative links, labels in the interface language.
#include "searchd/doc_page.h"

#include <array>
#include <cctype>
#include <cstdlib>
#include <map>
#include <sstream>
#include <vector>

#include "searchd/escaping.h"

namespace caravan {
namespace {

// The interface strings of the page, per interface language (the UI's are in web/i18n.js).
const std::map<std::string, std::map<std::string, std::string>>& strings() {
  static const std::map<std::string, std::map<std::string, std::string>> table = {
      {"en",
       {{"home", "Caravan home"}, {"searchLabel", "Search news"}, {"searchButton", "Search"},
        {"interfaceLanguage", "Interface language"}, {"date", "Date"}, {"language", "Language"},
        {"countries", "Countries"}, {"organizations", "Organizations"}, {"source", "Source"},
        {"related", "Related items"}, {"noRelated", "No related items in the index."},
        {"notFoundTitle", "Document not found"}, {"notFound", "There is no document with the id “{id}” in the index."},
        {"backToSearch", "Back to search"}, {"filterBy", "Show only news about {f}"},
        {"details", "About this item"}, {"untitled", "Untitled"}}},
      {"ru",
       {{"home", "Caravan — на главную"}, {"searchLabel", "Поиск новостей"}, {"searchButton", "Найти"},
        {"interfaceLanguage", "Язык интерфейса"}, {"date", "Дата"}, {"language", "Язык"},
        {"countries", "Страны"}, {"organizations", "Организации"}, {"source", "Источник"},
        {"related", "Похожие материалы"}, {"noRelated", "Похожих материалов в индексе нет."},
        {"notFoundTitle", "Документ не найден"}, {"notFound", "В индексе нет документа с идентификатором «{id}»."},
        {"backToSearch", "Вернуться к поиску"}, {"filterBy", "Показать только новости: {f}"},
        {"details", "О материале"}, {"untitled", "Без названия"}}},
  };
  return table;
}

std::string text_of(const std::string& ui_lang, const std::string& key) {
  const auto& table = strings();
  const auto lang = table.find(ui_lang);
  const auto& entries = lang == table.end() ? table.at("en") : lang->second;
  const auto entry = entries.find(key);
  return entry == entries.end() ? key : entry->second;
}

std::string with_var(std::string text, const std::string& name, const std::string& value) {
  const std::string placeholder = "{" + name + "}";
  const auto at = text.find(placeholder);
  return at == std::string::npos ? text : text.replace(at, placeholder.size(), value);
}

// The page is /doc/{id}: "../" is the UI, "./{id}" another document.
std::string search_href(const std::string& param, const std::string& value, const std::string& ui_lang) {
  return "../?" + param + "=" + url_component(value) + "&ui_lang=" + ui_lang;
}

std::string doc_href(const std::string& id, const std::string& ui_lang) {
  return "./" + url_component(id) + "?ui_lang=" + ui_lang;
}

bool is_web_url(const std::string& url) { return url.starts_with("https://") || url.starts_with("http://"); }

// "2021-03-12" -> "12 March 2021" / "12 марта 2021"; anything else as it is.
std::string formatted_date(const std::string& iso, const std::string& ui_lang) {
  static const std::array<const char*, 12> en = {"January", "February", "March",     "April",   "May",      "June",
                                                 "July",    "August",   "September", "October", "November", "December"};
  static const std::array<const char*, 12> ru = {"января", "февраля", "марта",    "апреля",  "мая",    "июня",
                                                 "июля",   "августа", "сентября", "октября", "ноября", "декабря"};
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return iso;
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const int day = std::atoi(iso.substr(8, 2).c_str());
  if (month < 1 || month > 12 || day < 1) return iso;
  const char* name = (ui_lang == "ru" ? ru : en)[static_cast<size_t>(month - 1)];
  return std::to_string(day) + " " + name + " " + iso.substr(0, 4);
}

// Paragraphs at blank lines, line breaks kept inside them.
std::string paragraphs_html(const std::string& body) {
  std::string html;
  std::istringstream lines(body);
  std::string line, paragraph;
  const auto flush = [&] {
    if (!paragraph.empty()) html += "<p>" + paragraph + "</p>\n";
    paragraph.clear();
  };
  while (std::getline(lines, line)) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) {
      flush();
      continue;
    }
    const auto last = line.find_last_not_of(" \t\r");
    if (!paragraph.empty()) paragraph += "<br>\n";
    paragraph += html_escaped(line.substr(first, last - first + 1));
  }
  flush();
  return html;
}

std::string language_switch(const std::string& ui_lang) {
  std::string html = "<nav class=\"lang-switch\" aria-label=\"" + html_escaped(text_of(ui_lang, "interfaceLanguage")) + "\">";
  for (const std::string lang : {"en", "ru"}) {
    std::string label = lang == "en" ? "EN" : "RU";
    html += "<a href=\"?ui_lang=" + lang + "\" lang=\"" + lang + "\" hreflang=\"" + lang + "\"" +
            (lang == ui_lang ? " aria-current=\"true\"" : "") + ">" + label + "</a>";
  }
  return html + "</nav>";
}

// The page around `main`: the UI's header (brand, search box, language switch) and style sheet.
std::string page_html(const std::string& ui_lang, const std::string& title, const std::string& main) {
  const auto s = [&ui_lang](const char* key) { return html_escaped(text_of(ui_lang, key)); };
  return "<!doctype html>\n<html lang=\"" + ui_lang + "\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<title>" + html_escaped(title) + " — Caravan</title>\n"
         "<link rel=\"icon\" href=\"../favicon.svg\" type=\"image/svg+xml\">\n"
         "<link rel=\"stylesheet\" href=\"../style.css\">\n</head>\n<body class=\"doc-page\">\n"
         "<header class=\"site-header\"><div class=\"header-inner\">\n"
         "<a class=\"brand\" href=\"../?ui_lang=" + ui_lang + "\" aria-label=\"" + s("home") + "\">"
         "<span class=\"brand-mark\" aria-hidden=\"true\"></span><span class=\"brand-name\">Caravan</span></a>\n"
         "<form class=\"search-form\" role=\"search\" action=\"../\" method=\"get\">"
         "<label for=\"q\" class=\"visually-hidden\">" + s("searchLabel") + "</label>"
         "<input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" spellcheck=\"false\">"
         "<input type=\"hidden\" name=\"ui_lang\" value=\"" + ui_lang + "\">"
         "<button type=\"submit\" class=\"search-button\">" + s("searchButton") + "</button></form>\n" +
         language_switch(ui_lang) + "\n</div></header>\n<main id=\"doc\" class=\"doc-view\">\n" + main +
         "</main>\n</body>\n</html>\n";
}

std::string filter_links(const std::vector<std::string>& values, const std::string& facet, const std::string& param,
                         const std::string& ui_lang, const LabelOf& label) {
  std::string html = "<ul class=\"chips\">";
  for (const auto& value : values) {
    const std::string name = label(facet, value);
    html += "<li><a class=\"chip chip-" + facet + "\" href=\"" + html_escaped(search_href(param, value, ui_lang)) +
            "\" title=\"" + html_escaped(with_var(text_of(ui_lang, "filterBy"), "f", name)) + "\" data-value=\"" +
            html_escaped(value) + "\">" + html_escaped(name) + "</a></li>";
  }
  return html + "</ul>";
}

std::string meta_row(const std::string& ui_lang, const char* key, const std::string& value_html) {
  return "<dt>" + html_escaped(text_of(ui_lang, key)) + "</dt><dd>" + value_html + "</dd>\n";
}

std::string meta_html(const Hit& doc, const std::string& ui_lang, const LabelOf& label) {
  std::string rows;
  if (!doc.date.empty())
    rows += meta_row(ui_lang, "date", "<time datetime=\"" + html_escaped(doc.date) + "\">" +
                                          html_escaped(formatted_date(doc.date, ui_lang)) + "</time>");
  if (!doc.lang.empty() && doc.lang != "und")
    rows += meta_row(ui_lang, "language", "<a class=\"doc-lang\" href=\"" + html_escaped(search_href("lang", doc.lang, ui_lang)) +
                                              "\">" + html_escaped(label("lang", doc.lang)) + "</a>");
  if (!doc.countries.empty())
    rows += meta_row(ui_lang, "countries", filter_links(doc.countries, "country", "country", ui_lang, label));
  if (!doc.organizations.empty())
    rows += meta_row(ui_lang, "organizations", filter_links(doc.organizations, "organization", "org", ui_lang, label));
  if (is_web_url(doc.url))
    rows += meta_row(ui_lang, "source", "<a class=\"doc-source\" href=\"" + html_escaped(doc.url) +
                                            "\" rel=\"noopener noreferrer\">" + html_escaped(doc.url) + "</a>");
  return "<h2 class=\"visually-hidden\">" + html_escaped(text_of(ui_lang, "details")) + "</h2>\n<dl class=\"doc-meta\">\n" + rows + "</dl>\n";
}

std::string related_html(const std::vector<Hit>& related, const std::string& ui_lang, const LabelOf& label) {
  std::string html = "<section class=\"related\" aria-labelledby=\"related-title\">\n<h2 id=\"related-title\">" +
                     html_escaped(text_of(ui_lang, "related")) + "</h2>\n";
  if (related.empty()) return html + "<p class=\"related-none\">" + html_escaped(text_of(ui_lang, "noRelated")) + "</p>\n</section>\n";
  html += "<ol class=\"related-items\">\n";
  for (const auto& hit : related) {
    const std::string title = hit.title.empty() ? text_of(ui_lang, "untitled") : hit.title;
    std::string meta;
    if (!hit.date.empty())
      meta += "<time datetime=\"" + html_escaped(hit.date) + "\">" + html_escaped(formatted_date(hit.date, ui_lang)) + "</time>";
    if (!hit.lang.empty() && hit.lang != "und") meta += "<span>" + html_escaped(label("lang", hit.lang)) + "</span>";
    html += "<li><a class=\"related-title\" href=\"" + html_escaped(doc_href(hit.id, ui_lang)) + "\" lang=\"" +
            html_escaped(hit.lang) + "\">" + html_escaped(title) + "</a>" +
            (meta.empty() ? "" : "<p class=\"hit-meta\">" + meta + "</p>") + "</li>\n";
  }
  return html + "</ol>\n</section>\n";
}

// Accept-Language: the en or ru tag of the highest q (first of equal ones); "" when neither.
std::string accepted_language(const std::string& header) {
  std::string best;
  double best_q = 0;
  std::istringstream parts(header);
  std::string part;
  while (std::getline(parts, part, ',')) {
    const auto semicolon = part.find(';');
    std::string tag = part.substr(0, semicolon);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag = tag.substr(0, tag.find_first_of(" \t-_"));
    for (auto& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double q = 1;
    if (semicolon != std::string::npos) {
      const auto at = part.find("q=", semicolon);
      if (at != std::string::npos) q = std::strtod(part.c_str() + at + 2, nullptr);
    }
    if ((tag == "en" || tag == "ru") && q > best_q) {
      best = tag;
      best_q = q;
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> page_language(const std::string& requested, const std::string& accept_language) {
  if (!requested.empty()) {
    if (requested == "en" || requested == "ru") return requested;
    return std::nullopt;
  }
  const std::string accepted = accepted_language(accept_language);
  return accepted.empty() ? "en" : accepted;
}

std::string doc_page_html(const DocumentView& view, const std::string& ui_lang, const LabelOf& label) {
  const Hit& doc = view.document;
  const std::string title = doc.title.empty() ? text_of(ui_lang, "untitled") : doc.title;
  const std::string lang = doc.lang.empty() || doc.lang == "und" ? "" : " lang=\"" + html_escaped(doc.lang) + "\"";
  const std::string article = "<article class=\"doc\">\n<h1 class=\"doc-title\"" + lang + ">" + html_escaped(title) + "</h1>\n" +
                              meta_html(doc, ui_lang, label) + "<div class=\"doc-body\"" + lang + ">\n" +
                              paragraphs_html(doc.body) + "</div>\n</article>\n";
  return page_html(ui_lang, title, article + related_html(view.related, ui_lang, label));
}

std::string doc_not_found_html(const std::string& id, const std::string& ui_lang) {
  const std::string title = text_of(ui_lang, "notFoundTitle");
  return page_html(ui_lang, title,
                   "<div class=\"message message-error\" role=\"alert\"><h1 class=\"message-title\">" + html_escaped(title) +
                       "</h1>\n<p>" + html_escaped(with_var(text_of(ui_lang, "notFound"), "id", id)) + "</p>\n<p><a href=\"../?ui_lang=" +
                       ui_lang + "\">" + html_escaped(text_of(ui_lang, "backToSearch")) + "</a></p></div>\n");
}

std::string doc_bad_language_html(const std::string& requested) {
  const std::string message = "unsupported interface language '" + requested + "'; use ui_lang=en or ui_lang=ru";
  return page_html("en", "Bad request",
                   "<div class=\"message message-error\" role=\"alert\"><h1 class=\"message-title\">Bad request</h1>\n<p>" +
                       html_escaped(message) + "</p></div>\n");
}

DocPageAnswer doc_page(Searcher& searcher, const std::string& id, const std::string& requested,
                       const std::string& accept_language) {
  const auto ui_lang = page_language(requested, accept_language);
  if (!ui_lang) return {400, doc_bad_language_html(requested)};
  const auto view = searcher.document_view(id);
  if (!view) return {404, doc_not_found_html(id, *ui_lang)};
  const LabelOf label = [&searcher, &ui_lang](const std::string& facet, const std::string& value) {
    return searcher.label(facet, value, *ui_lang);
  };
  return {200, doc_page_html(*view, *ui_lang, label)};
}

}  // namespace caravan
