// caravan-indexer: builds the Caravan search index from news files.
#include <getopt.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/index_builder.h"

namespace {

const char* env_or(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value && *value ? value : fallback;
}

void show_help(std::FILE* out) {
  std::fprintf(out,
      "Usage: caravan-indexer build --out INDEX [OPTION]... INPUT...\n"
      "Build a new Caravan index from INPUT files or directories (JSON Lines, the portal's\n"
      "listing dump; .gz is read too) beside INDEX, then switch INDEX to it atomically.\n"
      "\n"
      "  -o, --out INDEX        the live index path (a symlink the indexer manages)\n"
      "      --gazetteers DIR   countries.tsv and organizations.tsv (env CARAVAN_GAZETTEERS;\n"
      "                         default %s)\n"
      "      --stopwords DIR    <lang>.txt stopword lists (env CARAVAN_STOPWORDS; default %s)\n"
      "      --add-extracted    add extracted countries/organizations to those the input gives\n"
      "      --strict           fail (exit 1, live index untouched) if any record is skipped\n"
      "  -q, --quiet            no progress line and no per-record problems, only the summary\n"
      "  -h, --help             this help\n"
      "\n"
      "Bad records are reported as file:line: reason, skipped and counted.\n"
      "Exit status: 0 published, 1 not published (nothing indexed, or --strict), 2 usage or I/O error.\n",
      CARAVAN_DEFAULT_GAZETTEERS, CARAVAN_DEFAULT_STOPWORDS);
}

enum Option { kGazetteers = 256, kStopwords, kAddExtracted, kStrict };

const option longopts[] = {
    {"out", required_argument, nullptr, 'o'},
    {"gazetteers", required_argument, nullptr, kGazetteers},
    {"stopwords", required_argument, nullptr, kStopwords},
    {"add-extracted", no_argument, nullptr, kAddExtracted},
    {"strict", no_argument, nullptr, kStrict},
    {"quiet", no_argument, nullptr, 'q'},
    {"help", no_argument, nullptr, 'h'},
    {nullptr, 0, nullptr, 0},
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "caravan-indexer: %s\nTry 'caravan-indexer --help'.\n", message.c_str());
  return 2;
}

int run_build(int argc, char** argv) {
  caravan::BuildConfig config;
  config.gazetteers_dir = env_or("CARAVAN_GAZETTEERS", CARAVAN_DEFAULT_GAZETTEERS);
  config.stopwords_dir = env_or("CARAVAN_STOPWORDS", CARAVAN_DEFAULT_STOPWORDS);
  bool quiet = false;
  int c;
  while ((c = getopt_long(argc, argv, "o:qh", longopts, nullptr)) != -1) {
    switch (c) {
      case 'o': config.live_path = optarg; break;
      case kGazetteers: config.gazetteers_dir = optarg; break;
      case kStopwords: config.stopwords_dir = optarg; break;
      case kAddExtracted: config.options.add_extracted = true; break;
      case kStrict: config.strict = true; break;
      case 'q': quiet = true; break;
      case 'h': show_help(stdout); return 0;
      default: return usage_error("unknown option");
    }
  }
  if (config.live_path.empty()) return usage_error("--out INDEX is required");
  for (int i = optind; i < argc; ++i) config.inputs.emplace_back(argv[i]);
  if (config.inputs.empty()) return usage_error("no INPUT given");
  config.progress = !quiet && ::isatty(STDERR_FILENO);
  try {
    const auto summary = caravan::build_index(config, [quiet](const caravan::ReadProblem& problem) {
      if (!quiet) std::fprintf(stderr, "%s: %s%s\n", problem.where.c_str(), problem.skipped ? "" : "warning: ", problem.reason.c_str());
    });
    std::fprintf(stderr, "caravan-indexer: %zu documents indexed from %zu files in %.2f s (%.0f docs/s); %zu records skipped, %zu warnings\n",
                 summary.indexed, summary.files, summary.seconds, summary.indexed / std::max(summary.seconds, 1e-9),
                 summary.skipped, summary.warnings);
    if (!summary.published) {
      std::fprintf(stderr, "caravan-indexer: not published (%s); %s left unchanged\n", summary.failure.c_str(), config.live_path.c_str());
      return 1;
    }
    std::fprintf(stderr, "caravan-indexer: %s -> %s\n", config.live_path.c_str(), summary.generation.filename().c_str());
    return 0;
  } catch (const std::exception& error) {
    std::fprintf(stderr, "caravan-indexer: %s\n", error.what());
    return 2;
  } catch (const Xapian::Error& error) {
    std::fprintf(stderr, "caravan-indexer: %s\n", error.get_description().c_str());
    return 2;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    show_help(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  const std::string command = argv[1];
  if (command == "build") return run_build(argc - 1, argv + 1);
  return usage_error("unknown command '" + command + "' (expected: build)");
}
