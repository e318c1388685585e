// The robots.txt parser and matcher: groups by user agent, longest match, Allow on ties.
#include "indexer/fetch/robots.h"

#include <cctype>
#include <cstdlib>

namespace caravan {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

// "caravan-indexer" for "Caravan-Indexer/1.0 (+https://...)".
std::string product_token(std::string_view user_agent) {
  return lower(user_agent.substr(0, user_agent.find_first_of("/ \t")));
}

struct Group {
  std::vector<std::string> agents;
  std::vector<RobotsRule> rules;
  std::optional<std::chrono::milliseconds> delay;
};

std::optional<std::chrono::milliseconds> parse_delay(std::string_view value) {
  const std::string text(value);
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (text.empty() || *end || !(seconds >= 0) || seconds > 86400) return std::nullopt;
  return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
}

std::vector<Group> parse_groups(std::string_view text) {
  std::vector<Group> groups;
  bool last_was_agent = false;
  while (!text.empty()) {
    const auto newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
    line = trim(line.substr(0, line.find('#')));
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const std::string key = lower(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      if (!last_was_agent) groups.emplace_back();
      groups.back().agents.push_back(lower(value));
      last_was_agent = true;
      continue;
    }
    last_was_agent = false;
    if (groups.empty()) continue;  // rules before any User-agent line belong to nobody
    if ((key == "allow" || key == "disallow") && !value.empty())
      groups.back().rules.push_back({std::string(value), key == "allow"});
    else if (key == "crawl-delay")
      if (auto delay = parse_delay(value)) groups.back().delay = delay;
  }
  return groups;
}

// Whether glob ('*' any run of characters) matches all of text: the greedy algorithm that
// backtracks only to the last '*', so no pattern costs more than length(glob) x length(text).
bool glob_matches(std::string_view glob, std::string_view text) {
  std::size_t g = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (g < glob.size() && glob[g] == '*') {
      star = g++;
      resume = t;
    } else if (g < glob.size() && glob[g] == text[t]) {
      ++g;
      ++t;
    } else if (star != std::string_view::npos) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && glob[g] == '*') ++g;
  return g == glob.size();
}

// Whether a rule's pattern matches path: as a prefix, or to the end when it ends in '$'.
bool matches(std::string_view pattern, std::string_view path) {
  if (pattern.ends_with('$')) return glob_matches(pattern.substr(0, pattern.size() - 1), path);
  return glob_matches(std::string(pattern) + "*", path);
}

}  // namespace

RobotsRules RobotsRules::disallow_all() {
  RobotsRules rules;
  rules.rules_.push_back({"/", false});
  return rules;
}

RobotsRules RobotsRules::parse(std::string_view text, std::string_view user_agent) {
  const std::string token = product_token(user_agent);
  const std::vector<Group> groups = parse_groups(text);
  RobotsRules chosen;
  for (const char* wanted : {token.c_str(), "*"}) {
    bool found = false;
    for (const auto& group : groups) {
      bool named = false;
      for (const auto& agent : group.agents) named = named || agent == wanted;
      if (!named) continue;
      found = true;  // groups naming the same agent are merged
      chosen.rules_.insert(chosen.rules_.end(), group.rules.begin(), group.rules.end());
      if (group.delay) chosen.crawl_delay_ = group.delay;
    }
    if (found) break;
  }
  return chosen;
}

bool RobotsRules::allows(std::string_view path) const {
  if (path == "/robots.txt") return true;
  std::size_t best_length = 0;
  bool allowed = true;
  for (const auto& rule : rules_) {
    if (!matches(rule.pattern, path)) continue;
    const std::size_t length = rule.pattern.size();
    if (length > best_length || (length == best_length && rule.allow)) {
      allowed = rule.allow;
      best_length = length;
    }
  }
  return allowed;
}

}  // namespace caravan
