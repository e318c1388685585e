// XML documents written with libxml2's xmlTextWriter, with text made safe for XML 1.0 first.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace caravan {

// Text as XML 1.0 can carry it: invalid UTF-8 and the code points XML forbids (control
// characters but tab, line feed and carriage return; surrogates; U+FFFE, U+FFFF) dropped.
std::string xml_safe_text(std::string_view utf8);

// Initializes libxml2's global state. libxml2 must be initialized once, on one thread, before
// threads use it: searchd calls this before it serves (ThreadSanitizer caught two request
// threads racing in xmlInitializeGlobalState). Idempotent.
void init_xml_library();

// An indented UTF-8 document in memory. Element text and attribute values are passed through
// xml_safe_text, then escaped by libxml2. Throws std::runtime_error when libxml2 fails.
class XmlWriter {
 public:
  XmlWriter();
  ~XmlWriter();
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;

  void start(const char* name);
  void attribute(const char* name, std::string_view value);
  void element(const char* name, std::string_view text);
  void text(std::string_view text);  // inside the element last started
  void end();

  // Closes every open element and returns the document.
  std::string finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace caravan
