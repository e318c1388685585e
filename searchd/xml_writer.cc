// libxml2's xmlTextWriter to a memory buffer.
#include "searchd/xml_writer.h"

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>

#include <stdexcept>

namespace caravan {

void init_xml_library() { xmlInitParser(); }
namespace {

bool allowed_in_xml(char32_t c) {
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
         (c >= 0x10000 && c <= 0x10FFFF);
}

const xmlChar* xml(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

}  // namespace

std::string xml_safe_text(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || i + length > utf8.size()) {
      ++i;  // a stray or truncated byte
      continue;
    }
    char32_t c = length == 1 ? lead : lead & (0x7F >> length);
    bool valid = true;
    for (size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      valid = valid && (next & 0xC0) == 0x80;
      c = (c << 6) | (next & 0x3F);
    }
    // Overlong forms are invalid UTF-8 too.
    const char32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (!valid || c < shortest[length]) {
      ++i;
      continue;
    }
    if (allowed_in_xml(c)) out.append(utf8.substr(i, length));
    i += length;
  }
  return out;
}

struct XmlWriter::State {
  xmlBufferPtr buffer = nullptr;
  xmlTextWriterPtr writer = nullptr;
  ~State() {
    if (writer) xmlFreeTextWriter(writer);
    if (buffer) xmlBufferFree(buffer);
  }
};

namespace {
void check(int result, const char* what) {
  if (result < 0) throw std::runtime_error(std::string("libxml2 could not write ") + what);
}
}  // namespace

XmlWriter::XmlWriter() : state_(std::make_unique<State>()) {
  state_->buffer = xmlBufferCreate();
  if (!state_->buffer) throw std::runtime_error("libxml2 could not make a buffer");
  state_->writer = xmlNewTextWriterMemory(state_->buffer, 0);
  if (!state_->writer) throw std::runtime_error("libxml2 could not make a writer");
  check(xmlTextWriterSetIndent(state_->writer, 1), "indentation");
  check(xmlTextWriterStartDocument(state_->writer, nullptr, "UTF-8", nullptr), "the XML declaration");
}

XmlWriter::~XmlWriter() = default;

void XmlWriter::start(const char* name) { check(xmlTextWriterStartElement(state_->writer, xml(name)), name); }

void XmlWriter::attribute(const char* name, std::string_view value) {
  check(xmlTextWriterWriteAttribute(state_->writer, xml(name), xml(xml_safe_text(value).c_str())), name);
}

void XmlWriter::element(const char* name, std::string_view text) {
  check(xmlTextWriterWriteElement(state_->writer, xml(name), xml(xml_safe_text(text).c_str())), name);
}

void XmlWriter::text(std::string_view text) {
  check(xmlTextWriterWriteString(state_->writer, xml(xml_safe_text(text).c_str())), "text");
}

void XmlWriter::end() { check(xmlTextWriterEndElement(state_->writer), "an end tag"); }

std::string XmlWriter::finish() {
  check(xmlTextWriterEndDocument(state_->writer), "the document end");
  xmlFreeTextWriter(state_->writer);  // flushes into the buffer
  state_->writer = nullptr;
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(state_->buffer)),
                     static_cast<size_t>(xmlBufferLength(state_->buffer)));
}

}  // namespace caravan
