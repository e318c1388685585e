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
#include <vector>

#include "core/data_paths.h"
#include "indexer/index_builder.h"
#include "indexer/index_updater.h"

namespace {

std::string env_or(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

// Beside an installed binary (PREFIX/share/caravan/...), else the source tree's.
std::string default_gazetteers() { return caravan::default_data_dir("gazetteers", CARAVAN_DEFAULT_GAZETTEERS); }
std::string default_stopwords() { return caravan::default_data_dir("stopwords", CARAVAN_DEFAULT_STOPWORDS); }

void show_help(std::FILE* out) {
  const caravan::RecordLimits defaults;
  std::fprintf(out,
      "Usage: caravan-indexer build  --out INDEX [OPTION]... INPUT...\n"
      "       caravan-indexer update --out INDEX [OPTION]... INPUT...\n"
      "       caravan-indexer delete --out INDEX ID...\n"
      "       caravan-indexer rollback --out INDEX\n"
      "       caravan-indexer --version\n"
      "build:  read INPUT files or directories (JSON Lines, HTML pages, RSS/Atom feeds, the\n"
      "        portal's listing dump; .gz is read too) into a new index beside INDEX, then switch\n"
      "        INDEX to it atomically. searchd keeps serving the old one until then.\n"
      "update: add or replace the items of INPUT (by id) in the live index, in one transaction.\n"
      "delete: remove the items with these ids from the live index, in one transaction.\n"
      "rollback: point INDEX back at the generation the last build kept, atomically; updates and\n"
      "        deletes made since that build are not in it. Exit status 1 when none is kept.\n"
      "\n"
      "  -o, --out INDEX        the live index path (a symlink the indexer manages)\n"
      "      --gazetteers DIR   countries.tsv and organizations.tsv (env CARAVAN_GAZETTEERS;\n"
      "                         default %s)\n"
      "      --stopwords DIR    <lang>.txt stopword lists (env CARAVAN_STOPWORDS; default %s)\n"
      "      --add-extracted    add extracted countries/organizations to those the input gives\n"
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
      "      --shards N         build: spread the items over N shard databases by a hash of their\n"
      "                         id, one writer thread each, tied by a stub file (default 1: one\n"
      "                         database); update and delete route each id to its shard\n"
      "  -q, --quiet            no progress line and no per-record problems, only the summary\n"
      "  -h, --help             this help\n"
      "      --version          the versions of caravan-indexer and Xapian\n"
      "\n"
      "Bad records are reported as file:line: reason, skipped and counted.\n"
      "Exit status: 0 done, 1 nothing changed (nothing indexed, or --strict), 2 usage or I/O error\n"
      "or INDEX still locked after --lock-timeout (nothing changed either).\n",
      default_gazetteers().c_str(), default_stopwords().c_str(), defaults.max_body_bytes, defaults.max_title_bytes,
      defaults.max_record_bytes, static_cast<long long>(caravan::LockWait{}.timeout.count()));
}

enum Option { kGazetteers = 256, kStopwords, kAddExtracted, kStrict, kMaxBodyBytes, kMaxRecordBytes, kLockTimeout, kShards };

const option longopts[] = {
    {"out", required_argument, nullptr, 'o'},
    {"gazetteers", required_argument, nullptr, kGazetteers},
    {"stopwords", required_argument, nullptr, kStopwords},
    {"add-extracted", no_argument, nullptr, kAddExtracted},
    {"strict", no_argument, nullptr, kStrict},
    {"max-body-bytes", required_argument, nullptr, kMaxBodyBytes},
    {"max-record-bytes", required_argument, nullptr, kMaxRecordBytes},
    {"lock-timeout", required_argument, nullptr, kLockTimeout},
    {"shards", required_argument, nullptr, kShards},
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

struct Command {
  caravan::BuildConfig config;
  bool quiet = false;
  bool help = false;
};

// Parses the options shared by every command; the remaining arguments are the inputs (or ids).
bool parse_command(int argc, char** argv, bool takes_inputs, Command& command, std::string& error) {
  auto& config = command.config;
  config.gazetteers_dir = env_or("CARAVAN_GAZETTEERS", default_gazetteers());
  config.stopwords_dir = env_or("CARAVAN_STOPWORDS", default_stopwords());
  int c;
  while ((c = getopt_long(argc, argv, "o:qh", longopts, nullptr)) != -1) {
    switch (c) {
      case 'o': config.live_path = optarg; break;
      case kGazetteers: config.gazetteers_dir = optarg; break;
      case kStopwords: config.stopwords_dir = optarg; break;
      case kAddExtracted: config.options.add_extracted = true; break;
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
      case kShards: {
        unsigned long long shards = 0;
        if (!parse_count(optarg, shards) || shards == 0 || shards > 256) {
          error = std::string("--shards wants a number from 1 to 256, not '") + optarg + "'";
          return false;
        }
        config.shards = static_cast<unsigned>(shards);
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
  config.progress = !command.quiet && ::isatty(STDERR_FILENO);
  if (!command.quiet)
    config.lock.on_wait = [](const std::string& message) { std::fprintf(stderr, "caravan-indexer: %s\n", message.c_str()); };
  return true;
}

auto problem_printer(bool quiet) {
  return [quiet](const caravan::ReadProblem& problem) {
    if (!quiet) std::fprintf(stderr, "%s: %s%s\n", problem.where.c_str(), problem.skipped ? "" : "warning: ", problem.reason.c_str());
  };
}

int run_build(const Command& command) {
  const auto& config = command.config;
  const auto summary = caravan::build_index(config, problem_printer(command.quiet));
  std::fprintf(stderr, "caravan-indexer: %zu documents indexed from %zu files in %.2f s (%.0f docs/s); %zu records skipped, %zu warnings\n",
               summary.indexed, summary.files, summary.seconds, summary.indexed / std::max(summary.seconds, 1e-9),
               summary.skipped, summary.warnings);
  if (!summary.published) {
    std::fprintf(stderr, "caravan-indexer: not published (%s); %s left unchanged\n", summary.failure.c_str(), config.live_path.c_str());
    return 1;
  }
  std::fprintf(stderr, "caravan-indexer: %s -> %s\n", config.live_path.c_str(), summary.generation.filename().c_str());
  return 0;
}

int run_update(const Command& command) {
  const auto summary = caravan::update_index(command.config, problem_printer(command.quiet));
  std::fprintf(stderr, "caravan-indexer: %zu documents added or replaced from %zu files in %.2f s; %zu records skipped, %zu warnings%s\n",
               summary.replaced, summary.files, summary.seconds, summary.skipped, summary.warnings,
               summary.committed ? "" : "; --strict: nothing changed");
  return summary.committed ? 0 : 1;
}

int run_delete(const Command& command) {
  const auto& ids = command.config.inputs;
  const auto missing = caravan::delete_documents(command.config.live_path, ids, command.config.lock);
  for (const auto& id : missing) std::fprintf(stderr, "caravan-indexer: no document with id '%s'\n", id.c_str());
  std::fprintf(stderr, "caravan-indexer: %zu documents deleted\n", ids.size() - missing.size());
  return 0;
}

int run_rollback(const Command& command) {
  const auto& live = command.config.live_path;
  const auto summary = caravan::rollback_index(live, command.config.lock);
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
