// Block classification, region choice and paragraph continuity for the main-text method.
#include "indexer/block_density.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>
#include <string_view>

namespace caravan {
namespace {

enum class Kind { kBoilerplate, kShort, kNear, kGood };

// A line with a copyright sign is a page's footer, not its article.
bool is_copyright_line(const TextBlock& block) {
  return block.words < 30 && (block.text.find("\u00A9") != std::string::npos || block.text.find("(c)") != std::string::npos);
}

// Ends as a sentence does (., !, ?, ..., a colon), closing quotes and brackets aside.
bool ends_like_sentence(std::string_view text) {
  for (const std::string_view closer : {"\u00BB", "\u201D", "\u2019", "\"", "'", ")", "]"})
    while (text.ends_with(closer)) text.remove_suffix(closer.size());
  for (const std::string_view end : {".", "!", "?", ":", ";", "\u2026", "\u3002", "\u061F", "\u06D4"})
    if (text.ends_with(end)) return true;
  return false;
}

Kind classify(const TextBlock& block) {
  if (block.boilerplate || block.link_density() > 0.33 || is_copyright_line(block)) return Kind::kBoilerplate;
  if (block.words >= 15 && block.link_density() <= 0.25) return Kind::kGood;
  return block.words >= 5 ? Kind::kNear : Kind::kShort;
}

std::vector<Kind> classify_all(const std::vector<TextBlock>& blocks) {
  std::vector<Kind> kinds;
  for (const auto& block : blocks) kinds.push_back(classify(block));
  if (std::find(kinds.begin(), kinds.end(), Kind::kGood) != kinds.end()) return kinds;
  int longest = -1;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (kinds[i] == Kind::kNear && (longest < 0 || blocks[i].words > blocks[longest].words)) longest = static_cast<int>(i);
  if (longest >= 0) kinds[longest] = Kind::kGood;
  return kinds;
}

double weight(const TextBlock& block, Kind kind) {
  switch (kind) {
    case Kind::kGood: return block.words;
    case Kind::kNear: return block.words / 2.0;
    case Kind::kBoilerplate: return -block.words;
    case Kind::kShort: return 0;
  }
  return 0;
}

bool is_element(xmlNode* node) { return node && node->type == XML_ELEMENT_NODE; }

// The element under root whose blocks weigh most; of equal ones, the outermost (short blocks
// weigh nothing, and a paragraph is not its article). One pass over the tree.
class RegionFinder {
 public:
  RegionFinder(const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds) {
    for (std::size_t i = 0; i < blocks.size(); ++i) own_[blocks[i].element] += weight(blocks[i], kinds[i]);
  }

  xmlNode* find(xmlNode* root) {
    total(root, 0);
    return best_;
  }

 private:
  std::unordered_map<xmlNode*, double> own_;
  xmlNode* best_ = nullptr;
  double best_score_ = 0;
  int best_depth_ = 0;

  double total(xmlNode* node, int depth) {
    const auto it = own_.find(node);
    double sum = it == own_.end() ? 0 : it->second;
    for (xmlNode* child = node->children; child; child = child->next)
      if (is_element(child)) sum += total(child, depth + 1);
    if (!best_ || sum > best_score_ || (sum == best_score_ && depth < best_depth_)) {
      best_ = node;
      best_score_ = sum;
      best_depth_ = depth;
    }
    return sum;
  }
};

void collect_elements(xmlNode* node, std::unordered_set<xmlNode*>& out) {
  out.insert(node);
  for (xmlNode* child = node->children; child; child = child->next)
    if (is_element(child)) collect_elements(child, out);
}

struct Run {
  std::vector<std::size_t> members;  // indexes of blocks
  bool good = false, near = false, kept = false;
};

std::vector<Run> runs_in(const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds, xmlNode* region) {
  std::unordered_set<xmlNode*> inside;
  collect_elements(region, inside);
  std::vector<Run> runs(1);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!inside.count(blocks[i].element)) continue;
    if (kinds[i] == Kind::kBoilerplate) {
      if (!runs.back().members.empty()) runs.emplace_back();
      continue;
    }
    runs.back().members.push_back(i);
    runs.back().good = runs.back().good || kinds[i] == Kind::kGood;
    runs.back().near = runs.back().near || kinds[i] == Kind::kNear;
  }
  for (auto& run : runs) run.kept = run.good;
  for (std::size_t r = 1; r + 1 < runs.size(); ++r)
    if (!runs[r].good && runs[r].near && runs[r - 1].good && runs[r + 1].good) runs[r].kept = true;
  return runs;
}

// What may stand before an article's first paragraph without belonging to it: a short block,
// or a line of under 10 words that is not a sentence ("5 min read · Mar 3, 2023"). Not a heading.
bool is_leading_label(const TextBlock& block, Kind kind) {
  if (block.heading) return false;
  return kind == Kind::kShort || (kind == Kind::kNear && block.words < 10 && !ends_like_sentence(block.text));
}

// A run without the labels before its first paragraph (headings there stay: the title, a
// subtitle) and without the short blocks after it that are not sentences ("Фото: пресс-служба").
void append_trimmed(const Run& run, const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds,
                    std::vector<TextBlock>& out) {
  std::size_t start = 0, last = run.members.size();
  while (start < last && (blocks[run.members[start]].heading || is_leading_label(blocks[run.members[start]], kinds[run.members[start]])))
    ++start;
  while (last > start && kinds[run.members[last - 1]] == Kind::kShort && !ends_like_sentence(blocks[run.members[last - 1]].text)) --last;
  for (std::size_t m = 0; m < start; ++m)
    if (blocks[run.members[m]].heading) out.push_back(blocks[run.members[m]]);
  for (std::size_t m = start; m < last; ++m) out.push_back(blocks[run.members[m]]);
}

}  // namespace

std::vector<TextBlock> densest_text(xmlNode* root, const std::vector<TextBlock>& blocks) {
  std::vector<TextBlock> out;
  if (!is_element(root) || blocks.empty()) return out;
  const auto kinds = classify_all(blocks);
  xmlNode* region = RegionFinder(blocks, kinds).find(root);
  for (const auto& run : runs_in(blocks, kinds, region))
    if (run.kept) append_trimmed(run, blocks, kinds, out);
  return out;
}

}  // namespace caravan
