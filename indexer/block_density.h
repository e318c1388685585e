// The block-density method: which text blocks of a page are its article, by length and links.
#pragma once

#include <vector>

#include "indexer/text_blocks.h"

namespace caravan {

// The blocks (text_blocks(root)) that make up the article, in document order, after boilerpipe
// and jusText without their language-specific stopword lists. Each block is boilerplate (marked
// so, more than a third links, or a footer line with a copyright sign), good (15 words or more,
// at most a quarter links), near-good (5 to 14 words) or short. The article's region is the
// element under root where good words (near-good ones at half weight) minus boilerplate words
// add up highest, the outermost of equals. Inside it, the runs of blocks between boilerplate
// that hold a good block are kept, and runs of near-good blocks sandwiched between two kept
// runs; from each, the labels before its first paragraph (short blocks, lines of under 10 words
// that are not sentences; headings there stay) and the short non-sentences after its last are
// left out. No good block: the longest near-good one stands for one. Empty when nothing qualifies.
std::vector<TextBlock> densest_text(xmlNode* root, const std::vector<TextBlock>& blocks);

}  // namespace caravan
