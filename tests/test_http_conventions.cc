// Accept-Encoding, If-None-Match and Vary parsing, entity tags and gzip, without a server.
#include <doctest/doctest.h>
#include <zlib.h>

#include <string>

#include "searchd/http_conventions.h"

using namespace caravan;

TEST_CASE("accepts_gzip reads the codings and their q-values") {
  struct Case {
    const char* header;
    bool gzip;
  };
  for (const Case& c : {Case{"gzip", true}, Case{"GZIP", true}, Case{"deflate, gzip;q=0.8", true}, Case{"br, gzip", true},
                        Case{"x-gzip", true}, Case{"*", true}, Case{"*;q=0.1", true}, Case{"gzip;q=0", false},
                        Case{"gzip; q=0.000", false}, Case{"gzip;q=0, *", false}, Case{"*;q=0", false}, Case{"", false},
                        Case{"identity", false}, Case{"br", false}, Case{"gzipped", false}, Case{"gzip;q=abc", false},
                        Case{" gzip ; q=1 ", true}, Case{"gzip;level=1;q=0.5", true}}) {
    CHECK_MESSAGE(accepts_gzip(c.header) == c.gzip, c.header);
  }
}

TEST_CASE("searchd compresses its own documents; cpp-httplib's types are left to it") {
  CHECK(compressed_by_searchd("application/json; charset=utf-8"));
  CHECK(compressed_by_searchd("application/atom+xml; charset=utf-8"));
  CHECK(compressed_by_searchd("application/opensearchdescription+xml"));
  CHECK_FALSE(compressed_by_searchd("application/json"));  // cpp-httplib compresses that one itself
  CHECK_FALSE(compressed_by_searchd("text/html"));
  CHECK_FALSE(compressed_by_searchd("image/png"));
  CHECK(compressible("text/plain; version=0.0.4; charset=utf-8"));
  CHECK(compressible("image/svg+xml"));
  CHECK_FALSE(compressible("image/png"));
}

TEST_CASE("entity tags: weak, stable, different for different parts; If-None-Match compared weakly") {
  const std::string tag = weak_entity_tag({"gen-1 uuid 3", "/api/search?q=%D1%81"});
  CHECK(tag.size() == 20);
  CHECK(tag.starts_with("W/\""));
  CHECK(tag == weak_entity_tag({"gen-1 uuid 3", "/api/search?q=%D1%81"}));
  CHECK(tag != weak_entity_tag({"gen-1 uuid 4", "/api/search?q=%D1%81"}));
  CHECK(tag != weak_entity_tag({"gen-1 uuid 3/api/search?q=%D1%81"}));  // the parts' boundaries count
  CHECK(if_none_match_names(tag, tag));
  CHECK(if_none_match_names("\"x\", " + tag, tag));
  CHECK(if_none_match_names(tag.substr(2), tag));
  CHECK_FALSE(if_none_match_names("W/\"0000000000000000\"", tag));
  CHECK_FALSE(if_none_match_names("", tag));
  CHECK_FALSE(if_none_match_names("*", tag));
  CHECK(if_none_match_any("*"));
  CHECK(if_none_match_any("\"a\", *"));
  CHECK_FALSE(if_none_match_any(tag));
}

TEST_CASE("gzip makes one member that zlib reads back, Russian text included") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Совещание руководителей в Душанбе; customs officers met. ";
  const std::string packed = gzip(text);
  CHECK(packed.size() < text.size() / 5);
  CHECK(static_cast<unsigned char>(packed[0]) == 0x1f);
  CHECK(static_cast<unsigned char>(packed[1]) == 0x8b);
  std::string out(text.size(), '\0');
  uLongf size = static_cast<uLongf>(out.size());
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  stream.avail_in = static_cast<uInt>(packed.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(size);
  CHECK(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  CHECK(stream.total_out == text.size());
  inflateEnd(&stream);
  CHECK(out == text);
  CHECK(gzip("").size() == 20);  // header and trailer of an empty member
}

TEST_CASE("with_list_token adds a Vary token once") {
  CHECK(with_list_token("", "Accept-Encoding") == "Accept-Encoding");
  CHECK(with_list_token("Origin", "Accept-Encoding") == "Origin, Accept-Encoding");
  CHECK(with_list_token("Origin, accept-encoding", "Accept-Encoding") == "Origin, accept-encoding");
}
