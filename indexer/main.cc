// caravan-indexer: builds and updates the Caravan search index from news files.
#include <getopt.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "core/data_paths.h"
#include "indexer/index_builder.h"
#include "indexer/index_updater.h"
#include "indexer/run_report.h"
#include "indexer/readers/field_checks.h"

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// Beside an installed binary (PREFIX/share/caravan/...), else the source tree's.
std::string default_gazetteers() { return caravan::default_data_dir("gazetteers", CARAVAN_DEFAULT_GAZETTEERS); }
std::string default_stopwords() { return caravan::default_data_dir("stopwords", CARAVAN_DEFAULT_STOPWORDS); }

unsigned default_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

std::string default_user_agent() { return std::string("caravan-indexer/") + CARAVAN_VERSION; }

void show_help(std::FILE* out) {
  const caravan::RecordLimits defaults;
  const caravan::FetchPolicy fetch;
  std::fprintf(out,
      "Usage: caravan-indexer build  --out INDEX [OPTION]... INPUT|URL...\n"
      "       caravan-indexer update --out INDEX [OPTION]... INPUT|URL...\n"
      "       caravan-indexer delete --out INDEX ID...\n"
      "       caravan-indexer rollback --out INDEX\n"
      "       caravan-indexer --version\n"
      "build:  read INPUT files or directories (JSON Lines, HTML pages, RSS/Atom feeds, the\n"
      "        portal's listing dump; .gz is read too) into a new index beside INDEX, then switch\n"
      "        INDEX to it atomically. searchd keeps serving the old one until then.\n"
      "        A URL (http or https: an RSS/Atom feed, a sitemap or sitemap index, or a page) is\n"
      "        fetched with the pages its feed or sitemaps list, politely (robots.txt, a delay).\n"
      "update: add or replace the items of INPUT (by id) in the live index, in one transaction;\n"
      "        pages fetched before are asked for only if changed (ETag, Last-Modified).\n"
      "delete: remove the items with these ids from the live index, in one transaction.\n"
      "rollback: point INDEX back at the generation the last build kept, atomically; updates and\n"
      "        deletes made since that build are not in it. Exit status 1 when none is kept.\n"
      "\n"
      "  -o, --out INDEX        the live index path (a symlink the indexer manages)\n"
      "      --gazetteers DIR   countries.tsv and organizations.tsv (env CARAVAN_GAZETTEERS;\n"
      "                         default %s)\n"
      "      --stopwords DIR    <lang>.txt stopword lists (env CARAVAN_STOPWORDS; default %s)\n"
      "      --add-extracted    add extracted countries/organizations to those the input gives\n"
      "      --base-url URL     the public URL of each input directory: an HTML page without a\n"
      "                         canonical link or og:url gets URL + its path under the directory\n"
      "                         (percent-encoded; a file named as input: URL + its name)\n"
      "      --strict           any skipped record fails the run (exit 1) and changes nothing\n"
      "      --max-body-bytes N cut a longer body (UTF-8 text, after HTML is stripped) at the last\n"
      "                         word before N bytes, with a warning; the item is still indexed\n"
      "                         (default %zu, 256 KiB); a title is cut at %zu bytes\n"
      "      --max-record-bytes N\n"
      "                         skip unparsed a JSON line over N bytes, and a page, feed or listing\n"
      "                         file over N bytes (those are read whole) (default %zu, 64 MiB)\n"
      "      --lock-timeout SECONDS\n"
      "                         how long to wait while another build, update or delete of INDEX\n"
      "                         runs (they hold INDEX.lock), then fail, changing nothing (exit 2)\n"
      "                         (default %lld; 0: do not wait)\n"
      "      --user-agent TEXT  sent with every request and matched against robots.txt groups by\n"
      "                         its first word (default %s)\n"
      "      --fetch-delay SECONDS\n"
      "                         between two requests to the same host, or robots.txt's Crawl-delay\n"
      "                         when longer (up to 60 s) (default %g)\n"
      "      --fetch-timeout SECONDS\n"
      "                         for each response, connecting included (default %g)\n"
      "      --max-fetch-bytes N\n"
      "                         a longer response is not read: skipped (default %zu, 16 MiB)\n"
      "      --progress-interval SECONDS\n"
      "                         when stderr is not a terminal, a progress line every SECONDS\n"
      "                         (default 10; 0: none); on a terminal a bar is redrawn instead\n"
      "      --shards N         build: spread the items over N shard databases by a hash of their\n"
      "                         id, one writer thread each, tied by a stub file (default 1: one\n"
      "                         database); update and delete route each id to its shard\n"
      "      --threads N        analyse the items on N threads; build writes them on min(N, 4)\n"
      "                         threads, each its own database by a hash of the id, merged at\n"
      "                         the end: the same documents for any N, numbered part by part\n"
      "                         (default: the number of cores, here %u; 1: read, analyse and\n"
      "                         write on one, in input order)\n"
      "  -q, --quiet            no progress and no per-record problems, only the summary\n"
      "  -h, --help             this help\n"
      "      --version          the versions of caravan-indexer and Xapian\n"
      "\n"
      "Bad records are reported as file:line: reason, skipped and counted; so are files of an\n"
      "unknown type in a directory; a URL that fails as url: reason. The summary: added N,\n"
      "replaced N, deleted N, skipped N (reason: count, ...).\n"
      "Exit status: 0 done, 1 nothing changed (nothing indexed, or --strict), 2 usage or I/O error\n"
      "or INDEX still locked after --lock-timeout (nothing changed either).\n",
      default_gazetteers().c_str(), default_stopwords().c_str(), defaults.max_body_bytes, defaults.max_title_bytes,
      defaults.max_record_bytes, static_cast<long long>(caravan::LockWait{}.timeout.count()), default_user_agent().c_str(),
      fetch.delay.count() / 1000.0, fetch.timeout.count() / 1000.0, fetch.max_bytes, default_threads());
}

enum Option {
  kGazetteers = 256, kStopwords, kAddExtracted, kBaseUrl, kStrict, kMaxBodyBytes, kMaxRecordBytes, kLockTimeout, kProgressInterval,
  kUserAgent, kFetchDelay, kFetchTimeout, kMaxFetchBytes, kShards, kThreads
};

const option longopts[] = {
    {"out", required_argument, nullptr, 'o'},
    {"gazetteers", required_argument, nullptr, kGazetteers},
    {"stopwords", required_argument, nullptr, kStopwords},
    {"add-extracted", no_argument, nullptr, kAddExtracted},
    {"base-url", required_argument, nullptr, kBaseUrl},
    {"strict", no_argument, nullptr, kStrict},
    {"max-body-bytes", required_argument, nullptr, kMaxBodyBytes},
    {"max-record-bytes", required_argument, nullptr, kMaxRecordBytes},
    {"lock-timeout", required_argument, nullptr, kLockTimeout},
    {"progress-interval", required_argument, nullptr, kProgressInterval},
    {"user-agent", required_argument, nullptr, kUserAgent},
    {"fetch-delay", required_argument, nullptr, kFetchDelay},
    {"fetch-timeout", required_argument, nullptr, kFetchTimeout},
    {"max-fetch-bytes", required_argument, nullptr, kMaxFetchBytes},
    {"shards", required_argument, nullptr, kShards},
    {"threads", required_argument, nullptr, kThreads},
    {"quiet", no_argument, nullptr, 'q'},
    {"help", no_argument, nullptr, 'h'},
    {nullptr, 0, nullptr, 0},
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "caravan-indexer: %s\nTry 'caravan-indexer --help'.\n", message.c_str());
  return 2;
}

// A whole number of digits only; false for anything else or one too big.
bool parse_count(const char* text, unsigned long long& value) {
  if (!*text || std::strspn(text, "0123456789") != std::strlen(text)) return false;
  errno = 0;
  value = std::strtoull(text, nullptr, 10);
  return errno != ERANGE;
}

bool parse_byte_count(const char* option, const char* text, std::size_t& bytes, std::string& error) {
  unsigned long long value = 0;
  if (!parse_count(text, value) || value == 0) {
    error = std::string(option) + " wants a positive number of bytes, not '" + text + "'";
    return false;
  }
  bytes = static_cast<std::size_t>(value);
  return true;
}

bool parse_seconds(const char* option, const char* text, std::chrono::seconds& seconds, std::string& error) {
  unsigned long long value = 0;
  if (!parse_count(text, value) || value > 1000000000ULL) {
    error = std::string(option) + " wants a number of seconds, not '" + text + "'";
    return false;
  }
  seconds = std::chrono::seconds(static_cast<long long>(value));
  return true;
}

// Seconds with an optional fraction ("0", "1.5"), at most a day; at least 1 ms when positive_only.
bool parse_duration(const char* option, const char* text, bool positive_only, std::chrono::milliseconds& duration,
                    std::string& error) {
  char* end = nullptr;
  errno = 0;
  const double seconds = std::strtod(text, &end);
  if (!*text || *end || errno == ERANGE || !(seconds >= 0) || seconds > 86400 || (positive_only && seconds < 0.001)) {
    error = std::string(option) + " wants " + (positive_only ? "a positive" : "a") + " number of seconds, not '" + text + "'";
    return false;
  }
  duration = std::chrono::milliseconds(static_cast<long long>(seconds * 1000 + 0.5));
  return true;
}

// The --user-agent and --fetch-* options.
bool parse_fetch_option(int option, const char* text, caravan::FetchPolicy& fetch, std::string& error) {
  switch (option) {
    case kUserAgent:
      if (!*text || std::strpbrk(text, "\r\n")) { error = "--user-agent wants one line of text"; return false; }
      fetch.user_agent = text;
      return true;
    case kFetchDelay: return parse_duration("--fetch-delay", text, false, fetch.delay, error);
    case kFetchTimeout: return parse_duration("--fetch-timeout", text, true, fetch.timeout, error);
    default: return parse_byte_count("--max-fetch-bytes", text, fetch.max_bytes, error);
  }
}

struct Command {
  caravan::BuildConfig config;
  bool quiet = false;
  bool help = false;
  std::chrono::seconds progress_interval{10};
};

// Parses the options shared by every command; the remaining arguments are the inputs (or ids).
bool parse_command(int argc, char** argv, bool takes_inputs, Command& command, std::string& error) {
  auto& config = command.config;
  config.gazetteers_dir = env_or("CARAVAN_GAZETTEERS", default_gazetteers());
  config.stopwords_dir = env_or("CARAVAN_STOPWORDS", default_stopwords());
  config.fetch.user_agent = default_user_agent();
  config.threads = default_threads();
  int c;
  while ((c = getopt_long(argc, argv, "o:qh", longopts, nullptr)) != -1) {
    switch (c) {
      case 'o': config.live_path = optarg; break;
      case kGazetteers: config.gazetteers_dir = optarg; break;
      case kStopwords: config.stopwords_dir = optarg; break;
      case kAddExtracted: config.options.add_extracted = true; break;
      case kBaseUrl:
        if (!caravan::check_url(optarg).problem.empty()) {
          error = std::string("--base-url wants an absolute http(s) URL, not '") + optarg + "'";
          return false;
        }
        config.base_url = caravan::check_url(optarg).value;
        break;
      case kStrict: config.strict = true; break;
      case kMaxBodyBytes:
        if (!parse_byte_count("--max-body-bytes", optarg, config.limits.max_body_bytes, error)) return false;
        break;
      case kMaxRecordBytes:
        if (!parse_byte_count("--max-record-bytes", optarg, config.limits.max_record_bytes, error)) return false;
        break;
      case kLockTimeout:
        if (!parse_seconds("--lock-timeout", optarg, config.lock.timeout, error)) return false;
        break;
      case kProgressInterval:
        if (!parse_seconds("--progress-interval", optarg, command.progress_interval, error)) return false;
        break;
      case kUserAgent:
      case kFetchDelay:
      case kFetchTimeout:
      case kMaxFetchBytes:
        if (!parse_fetch_option(c, optarg, config.fetch, error)) return false;
        break;
      case kShards: {
        unsigned long long shards = 0;
        if (!parse_count(optarg, shards) || shards == 0 || shards > 256) {
          error = std::string("--shards wants a number from 1 to 256, not '") + optarg + "'";
          return false;
        }
        config.shards = static_cast<unsigned>(shards);
        break;
      }
      case kThreads: {
        unsigned long long threads = 0;
        if (!parse_count(optarg, threads) || threads == 0 || threads > 256) {
          error = std::string("--threads wants a number from 1 to 256, not '") + optarg + "'";
          return false;
        }
        config.threads = static_cast<unsigned>(threads);
        break;
      }
      case 'q': command.quiet = true; break;
      case 'h': command.help = true; return true;
      default: error = "unknown option"; return false;
    }
  }
  if (config.live_path.empty()) { error = "--out INDEX is required"; return false; }
  for (int i = optind; i < argc; ++i) config.inputs.emplace_back(argv[i]);
  if (!takes_inputs && !config.inputs.empty()) { error = "unexpected argument '" + config.inputs.front() + "'"; return false; }
  if (takes_inputs && config.inputs.empty()) { error = "nothing to read or delete"; return false; }
  return true;
}

// None when quiet; a redrawn bar on a terminal; else a line every --progress-interval (0: none).
caravan::ProgressMode progress_mode(const Command& command) {
  if (command.quiet) return caravan::ProgressMode::kOff;
  if (::isatty(STDERR_FILENO)) return caravan::ProgressMode::kTerminal;
  return command.progress_interval.count() > 0 ? caravan::ProgressMode::kPlain : caravan::ProgressMode::kOff;
}

// The command's config, telling through report when it has to wait for the lock.
caravan::BuildConfig reporting_config(const Command& command, caravan::RunReport& report) {
  caravan::BuildConfig config = command.config;
  if (!command.quiet) config.lock.on_wait = [&report](const std::string& message) { report.note(message); };
  return config;
}

void print_totals(std::size_t documents, std::size_t files, std::uint64_t bytes, double seconds) {
  std::fprintf(stderr, "caravan-indexer: %zu documents indexed from %zu files (%s) in %.2f s (%.0f docs/s)\n", documents,
               files, caravan::size_text(bytes).c_str(), seconds, documents / std::max(seconds, 1e-9));
}

// One line for the URLs among the inputs, when there were any.
void print_crawl_counts(const caravan::CrawlCounts& crawl) {
  if (crawl.urls == 0) return;
  std::fprintf(stderr, "caravan-indexer: %zu URLs: %zu fetched, %zu unchanged (304), %zu failed\n", crawl.urls,
               crawl.fetched, crawl.not_modified, crawl.failed);
}

int run_build(const Command& command) {
  caravan::ProgressBar progress(stderr, progress_mode(command), command.progress_interval);
  caravan::RunReport report(progress, command.quiet);
  const auto config = reporting_config(command, report);
  const auto summary = caravan::build_index(config, report);
  progress.finish();
  print_totals(summary.indexed, summary.files, summary.bytes, summary.seconds);
  std::fprintf(stderr, "caravan-indexer: %s\n", report.summary(summary.changes).c_str());
  print_crawl_counts(summary.crawl);
  if (!summary.published) {
    std::fprintf(stderr, "caravan-indexer: not published (%s); %s left unchanged\n", summary.failure.c_str(), config.live_path.c_str());
    return 1;
  }
  std::fprintf(stderr, "caravan-indexer: %s -> %s\n", config.live_path.c_str(), summary.generation.filename().c_str());
  return 0;
}

int run_update(const Command& command) {
  caravan::ProgressBar progress(stderr, progress_mode(command), command.progress_interval);
  caravan::RunReport report(progress, command.quiet);
  const auto summary = caravan::update_index(reporting_config(command, report), report);
  progress.finish();
  print_totals(summary.indexed, summary.files, summary.bytes, summary.seconds);
  std::fprintf(stderr, "caravan-indexer: %s%s\n", report.summary(summary.changes).c_str(),
               summary.committed ? "" : "; --strict: nothing changed");
  print_crawl_counts(summary.crawl);
  return summary.committed ? 0 : 1;
}

int run_delete(const Command& command) {
  caravan::ProgressBar progress(stderr, caravan::ProgressMode::kOff);
  caravan::RunReport report(progress, false);
  const auto config = reporting_config(command, report);
  const auto missing = caravan::delete_documents(config.live_path, config.inputs, config.lock);
  for (const auto& id : missing) report.problem({"caravan-indexer", "no document with id '" + id + "'", true, "not_found"});
  std::fprintf(stderr, "caravan-indexer: %s\n", report.summary({.deleted = config.inputs.size() - missing.size()}).c_str());
  return 0;
}

int run_rollback(const Command& command) {
  const auto& live = command.config.live_path;
  caravan::ProgressBar progress(stderr, caravan::ProgressMode::kOff);
  caravan::RunReport report(progress, command.quiet);
  const auto summary = caravan::rollback_index(live, reporting_config(command, report).lock);
  if (!summary.rolled_back) {
    std::fprintf(stderr, "caravan-indexer: cannot roll back: %s; %s still serves %s\n", summary.failure.c_str(), live.c_str(),
                 summary.from.c_str());
    return 1;
  }
  std::fprintf(stderr, "caravan-indexer: %s -> %s (%u documents; was %s)\n", live.c_str(), summary.to.c_str(),
               summary.documents, summary.from.c_str());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "--version") {
    std::printf("caravan-indexer %s (Xapian %s)\n", CARAVAN_VERSION, Xapian::version_string());
    return 0;
  }
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    show_help(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string name = argv[1];
  if (name != "build" && name != "update" && name != "delete" && name != "rollback")
    return usage_error("unknown command '" + name + "' (expected: build, update, delete, rollback)");
  Command command;
  std::string error;
  if (!parse_command(argc - 1, argv + 1, name != "rollback", command, error)) return usage_error(error);
  if (command.help) {
    show_help(stdout);
    return 0;
  }
  try {
    if (name == "build") return run_build(command);
    if (name == "update") return run_update(command);
    if (name == "rollback") return run_rollback(command);
    return run_delete(command);
  } catch (const std::exception& failure) {
    std::fprintf(stderr, "caravan-indexer: %s\n", failure.what());
  } catch (const Xapian::Error& failure) {
    std::fprintf(stderr, "caravan-indexer: %s\n", failure.get_description().c_str());
  }
  return 2;
}
