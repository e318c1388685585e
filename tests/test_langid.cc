// Tests for identify_language(): every supported language, short, mixed, empty and broken input.
#include <doctest/doctest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/langid.h"
#include "core/languages.h"

using caravan::identify_language;

namespace {

struct Case {
  const char* lang;
  const char* text;
};

// One or two news sentences per language, written for these tests (not taken from the fixtures).
const std::vector<Case> kParagraphs = {
    {"en", "The regional governor opened a new maternity hospital on Friday. It has two hundred beds and "
           "modern equipment for newborn care."},
    {"ru", "Губернатор области в пятницу открыл новый родильный дом. В нем двести коек и современное "
           "оборудование для ухода за новорожденными."},
    {"kk", "Облыс әкімі жұма күні жаңа перзентхананы ашты. Онда екі жүз төсек орын және нәрестелерге "
           "күтім жасауға арналған заманауи құрылғылар бар."},
    {"ky", "Облустун губернатору жума күнү жаңы төрөт үйүн ачты. Анда эки жүз керебет жана ымыркайларды "
           "кароо үчүн заманбап жабдуулар бар."},
    {"uz", "Viloyat hokimi juma kuni yangi tugʻruqxonani ochdi. Unda ikki yuz oʻrin va chaqaloqlarni "
           "parvarishlash uchun zamonaviy uskunalar bor."},
    {"uz-Cyrl", "Вилоят ҳокими жума куни янги туғруқхонани очди. Унда икки юз ўрин ва чақалоқларни "
                "парваришлаш учун замонавий ускуналар бор."},
    {"tg", "Раиси вилоят рӯзи ҷумъа таваллудхонаи навро кушод. Дар он дусад кат ва таҷҳизоти муосир "
           "барои нигоҳубини навзодон мавҷуд аст."},
    {"tk", "Welaýatyň häkimi anna güni täze çaga dogrulyş öýüni açdy. Onda iki ýüz orun we täze doglan "
           "çagalara seretmek üçin döwrebap enjamlar bar."},
    {"tk-Cyrl", "Велаятың хәкими анна гүни тәзе чага догрулыш өйүни ачды. Онда ики йүз орун ве тәзе "
                "доглан чагалара серетмек үчин дөвребап энҗамлар бар."},
    {"az", "Vilayət rəhbəri cümə günü yeni doğum evini açıb. Orada iki yüz çarpayı və yenidoğulmuşlara "
           "qulluq üçün müasir avadanlıq var."},
    {"az-Cyrl", "Вилајәт рәһбәри ҹүмә ҝүнү јени доғум евини ачыб. Орада ики јүз чарпајы вә "
                "јенидоғулмушлара гуллуг үчүн мүасир аваданлыг вар."},
    {"tr", "Vali cuma günü yeni doğum hastanesini açtı. Hastanede iki yüz yatak ve yenidoğan bakımı için "
           "modern cihazlar bulunuyor."},
    {"de", "Der Gouverneur hat am Freitag eine neue Geburtsklinik eröffnet. Sie hat zweihundert Betten und "
           "moderne Geräte für die Versorgung von Neugeborenen."},
    {"fr", "Le gouverneur a inauguré vendredi une nouvelle maternité. Elle compte deux cents lits et des "
           "équipements modernes pour les soins aux nouveau-nés."},
    {"es", "El gobernador inauguró el viernes una nueva maternidad. Cuenta con doscientas camas y equipos "
           "modernos para el cuidado de los recién nacidos."},
    {"it", "Il governatore ha inaugurato venerdì un nuovo reparto di maternità. Ha duecento posti letto e "
           "apparecchiature moderne per la cura dei neonati."},
    {"pt", "O governador inaugurou na sexta-feira uma nova maternidade. Tem duzentas camas e equipamentos "
           "modernos para o cuidado dos recém-nascidos."},
    {"nl", "De gouverneur heeft vrijdag een nieuwe kraamkliniek geopend. Er zijn tweehonderd bedden en "
           "moderne apparatuur voor de zorg voor pasgeborenen."},
    {"el", "Ο περιφερειάρχης εγκαίνιασε την Παρασκευή ένα νέο μαιευτήριο με διακόσια κρεβάτια."},
    {"ar", "افتتح المحافظ يوم الجمعة مستشفى جديدا للولادة يضم مئتي سرير ومعدات حديثة."},
    {"hy", "Մարզպետը ուրբաթ օրը բացեց նոր ծննդատուն՝ երկու հարյուր մահճակալով։"},
    {"sr", "Гувернер је у петак отворио ново породилиште са двеста кревета и савременом опремом за његу "
           "новорођенчади."},
    // Kazakh in the Latin alphabets of 2021 and 2018 is not Azerbaijani, Turkish or Uzbek.
    {"kk-Latn", "Oblys äkımı jūma künı jaña perzenthanany aşty. Onda ekı jüz tösek oryn jäne närestelerge "
                "kütım jasauğa arnalğan zamanaui qūral-jabdyqtar bar."},
    {"kk-Latn", "Oblys ákimi juma kúni jańa perzenthanany ashty. Onda eki júz tósek oryn jáne nárestelerge "
                "kútim jasaýǵa arnalǵan zamanaýı qural-jabdyqtar bar."},
};

const std::vector<Case> kSnippets = {
    {"en", "Police detained three suspects after the raid."},
    {"ru", "Полиция задержала троих подозреваемых после рейда."},
    {"kk", "Полиция рейдтен кейін үш күдіктіні ұстады."},
    {"ky", "Милиция рейдден кийин үч шектүүнү кармады."},
    {"uz", "Militsiya reyddan soʻng uch gumonlanuvchini ushladi."},
    {"uz-Cyrl", "Милиция рейддан сўнг уч гумонланувчини ушлади."},
    {"tg", "Милиса пас аз рейд се гумонбарро боздошт кард."},
    {"tk", "Polisiýa reýdden soň üç güman edilýäni tussag etdi."},
    {"az", "Polis reyddən sonra üç şübhəlini saxlayıb."},
    {"az-Cyrl", "Полис рејддән сонра үч шүбһәлини сахлајыб."},
    {"tr", "Polis baskının ardından üç şüpheliyi gözaltına aldı."},
};

}  // namespace

TEST_CASE("identify_language recognises each language") {
  SUBCASE("paragraphs") {
    for (const auto& c : kParagraphs) {
      CAPTURE(c.text);
      CHECK(identify_language(c.text).lang == c.lang);
    }
  }
  SUBCASE("one-sentence snippets") {
    for (const auto& c : kSnippets) {
      CAPTURE(c.text);
      CHECK(identify_language(c.text).lang == c.lang);
    }
  }
  SUBCASE("every answer is a known tag with a confidence in [0, 1] and a method") {
    for (const auto* cases : {&kParagraphs, &kSnippets}) {
      for (const auto& c : *cases) {
        auto guess = identify_language(c.text);
        CHECK(caravan::find_language(guess.lang) != nullptr);
        CHECK(guess.confidence >= 0.0);
        CHECK(guess.confidence <= 1.0);
        CHECK_FALSE(guess.method.empty());
      }
    }
  }
}

TEST_CASE("short text falls back on the script") {
  const std::vector<Case> cases = {
      {"en", "OK"},          {"en", "Reuters"},        {"ru", "Москва"},  {"ru", "Да"},
      {"el", "Αθήνα"},       {"ar", "القاهرة"},        {"hy", "Երևան"},   {"hi", "भारत"},
      {"uz", "Oʻzbekiston"}, {"az", "Azərbaycan"},     {"kk", "Қазақстанның"},
      {"tg", "Тоҷикистон"},  {"uz-Cyrl", "Ўзбекистон"},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    auto guess = identify_language(c.text);
    CHECK(guess.lang == c.lang);
  }
  SUBCASE("one word with distinctive letters is enough to leave the script default") {
    CHECK(identify_language("әкімі").lang == "kk");
    CHECK(identify_language("ҷумъа").lang == "tg");
    CHECK(identify_language("ýyl").lang == "tk");
  }
}

TEST_CASE("mixed text goes by its dominant script and language") {
  const std::vector<Case> cases = {
      {"ru", "Компания Apple представила в Купертино новый iPhone, сообщает Reuters."},
      {"en", "The minister, speaking to RIA Novosti, said «Переговоры продолжатся» after the meeting."},
      {"kk", "Министр Astana Hub технопаркінде IT компаниялармен кездесті және жаңа бағдарламаны таныстырды."},
      {"uz", "Prezident Shavkat Mirziyoyev «Шаҳар» loyihasi boʻyicha yigʻilish oʻtkazdi va topshiriqlar berdi."},
  };
  for (const auto& c : cases) {
    CAPTURE(c.text);
    CHECK(identify_language(c.text).lang == c.lang);
  }
}

TEST_CASE("text without letters gives no language") {
  const std::vector<const char*> cases = {"", " ", "\n\t", "...!?", "12 345,67", "2024-03-15 10:30",
                                          "+7 (727) 123-45-67", "— « » ©", "😀🎉"};
  for (const char* text : cases) {
    CAPTURE(text);
    auto guess = identify_language(text);
    CHECK(guess.lang == "");
    CHECK(guess.confidence == 0.0);
  }
}

TEST_CASE("invalid UTF-8 never throws") {
  SUBCASE("broken bytes inside good text") {
    std::string text = "Полиция \xff\xfe задержала \xc3 подозреваемых \xe2\x82 после рейда.";
    CHECK_NOTHROW(identify_language(text));
    CHECK(identify_language(text).lang == "ru");
  }
  SUBCASE("only broken bytes") {
    std::string text = "\xff\xfe\xfd\xc0\xc1\x80\x80";
    CHECK_NOTHROW(identify_language(text));
    CHECK(identify_language(text).lang == "");
  }
  SUBCASE("every byte value and embedded NULs") {
    std::string text;
    for (int i = 0; i < 256; ++i) text.push_back(static_cast<char>(i));
    text += std::string("\0\0Hello world\0", 14);
    CHECK_NOTHROW(identify_language(text));
  }
  SUBCASE("a multi-byte letter cut at the end") {
    std::string text = "Шаҳар кенгаши йиғилди ва бюджетни муҳокама қилди ";
    text += "\xd2";  // first byte of ҳ
    CHECK(identify_language(text).lang == "uz-Cyrl");
  }
}

TEST_CASE("very long text is identified from its head") {
  std::string text;
  while (text.size() < 4 * 1024 * 1024)
    text += "Үкімет жаңа мектептер салу және ауылдық емханаларды жаңғырту жоспарын жариялады. ";
  CHECK(identify_language(text).lang == "kk");
  text += std::string(1024 * 1024, 'x');
  CHECK(identify_language(text).lang == "kk");
}

TEST_CASE("identify_language is safe to call from several threads") {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (size_t t = 0; t < wrong.size(); ++t) {
    threads.emplace_back([t, &wrong] {
      for (int round = 0; round < 50; ++round)
        for (const auto& c : kParagraphs)
          if (identify_language(c.text).lang != c.lang) ++wrong[t];
    });
  }
  for (auto& thread : threads) thread.join();
  for (int w : wrong) CHECK(w == 0);
}
