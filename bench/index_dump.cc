// Everything an index holds as text: documents, spellings, synonyms, metadata.
#include "bench/index_dump.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace caravan {
namespace {

// One document as text: its data, values, and terms with wdf and positions.
std::string document_dump(const Xapian::Document& doc) {
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

// Its id term, or (without one, or by doc id) its zero-padded doc id.
std::string document_key(const Xapian::Document& doc, Xapian::docid id, DumpOrder order) {
  if (order == DumpOrder::kById) {
    auto term = doc.termlist_begin();
    term.skip_to("Q");
    if (term != doc.termlist_end() && (*term).starts_with("Q")) return *term;
  }
  char docid[24];
  std::snprintf(docid, sizeof docid, "docid %010u", id);
  return docid;
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

std::string index_dump(const Xapian::Database& db, DumpOrder order) {
  std::ostringstream out;
  out << "docs " << db.get_doccount() << " last " << db.get_lastdocid() << " length " << db.get_total_length()
      << " average " << db.get_avlength() << "\n";
  std::map<std::string, std::string> documents;  // a repeated key (no id term twice) keeps both
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const Xapian::Document doc = db.get_document(*id);
    documents[document_key(doc, *id, order)] += document_dump(doc);
  }
  for (const auto& [key, text] : documents) out << "doc " << key << "\n" << text;
  dump_tables(db, out);
  return out.str();
}

}  // namespace caravan
