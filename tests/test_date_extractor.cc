// The first explicit date of a text, in English, Russian and the region's languages.
#include <doctest/doctest.h>

#include "indexer/date_extractor.h"

using caravan::find_first_date;

namespace {
struct Row {
  const char* text;
  const char* date;  // "none" when the text has no full date
};
void check_rows(std::initializer_list<Row> rows) {
  for (const Row& row : rows) CHECK_MESSAGE(find_first_date(row.text).value_or("none") == row.date, row.text);
}
}  // namespace

TEST_CASE("dates in English") {
  check_rows({
      {"On 19 October 2020, a staff member joined", "2020-10-19"},
      {"held on October 19-21, 2020 in Vienna", "2020-10-19"},
      {"In the format of videoconference, on September 14-15, 2020, a meeting", "2020-09-14"},
      {"met on September 24, 2020 in the format", "2020-09-24"},
      {"Programme on 10-11 September 2020. Signed on May 22, 2019", "2020-09-10"},
      {"On the 3rd of March, 2023 the report", "2023-03-03"},
      {"on 5 – 7 June 2021 in Almaty", "2021-06-05"},
      {"on 5\u20137 June 2021", "2021-06-05"},
      {"Sept. 30, 2020", "2020-09-30"},
      {"Oct 2 2020 at noon", "2020-10-02"},
      {"from 3 to 5 July 2019 in Bishkek", "2019-07-03"},
      {"between 3 and 5 July 2019", "2019-07-03"},
      {"from 30 June to 2 July 2019", "2019-06-30"},
      {"September 30 - October 2, 2020", "2020-09-30"},
      {"October 19th, 2020", "2020-10-19"},
      {"Monday, 21st December 2020", "2020-12-21"},
      {"on 19\u00a0October\u00a02020", "2020-10-19"},
      {"the 2019 report, released on 4 May 2020", "2020-05-04"},
  });
}

TEST_CASE("dates in Russian") {
  check_rows({
      {"5-6 декабря 2023 года в Ташкенте", "2023-12-05"},
      {"14 марта 2022 г. пограничники", "2022-03-14"},
      {"С 3 по 5 июля 2019 года в Бишкеке", "2019-07-03"},
      {"с 28 февраля по 2 марта 2022 года", "2022-02-28"},
      {"5 дек. 2023 г.", "2023-12-05"},
      {"1-го сентября 2021 года", "2021-09-01"},
      {"3 и 4 мая 2018 года", "2018-05-03"},
      {"19 ОКТЯБРЯ 2020 ГОДА", "2020-10-19"},
      {"29 февраля 2024 года", "2024-02-29"},
  });
}

TEST_CASE("numeric dates") {
  check_rows({
      {"19.10.2020 в ЦАРИКЦ", "2020-10-19"},
      {"published 2020-10-19T10:00:00Z", "2020-10-19"},
      {"Дата: 2020.10.19", "2020-10-19"},
      {"on 19/10/2020", "2020-10-19"},      // day > 12: day first
      {"on 10/19/2020", "2020-10-19"},      // second > 12: American month first
      {"on 05/05/2020", "2020-05-05"},      // the same either way
      {"on 05/06/2020", "none"},            // ambiguous: skipped
      {"on 19-10-2020", "2020-10-19"},
      {"пункт 3.2.15 Положения", "none"},   // two-digit years are never read
      {"section 1.19.10.2020", "none"},     // part of a longer numeric run
  });
}

TEST_CASE("dates in the region's languages") {
  check_rows({
      // Kazakh
      {"2022 жылғы 14 наурызда кездесу өтті", "2022-03-14"},
      {"2023 жылғы 5-6 желтоқсанда", "2023-12-05"},
      {"2023 жылы 5 желтоқсанда", "2023-12-05"},
      {"5 желтоқсан 2023 ж.", "2023-12-05"},
      {"2024 ж. 8 ақпанда", "2024-02-08"},
      {"2020 жылғы 19 қазанда", "2020-10-19"},
      // Kyrgyz
      {"2021-жылдын 12-октябрында", "2021-10-12"},
      {"2022-жылы 3-майда", "2022-05-03"},
      // Uzbek Latin and Cyrillic
      {"2022-yil 15-noyabr kuni", "2022-11-15"},
      {"2023-yil 5-dekabr", "2023-12-05"},
      {"5 dekabr 2023 yil", "2023-12-05"},
      {"2019 yil 26 sentabrda", "2019-09-26"},
      {"2023 йил 5 декабрь куни", "2023-12-05"},
      // Tajik
      {"Рӯзи 18 майи соли 2022", "2022-05-18"},
      {"5 декабри соли 2023", "2023-12-05"},
      // Turkmen
      {"2023-nji ýylyň 5-nji dekabry", "2023-12-05"},
      {"2021-nji ýylyň 9-njy iýunynda", "2021-06-09"},
      // Azerbaijani
      {"5 dekabr 2023-cü il", "2023-12-05"},
      {"2023-cü il dekabrın 5-i", "2023-12-05"},
      {"12 avqust 2022-ci ildə", "2022-08-12"},
  });
}

TEST_CASE("no date where there is none") {
  check_rows({
      {"The CND 2020 session", "none"},
      {"in 2018-2020 the study", "none"},
      {"planned for October-December 2020", "none"},
      {"в 2019 году", "none"},
      {"в марте 2021 года", "none"},
      {"31.02.2020 is impossible", "none"},
      {"", "none"},
      {"May we meet 22 times", "none"},
      {"5 желтоқсанда кездесу өтті", "none"},        // no year
      {"2021 жылы 5 адам ұсталды", "none"},           // a year and a count, no month
      {"2023-yilda 15 tonna", "none"},
      {"5 dekabr kuni", "none"},
      {"on 5 July, 2 people were detained in 2020", "none"},
      {"the 2020 Mayor election", "none"},
  });
}

TEST_CASE("the publication date skips placeholders, later days and 'today' tickers") {
  using caravan::find_publication_date;
  const auto date = [](const char* text) { return find_publication_date(text, "2026-12-02").value_or("none"); };
  CHECK(date("Posted 01.01.1970. Astana, 15 February 2017 - The meeting") == "2017-02-15");
  CHECK(date("Today: Tuesday, 1 December 2026 | Bishkek, 3 March 2023 - Customs officers") == "2023-03-03");
  CHECK(date("Сегодня: 1 декабря 2026 г. Душанбе, 15 февраля 2017, 10:20 — Агентство") == "2017-02-15");
  CHECK(date("Bugun 1 dekabr 2026. Toshkent, 2023-yil 5-dekabr") == "2023-12-05");
  CHECK(date("The conference will be held on 14 March 2031; announced on 26-Jun-2023") == "2023-06-26");
  CHECK(date("26-Jun-2023 14:05 | Almaty") == "2023-06-26");
  CHECK(date("Опубликовано: 15.02.2017 Конференция пройдёт 20-21 марта 2017 года") == "2017-02-15");
  CHECK(date("© 2015-2024 Agency. All rights reserved.") == "none");
  CHECK(date("") == "none");
}

TEST_CASE("the date of a news URL's path") {
  using caravan::find_url_date;
  const auto date = [](const char* url) { return find_url_date(url).value_or("none"); };
  CHECK(date("https://news.example/2017/02/15/customs-seize-heroin/") == "2017-02-15");
  CHECK(date("https://news.example/ru/news/20170215/12345.html") == "2017-02-15");
  CHECK(date("https://news.example/2017-02-15-customs-seize-heroin") == "2017-02-15");
  CHECK(date("https://news.example/archive/2017/02/") == "2017-02-01");
  CHECK(date("https://news.example/2017/02/30/no-such-day") == "none");
  CHECK(date("https://news.example/item/123456789") == "none");
  CHECK(date("https://news.example/news?date=2017/02/15") == "none");  // the query is not the path
  CHECK(date("https://2017.example/page") == "none");
  CHECK(date("") == "none");
  CHECK(date("https://news.example/1985/02/15/") == "none");
}

TEST_CASE("the publication date skips 'updated' stamps, in English and Russian") {
  using caravan::find_publication_date;
  const auto date = [](const char* text) { return find_publication_date(text, "2026-12-02").value_or("none"); };
  CHECK(date("Updated: 12 October 2023 · Published: 10 October 2023") == "2023-10-10");
  CHECK(date("Last updated on 5 May 2024. Almaty, 3 May 2024 - The committee") == "2024-05-03");
  CHECK(date("Обновлено: 16.02.2024, 09:02 Опубликовано: 15.02.2024, 11:30") == "2024-02-15");
  CHECK(date("Изменено 2 марта 2021 г. Бишкек, 1 марта 2021 — Служба") == "2021-03-01");
  CHECK(date("Updated: 12 October 2023") == "none");
}

TEST_CASE("an item's date: the URL's day, else the text, which beats a URL month in that month") {
  using caravan::choose_publication_date;
  const auto date = [](const char* url, const char* text) {
    return choose_publication_date(url, text, "2026-12-02").value_or("none");
  };
  CHECK(date("https://news.example/2024/05/28/fsb/", "Operation held from 20 to 24 May 2024") == "2024-05-28");
  CHECK(date("https://news.example/en/2023/12/customs", "Tashkent, 12 December 2023 - The ministry") == "2023-12-12");
  CHECK(date("https://news.example/ru/2023/12/customs", "Ташкент, 12 декабря 2023 года — Министерство") == "2023-12-12");
  CHECK(date("https://news.example/en/2023/12/customs", "The law of 5 March 2019 was amended") == "2023-12-01");
  CHECK(date("https://news.example/en/2023/12/customs", "No date here") == "2023-12-01");
  CHECK(date("https://news.example/item/123", "Москва, 3 марта 2022 — ФСБ") == "2022-03-03");
  CHECK(date("", "nothing") == "none");
  CHECK(caravan::find_url_day("https://news.example/archive/2017/02/").value_or("none") == "none");
  CHECK(caravan::find_url_month("https://news.example/archive/2017/02/").value_or("none") == "2017-02");
  CHECK(caravan::find_url_month("https://news.example/2017/02/15/x").value_or("none") == "none");
}

TEST_CASE("a dateline without its year takes the year from a URL that gives the month") {
  using caravan::choose_publication_date;
  const auto date = [](const char* url, const char* text) {
    return choose_publication_date(url, text, "2026-12-02").value_or("none");
  };
  CHECK(date("https://news.example/ru/news/2024/02/", "Астана. 22 февраля. Операция проведена с 5 по 9 февраля 2024 года.") == "2024-02-22");
  CHECK(date("https://news.example/en/2024/05/", "ALMATY, May 3 (Reuters) - The committee said on 1 May 2024") == "2024-05-03");
  // Another month's day, or one after a full date of the month, is no dateline.
  CHECK(date("https://news.example/ru/2024/02/", "Астана. 22 марта. Итоги года.") == "2024-02-01");
  CHECK(date("https://news.example/ru/2024/02/", "Опубликовано 12.02.2024. Встреча 22 февраля.") == "2024-02-12");
  // Without the URL's month a yearless date is none.
  CHECK(date("https://news.example/ru/news/123", "Астана. 22 февраля. Итоги года.") == "none");
}
