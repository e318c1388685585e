// Reader for the canonical JSON Lines input: {"id","url","title","body","date","lang",...}.
#pragma once

#include <string>
#include <string_view>

#include "indexer/readers/input_stream.h"
#include "indexer/readers/reader.h"

namespace caravan {

// Reads one JSON object per line; only "body" is required. Lines that are not valid JSON,
// lack a body or have a field of the wrong type are reported and skipped; a date that cannot be
// understood or names a day that does not exist ("2021-02-29") is reported as a warning and
// dropped, the record kept (the indexer then dates it from its text, as any undated record).
// So are a "lang" Caravan does not know, "countries" that are not ISO 3166-1 alpha-2 codes and
// "organizations" that are not gazetteer-style ids (readers/field_checks.h). Bodies that look
// like HTML are turned to text.
void read_jsonl(std::string_view content, const std::string& file_name, const ReaderSink& sink);

// The same, line by line from a stream; a line over max_record_bytes is skipped unparsed
// ("record over N bytes"), and never held in memory whole.
void read_jsonl(InputStream& input, const std::string& file_name, const ReaderSink& sink, std::size_t max_record_bytes);

}  // namespace caravan
