// Block classification, region choice and paragraph continuity for the main-text method.
#include "indexer/block_density.h"

#include <algorithm>
#include <map>

namespace caravan {
namespace {

enum class Kind { kBoilerplate, kShort, kNear, kGood };

Kind classify(const TextBlock& block) {
  if (block.boilerplate || block.link_density() > 0.33) return Kind::kBoilerplate;
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

// The element whose blocks weigh most; of equal ones, the deepest.
xmlNode* best_region(const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds) {
  std::map<xmlNode*, double> score;
  std::map<xmlNode*, int> depth;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    for (xmlNode* node = blocks[i].element; is_element(node); node = node->parent) score[node] += weight(blocks[i], kinds[i]);
  for (const auto& [node, _] : score) {
    int d = 0;
    for (xmlNode* up = node; is_element(up); up = up->parent) ++d;
    depth[node] = d;
  }
  xmlNode* best = nullptr;
  for (const auto& [node, value] : score)
    if (!best || value > score[best] || (value == score[best] && depth[node] > depth[best])) best = node;
  return best;
}

bool inside(xmlNode* node, xmlNode* region) {
  for (; is_element(node); node = node->parent)
    if (node == region) return true;
  return false;
}

struct Run {
  std::vector<std::size_t> members;  // indexes of blocks
  bool good = false, near = false, kept = false;
};

std::vector<Run> runs_in(const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds, xmlNode* region) {
  std::vector<Run> runs(1);
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (!inside(blocks[i].element, region)) continue;
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

// A run without the short blocks at its edges; a heading may open it.
void append_trimmed(const Run& run, const std::vector<TextBlock>& blocks, const std::vector<Kind>& kinds,
                    std::vector<TextBlock>& out) {
  std::size_t first = 0, last = run.members.size();
  while (first < last && kinds[run.members[first]] == Kind::kShort && !blocks[run.members[first]].heading) ++first;
  while (last > first && kinds[run.members[last - 1]] == Kind::kShort) --last;
  for (std::size_t m = first; m < last; ++m) out.push_back(blocks[run.members[m]]);
}

}  // namespace

std::vector<TextBlock> densest_text(const std::vector<TextBlock>& blocks) {
  const auto kinds = classify_all(blocks);
  xmlNode* region = best_region(blocks, kinds);
  std::vector<TextBlock> out;
  if (!region) return out;
  for (const auto& run : runs_in(blocks, kinds, region))
    if (run.kept) append_trimmed(run, blocks, kinds, out);
  return out;
}

}  // namespace caravan
