// Month names, year words and range words of the languages the date extractor reads.
#pragma once

#include <string_view>

// Header-only tables (included by date_extractor.cc alone). All forms are normalized: lower
// case, ё -> е, apostrophes as ASCII '.
namespace caravan::date_forms {

struct MonthForm {
  std::string_view text;
  int month;
};

// Forms taken only as written: English names and abbreviations (an English word never takes a
// case ending, and "may"/"mar" + letters are ordinary words) and Russian abbreviations.
inline constexpr MonthForm kExactMonths[] = {
    {"january", 1}, {"jan", 1}, {"february", 2}, {"feb", 2}, {"march", 3}, {"mar", 3},
    {"april", 4}, {"apr", 4}, {"may", 5}, {"june", 6}, {"jun", 6}, {"july", 7}, {"jul", 7},
    {"august", 8}, {"aug", 8}, {"september", 9}, {"sep", 9}, {"sept", 9}, {"october", 10},
    {"oct", 10}, {"november", 11}, {"nov", 11}, {"december", 12}, {"dec", 12},
    {"янв", 1}, {"фев", 2}, {"февр", 2}, {"мар", 3}, {"апр", 4}, {"мая", 5}, {"мае", 5},
    {"авг", 8}, {"сен", 9}, {"сент", 9}, {"окт", 10}, {"ноя", 11}, {"нояб", 11}, {"дек", 12},
};

// Stems that take case endings (Russian "декабря", Kazakh "желтоқсанда", Kyrgyz "октябрында",
// Tajik "майи", Uzbek "dekabrda", Turkmen "dekabry", Azerbaijani "dekabrın"): a word is a month
// when it is one of these plus at most kMaxMonthEnding letters. The Cyrillic stems of the
// borrowed names serve Russian, Kyrgyz, Tajik and Uzbek Cyrillic alike.
inline constexpr std::size_t kMaxMonthEnding = 5;
inline constexpr MonthForm kMonthStems[] = {
    // Russian, Kyrgyz, Tajik, Uzbek Cyrillic (январь, январ, января, январда, январи)
    {"январ", 1}, {"феврал", 2}, {"март", 3}, {"апрел", 4}, {"май", 5}, {"июн", 6}, {"июл", 7},
    {"август", 8}, {"сентябр", 9}, {"октябр", 10}, {"ноябр", 11}, {"декабр", 12},
    // Kazakh
    {"қаңтар", 1}, {"ақпан", 2}, {"наурыз", 3}, {"сәуір", 4}, {"мамыр", 5}, {"маусым", 6},
    {"шілде", 7}, {"тамыз", 8}, {"қыркүйек", 9}, {"қазан", 10}, {"қараша", 11}, {"желтоқсан", 12},
    // Uzbek and Azerbaijani Latin (both spellings of Uzbek September/October are in use)
    {"yanvar", 1}, {"fevral", 2}, {"mart", 3}, {"aprel", 4}, {"may", 5}, {"iyun", 6}, {"iyul", 7},
    {"avgust", 8}, {"avqust", 8}, {"sentyabr", 9}, {"sentabr", 9}, {"oktyabr", 10}, {"oktabr", 10},
    {"noyabr", 11}, {"dekabr", 12},
    // Turkmen Latin
    {"ýanwar", 1}, {"fewral", 2}, {"maý", 5}, {"iýun", 6}, {"iýul", 7}, {"awgust", 8},
    {"sentýabr", 9}, {"oktýabr", 10}, {"noýabr", 11},
};

// Words that mark the number before them as a year in the year-first orders of the Turkic
// languages ("2023 жылғы", "2023-yil", "2021-жылдын", "2023-nji ýylyň", "2023-cü il"): a stem
// plus at most kMaxYearEnding letters, or an abbreviation followed by a full stop ("2023 ж.").
inline constexpr std::size_t kMaxYearEnding = 4;
inline constexpr std::string_view kYearStems[] = {"жыл", "yil", "йил", "ýyl", "yyl", "yıl"};
inline constexpr std::string_view kYearExact[] = {"il", "ilin", "ili", "ildə"};
inline constexpr std::string_view kYearAbbreviations[] = {"ж", "y", "ý", "й"};

// Words between a month and its year: Tajik "5 декабри соли 2023", English "of".
inline constexpr std::string_view kBeforeYear[] = {"соли", "sol", "of"};

// Words joining the first and the last day of a range ("3 to 5 July", "с 3 по 5 июля",
// "3 va 5 dekabr"); the range gives its first day.
inline constexpr std::string_view kRangeWords[] = {
    "to", "till", "until", "through", "thru", "and", "по", "до", "и",
    "va", "ва", "və", "we", "және", "мен", "жана", "менен", "то", "gacha", "dək", "çenli"};

// Ordinal endings written after a day or a year with a hyphen or glued ("5th", "5-го",
// "5-nji", "5-i", "2023-cü"): any word of at most this many letters that is not a month.
inline constexpr std::size_t kMaxOrdinalLetters = 4;
inline constexpr std::string_view kEnglishOrdinals[] = {"st", "nd", "rd", "th"};

}  // namespace caravan::date_forms
