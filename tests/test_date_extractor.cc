// The first explicit date of a text, in English and Russian forms.
#include <doctest/doctest.h>

#include "indexer/date_extractor.h"

using caravan::find_first_date;

TEST_CASE("first date in text") {
  struct Row { const char* text; const char* date; };
  for (const Row& row : std::initializer_list<Row>{
           {"On 19 October 2020, a staff member joined", "2020-10-19"},
           {"held on October 19-21, 2020 in Vienna", "2020-10-19"},
           {"In the format of videoconference, on September 14-15, 2020, a meeting", "2020-09-14"},
           {"met on September 24, 2020 in the format", "2020-09-24"},
           {"Programme on 10-11 September 2020. Signed on May 22, 2019", "2020-09-10"},
           {"5-6 декабря 2023 года в Ташкенте", "2023-12-05"},
           {"14 марта 2022 г. пограничники", "2022-03-14"},
           {"19.10.2020 в ЦАРИКЦ", "2020-10-19"},
           {"published 2020-10-19T10:00:00Z", "2020-10-19"},
           {"On the 3rd of March, 2023 the report", "2023-03-03"},
           {"on 5 – 7 June 2021 in Almaty", "2021-06-05"},
           {"Sept. 30, 2020", "2020-09-30"},
       })
    CHECK_MESSAGE(find_first_date(row.text).value_or("none") == row.date, row.text);
}

TEST_CASE("no date where there is none") {
  for (const char* text : {"The CND 2020 session", "in 2018-2020 the study", "planned for October-December 2020",
                           "в 2019 году", "31.02.2020 is impossible", "", "May we meet 22 times"})
    CHECK_MESSAGE(!find_first_date(text).has_value(), text);
}
