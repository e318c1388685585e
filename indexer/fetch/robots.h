// robots.txt (RFC 9309): which paths of a host a crawler may fetch, and how often.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace caravan {

struct RobotsRule {
  std::string pattern;  // a path prefix; '*' matches any run of characters, a final '$' the end
  bool allow;
};

class RobotsRules {
 public:
  // Everything allowed (no robots.txt, or a 4xx for it).
  static RobotsRules allow_all() { return RobotsRules(); }
  // Nothing allowed (robots.txt unreachable or a 5xx: the host may be in trouble).
  static RobotsRules disallow_all();

  // The rules of the group for user_agent's product token (the part before '/', matched
  // case-insensitively against each User-agent line), else of the '*' group, else none.
  // Consecutive User-agent lines share the rules after them; unknown lines are ignored;
  // Crawl-delay is read from the chosen group.
  static RobotsRules parse(std::string_view text, std::string_view user_agent);

  // Whether path ("/a/b?c", percent-encoded as sent) may be fetched: the longest matching
  // pattern decides, Allow winning a tie; "/robots.txt" is always allowed.
  bool allows(std::string_view path) const;

  std::optional<std::chrono::milliseconds> crawl_delay() const { return crawl_delay_; }

 private:
  std::vector<RobotsRule> rules_;
  std::optional<std::chrono::milliseconds> crawl_delay_;
};

}  // namespace caravan
