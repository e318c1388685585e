// Suffix tables of the light stemmers (format and design: core/light_stemmer.cc).
//
// Each table: "min N M" (shortest stem kept; M before a one-letter suffix), "vowels", named
// letter sets ("set K" = voiceless consonants, "set P" = the vowels a 3rd-person possessive ends
// in, after which cases take an extra n), "final" alternations undone at the end, "keep" words
// never stripped further (басқа "other" is not бас "head" + dative), then suffixes: "x:V" after
// a vowel, "x:C" after a consonant, "x:K" after a letter of set K, "x:abc" after a, b or c;
// "x=y" replaces x by y; "x+" needs a stem one letter longer. The longest applicable suffix wins.
// The bare "n:V" undoes the pronominal n of 3rd-person forms (qonun-i reads as qonu-ni): a word's
// final vowel+n drops, so qonun, qonuni, qonunda all give qonu.
#include <string_view>

namespace caravan {
namespace {

constexpr std::string_view kKazakh = R"(
min 3 3
# у is left out of the vowels: after a vowel it is the glide /w/ (кездесу-і, not кездесу-сі)
vowels аәеёиоөұүыіэюя
set K кқпстфхцчшщ
set P ыі
final б=п г=к ғ=қ
keep басқа
# plural
лар лер дар дер тар:K тер:K
# possessive: 3rd person, 1st and 2nd person plural
ы:C і:C сы:V сі:V ымыз:C іміз:C мыз:V міз:V ыңыз:C іңіз:C ңыз:V ңіз:V
# genitive, accusative
ның нің дың дің тың:K тің:K ны:V ні:V ды ді ты:K ті:K н:V
# dative, locative, ablative, instrumental, locative adjective
ға ге қа:K ке:K на:P не:P
да де та:K те:K нда:P нде:P
дан ден тан:K тен:K нан:мнңыі нен:мнңыі
мен бен пен
дағы дегі тағы:K тегі:K ндағы:P ндегі:P
# verbs: past participle, present 3rd person (the past -ды/-ді is the accusative above)
ған ген қан:K кен:K ады:C еді:C йды:V йді:V
)";

constexpr std::string_view kKazakhLatin = R"(
# The Kazakh table in the Latin alphabets of 2021 (ä ğ ı=і i=и,й ñ ö ş ū=ұ u=у ü y=ы), 2018
# (á ǵ i=і ı=и,й ń ó sh ch u=ұ ý=у ú) and 2017 (a' g' i' n' o' s' c' u' y'=у), all at once: a word
# is in one of them, and their suffixes rarely meet.
min 3 3
# u and ý (у) are left out of the vowels, as in Cyrillic: after a vowel they are the glide /w/
vowels aäeioöūüyıáóú
set K kqpstfhçşc
set P yıi
final b=p g=k ğ=q ǵ=q
keep basqa
# plural
lar ler dar der tar:K ter:K
# possessive: 3rd person, 1st and 2nd person plural
y:C ı:C i:C sy:V sı:V si:V ymyz:C ımız:C imiz:C myz:V mız:V miz:V yñyz:C yńyz:C yn'yz:C ıñız:C ińiz:C in'iz:C ñyz:V ńyz:V n'yz:V ñız:V ńiz:V n'iz:V
# genitive, accusative
nyñ nyń nyn' nıñ niń nin' dyñ dyń dyn' dıñ diń din' tyñ:K tyń:K tyn':K tıñ:K tiń:K tin':K ny:V nı:V ni:V dy dı di ty:K tı:K ti:K n:V
# dative, locative, ablative, instrumental, locative adjective
ğa ǵa g'a ge qa:K ke:K na:P ne:P
da de ta:K te:K nda:P nde:P
dan den tan:K ten:K nan:mnñńyıi nen:mnñńyıi
men ben pen
dağy daǵy dag'y degı degi tağy:K taǵy:K tag'y:K tegı:K tegi:K ndağy:P ndaǵy:P ndag'y:P ndegı:P ndegi:P
# verbs: past participle, present 3rd person (the past -dy/-dı is the accusative above)
ğan ǵan g'an gen qan:K ken:K ady:C edı:C edi:C idy:V ıdy:V i'dy:V idı:V ıdi:V i'di:V
)";

constexpr std::string_view kKyrgyz = R"(
min 3 3
vowels аеёиоөуүыэюя
set K кпстфхцчшщ
set P ыиуү
final б=п г=к
keep башка
# plural
лар лер лор лөр дар дер дор дөр тар:K тер:K тор:K төр:K
# possessive: 3rd person, 1st and 2nd person plural
ы:C и:C у:C ү:C сы:V си:V су:V сү:V
ыбыз:C ибиз:C убуз:C үбүз:C быз:V биз:V буз:V бүз:V
ыңыз:C иңиз:C уңуз:C үңүз:C ңыз:V ңиз:V ңуз:V ңүз:V
# genitive, accusative
нын нин нун нүн дын дин дун дүн тын:K тин:K тун:K түн:K
ны:V ни:V ну:V нү:V ды ди ду дү ты:K ти:K ту:K тү:K н:V
# dative, locative, ablative, instrumental, locative adjective
га ге го гө ка:K ке:K ко:K кө:K на:P не:P но:P нө:P
да де до дө та:K те:K то:K тө:K нда:P нде:P ндо:P ндө:P
дан ден дон дөн тан:K тен:K тон:K төн:K нан:мнңыиуү нен:мнңыиуү нон:мнңыиуү нөн:мнңыиуү
менен бенен пенен
дагы деги догу дөгү тагы:K теги:K тогу:K төгү:K ндагы:P ндеги:P ндогу:P ндөгү:P
# verbs: past participle (the past -ды/-ди/-ду/-дү is the accusative above)
ган ген гон гөн кан:K кен:K кон:K көн:K
)";

constexpr std::string_view kUzbekLatin = R"(
min 3 3
vowels aeiou
final g=k
# plural
lar
# possessive: 3rd person, 1st and 2nd person plural
i:C si:V imiz:C miz:V ingiz:C ngiz:V
# genitive, accusative, dative, locative, ablative, locative adjective, limitative
ning ni n:V ga ka:k qa:q da dan dagi gacha
# copula
dir
# verbs: past, participle, present 3rd person, progressive
di:lrtkqpsyzhgmbvxfjc gan kan:k qan:q adi:C ydi:V moqda
)";

constexpr std::string_view kUzbekCyrillic = R"(
min 3 3
vowels аеёиоуўэюя
final г=к
# plural
лар
# possessive: 3rd person, 1st and 2nd person plural
и:C си:V имиз:C миз:V ингиз:C нгиз:V
# genitive, accusative, dative, locative, ablative, locative adjective, limitative
нинг ни н:V га ка:к қа:қ да дан даги гача
# copula
дир
# verbs: past, participle, present 3rd person, progressive
ди:лртқкпсйзҳгмбвхфжшчғ ган кан:к қан:қ ади:C йди:V моқда
)";

constexpr std::string_view kTajik = R"(
min 3 3
vowels аеёиоуӯӣэюя
keep танҳо
# plural (the animate plural -он/-ён is left alone: it ends too many stems, Тоҷикистон, баён);
# -гон is that plural after a vowel (хонандагон, бачагон), stacked with the izofat (хонандагони)
ҳо гон:V
# izofat, object marker, and the izofat on -ӣ (ҷумҳурии -> ҷумҳурӣ)
и йи:V ро ии=ӣ иро=ӣ иҳо=ӣ
# possessive enclitics of the 3rd person (-ам, -ат would cut олам, давлат), and of the 1st and
# 2nd person plural after a vowel, as on the plural (китобҳоямон, китобҳоятон); not the bare
# -амон, which ends қаҳрамон
аш яш:V ашон яшон:V ямон:V ятон:V
)";

constexpr std::string_view kTurkmenLatin = R"(
min 3 4
vowels aeäiyoöuü
set K ptkçsşfh
set P yiuü
final b=p d=t g=k j=ç
# plural
lar ler
# possessive: 3rd person, 1st and 2nd person plural
y:C i:C u:C ü:C sy:V si:V ymyz:C imiz:C umyz:C ümiz:C myz:V miz:V yňyz:C iňiz:C ňyz:V ňiz:V
# genitive, accusative
yň:C iň:C uň:C üň:C nyň:V niň:V ny:V ni:V n:V
# dative, locative, ablative, locative adjective
a:C e:C ä:C na:P ne:P
da de ta:K te:K nda:P nde:P
dan den tan:K ten:K ndan:P nden:P
daky däki taky:K täki:K ndaky:P ndäki:P
# copula
dyr dir dur dür
# verbs: past, present 3rd person
dy:lkptçsşfhmzýwg di:lkptçsşfhmzýwg ýar ýär
)";

constexpr std::string_view kTurkmenCyrillic = R"(
min 3 4
vowels аеәиыоөуүэюяё
set K птксшфхч
set P ыиуү
final б=п д=т г=к җ=ч
# plural
лар лер
# possessive: 3rd person, 1st and 2nd person plural
ы:C и:C у:C ү:C сы:V си:V ымыз:C имиз:C умыз:C үмиз:C мыз:V миз:V ыңыз:C иңиз:C ңыз:V ңиз:V
# genitive, accusative
ың:C иң:C уң:C үң:C ның:V ниң:V ны:V ни:V н:V
# dative, locative, ablative, locative adjective
а:C е:C ә:C на:P не:P
да де та:K те:K нда:P нде:P
дан ден тан:K тен:K ндан:P нден:P
дакы дәки такы:K тәки:K ндакы:P ндәки:P
# copula
дыр дир дур дүр
# verbs: past, present 3rd person
ды:лкптчсшфхмзйвг ди:лкптчсшфхмзйвг яр йәр
)";

constexpr std::string_view kAzerbaijaniLatin = R"(
min 3 4
vowels aıoueəiöü
set P ıiuü
final ğ=q
# plural
lar lər
# possessive: 3rd person, 1st and 2nd person plural
ı:C i:C u:C ü:C sı:V si:V su:V sü:V
ımız:C imiz:C umuz:C ümüz:C mız:V miz:V muz:V müz:V
ınız:C iniz:C unuz:C ünüz:C nız:V niz:V nuz:V nüz:V
# genitive (after a consonant only on longer stems: qanun is not qan+un), accusative
ın:C+ in:C+ un:C+ ün:C+ nın:V nin:V nun:V nün:V nı:V ni:V nu:V nü:V n:V
# dative, locative, ablative, locative adjective, instrumental
a:C ə:C ya:V yə:V na:P nə:P
da də nda:P ndə:P dan dən ndan:P ndən:P dakı dəki ndakı:P ndəki:P
la:C lə:C yla:V ylə:V
# copula
dır dir dur dür
# verbs: past
dı:lrtkqpsyzhgmbvxfjcçşğ di:lrtkqpsyzhgmbvxfjcçşğ du:lrtkqpsyzhgmbvxfjcçşğ dü:lrtkqpsyzhgmbvxfjcçşğ
)";

constexpr std::string_view kAzerbaijaniCyrillic = R"(
min 3 4
vowels аыоуеәиөү
set P ыиуү
final ғ=г
# plural
лар ләр
# possessive: 3rd person, 1st and 2nd person plural
ы:C и:C у:C ү:C сы:V си:V су:V сү:V
ымыз:C имиз:C умуз:C үмүз:C мыз:V миз:V муз:V мүз:V
ыныз:C иниз:C унуз:C үнүз:C ныз:V низ:V нуз:V нүз:V
# genitive (after a consonant only on longer stems), accusative
ын:C+ ин:C+ ун:C+ үн:C+ нын:V нин:V нун:V нүн:V ны:V ни:V ну:V нү:V н:V
# dative, locative, ablative, locative adjective, instrumental
а:C ә:C ја:V јә:V на:P нә:P
да дә нда:P ндә:P дан дән ндан:P ндән:P дакы дәки ндакы:P ндәки:P
ла:C лә:C јла:V јлә:V
# copula
дыр дир дур дүр
# verbs: past
ды:лртктпсјзһҝмбвхфжҹчшғг ди:лртктпсјзһҝмбвхфжҹчшғг ду:лртктпсјзһҝмбвхфжҹчшғг дү:лртктпсјзһҝмбвхфжҹчшғг
)";

}  // namespace

// The table text of a language tag, or "" when the language has no light stemmer.
std::string_view light_stemmer_table(std::string_view lang) {
  if (lang == "kk") return kKazakh;
  if (lang == "kk-Latn") return kKazakhLatin;
  if (lang == "ky") return kKyrgyz;
  if (lang == "uz") return kUzbekLatin;
  if (lang == "uz-Cyrl") return kUzbekCyrillic;
  if (lang == "tg") return kTajik;
  if (lang == "tk") return kTurkmenLatin;
  if (lang == "tk-Cyrl") return kTurkmenCyrillic;
  if (lang == "az") return kAzerbaijaniLatin;
  if (lang == "az-Cyrl") return kAzerbaijaniCyrillic;
  return {};
}

}  // namespace caravan
