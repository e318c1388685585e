// Page URLs: relative links resolved against a page, and input files mapped to public URLs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

// reference resolved against base as a browser does (RFC 3986, libxml2's xmlBuildURI):
// ("/ru/news/1", "https://x.org/a/b.html") -> "https://x.org/ru/news/1". The reference,
// trimmed, when base is empty or either cannot be parsed.
std::string resolve_url(std::string_view reference, std::string_view base);

// The public URL of a file read from one of `inputs` when the directory given as input is
// published at base_url (as omindex --url does): base_url, a "/" if it has none at its end,
// then the file's path relative to that input directory (to its parent directory for an input
// that is the file itself), every byte outside A-Z a-z 0-9 - . _ ~ / percent-encoded.
// "" when base_url is empty or the file is under none of the inputs.
std::string public_url(const std::string& base_url, const std::vector<std::string>& inputs,
                       const std::filesystem::path& file);

}  // namespace caravan
