// BM25 plus a per-matched-term bonus (Xapian::Weight subclass).
#include "searchd/coordinated_weight.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace caravan {
namespace {

constexpr double kK1 = 1, kK3 = 1, kB = 0.5, kMinNormLength = 0.5;

}  // namespace

CoordinatedWeight::CoordinatedWeight(double bonus) : bonus_(bonus) {
  need_stat(TERMFREQ);
  need_stat(COLLECTION_SIZE);
  need_stat(WDF);
  need_stat(WDF_MAX);
  need_stat(WQF);
  need_stat(DOC_LENGTH);
  need_stat(DOC_LENGTH_MIN);
  need_stat(AVERAGE_LENGTH);
}

CoordinatedWeight* CoordinatedWeight::clone() const { return new CoordinatedWeight(bonus_); }

// As Xapian::BM25Weight::init without a relevance set.
void CoordinatedWeight::init(double factor) {
  applied_bonus_ = factor > 0 ? bonus_ : 0;
  const double termfreq = get_termfreq();
  double tw = (get_collection_size() - termfreq + 0.5) / (termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  const double wqf = get_wqf();
  termweight_ = std::log(tw) * factor * (kK3 + 1) * wqf / (kK3 + wqf) * (kK1 + 1);
  const double average = get_average_length();
  len_factor_ = average != 0 ? 1 / average : 0;
}

std::string CoordinatedWeight::serialise() const {
  std::string bytes(sizeof bonus_, '\0');
  std::memcpy(bytes.data(), &bonus_, sizeof bonus_);
  return bytes;
}

CoordinatedWeight* CoordinatedWeight::unserialise(const std::string& serialised) const {
  if (serialised.size() != sizeof(double)) throw Xapian::SerialisationError("bad caravan::CoordinatedWeight parameters");
  double bonus;
  std::memcpy(&bonus, serialised.data(), sizeof bonus);
  return new CoordinatedWeight(bonus);
}

double CoordinatedWeight::get_sumpart(Xapian::termcount wdf, Xapian::termcount doclen, Xapian::termcount) const {
  const double normlen = std::max(doclen * len_factor_, kMinNormLength);
  const double wdf_double = wdf;
  return applied_bonus_ + termweight_ * (wdf_double / (kK1 * (normlen * kB + (1 - kB)) + wdf_double));
}

double CoordinatedWeight::get_maxpart() const {
  const double wdf_max = get_wdf_upper_bound();
  const double normlen =
      std::max(std::max<double>(wdf_max, get_doclength_lower_bound()) * len_factor_, kMinNormLength);
  const double denom = kK1 * (normlen * kB + (1 - kB)) + wdf_max;
  return applied_bonus_ + (denom > 0 ? termweight_ * (wdf_max / denom) : 0);
}

double coordination_bonus(double strength, Xapian::doccount documents) {
  return std::max(strength, 0.0) * std::log(documents + 1.0);
}

}  // namespace caravan
