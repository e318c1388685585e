// Prints everything an index holds as text (documents by id term, spellings, synonyms, metadata), to diff two builds.
#include <xapian.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

namespace {

// One document as text: its data, values, and terms with wdf and positions.
std::string dump_document(const Xapian::Document& doc) {
  std::ostringstream out;
  out << " data " << doc.get_data() << "\n";
  for (auto value = doc.values_begin(); value != doc.values_end(); ++value)
    out << " value " << value.get_valueno() << "=" << *value << "\n";
  for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
    out << " term " << *term << " wdf " << term.get_wdf() << " at";
    for (auto pos = term.positionlist_begin(); pos != term.positionlist_end(); ++pos) out << " " << *pos;
    out << "\n";
  }
  return out.str();
}

// The documents keyed by their id term (Q...), so builds with several writers compare equal.
void dump_documents(const Xapian::Database& db, std::ostream& out) {
  std::map<std::string, std::string> documents;
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const Xapian::Document doc = db.get_document(*id);
    auto term = doc.termlist_begin();
    term.skip_to("Q");
    const std::string key = term != doc.termlist_end() ? *term : "docid " + std::to_string(*id);
    documents[key] += dump_document(doc);
  }
  for (const auto& [key, text] : documents) out << "doc " << key << "\n" << text;
}

void dump_tables(const Xapian::Database& db, std::ostream& out) {
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word)
    out << "spelling " << *word << " " << word.get_termfreq() << "\n";
  for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
    out << "synonym " << *key << " =";
    for (auto synonym = db.synonyms_begin(*key); synonym != db.synonyms_end(*key); ++synonym) out << " " << *synonym;
    out << "\n";
  }
  for (auto key = db.metadata_keys_begin(); key != db.metadata_keys_end(); ++key)
    out << "metadata " << *key << " = " << db.get_metadata(*key) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: caravan-bench-index-dump INDEX_DIR\n";
    return 2;
  }
  try {
    const Xapian::Database db(argv[1]);
    std::cout << "docs " << db.get_doccount() << " length " << db.get_total_length() << "\n";
    dump_documents(db, std::cout);
    dump_tables(db, std::cout);
  } catch (const Xapian::Error& error) {
    std::cerr << "caravan-bench-index-dump: " << argv[1] << ": " << error.get_description() << "\n";
    return 1;
  }
  return 0;
}
