// The per-query time budget (SPEC section 7): how long one search may spend counting matches.
#pragma once

#include <xapian.h>

#include <chrono>

namespace caravan {

// A search's deadline, applied to each of its matches as a Xapian::MatchDecider: past the
// deadline it refuses every further candidate, so the match ends with the hits and facet
// counts of what it had seen, and the answer says "exact": false. A match that starts with
// nothing left counts only its page of hits.
//
// Not Enquire::set_time_limit: in Xapian 1.4 its timer (timer_create with SIGEV_THREAD) can
// fire after the match has returned and write into a stack frame that is gone; with short
// limits that corrupted memory in tests here.
class TimeBudget : public Xapian::MatchDecider {
 public:
  using Clock = std::chrono::steady_clock;

  // budget_ms <= 0: no limit. One per search: it is not shared between threads. may_decide =
  // false for remote shards (xapian-tcpsrv runs no MatchDecider): there the budget only decides
  // what further matches start, and the remote timeout bounds each one.
  explicit TimeBudget(double budget_ms, Clock::time_point started = Clock::now(), bool may_decide = true)
      : limited_(budget_ms > 0),
        may_decide_(may_decide),
        deadline_(started + std::chrono::microseconds(static_cast<long long>(budget_ms * 1000))) {}

  bool spent() const { return limited_ && Clock::now() >= deadline_; }

  // Whether some match was cut short (some candidate refused).
  bool cut() const { return refused_; }

  // Enquire::get_mset's checkatleast: every match while there is time, else none beyond the page.
  Xapian::doccount check_at_least(Xapian::doccount all) const { return spent() ? 0 : all; }

  // The decider to pass to get_mset, or nullptr without a limit.
  const Xapian::MatchDecider* decider() const { return limited_ && may_decide_ ? this : nullptr; }

  bool operator()(const Xapian::Document&) const override {
    if (!refused_ && ++seen_ % kClockEvery == 0 && Clock::now() >= deadline_) refused_ = true;
    return !refused_;
  }

 private:
  static constexpr unsigned kClockEvery = 64;  // candidates between two looks at the clock

  bool limited_;
  bool may_decide_;
  Clock::time_point deadline_;
  mutable unsigned seen_ = 0;
  mutable bool refused_ = false;
};

}  // namespace caravan
