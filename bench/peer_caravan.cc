// caravan-bench-peer-caravan: the peer benchmark's client of a running caravan-searchd (HTTP, keep-alive).
// Flags: --port PORT [--params "&snippets=0&relax=0&spell=0"] plus those of peer_driver.h.
#include <httplib.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "bench/peer_driver.h"

namespace {

class CaravanEngine : public caravan::bench::Engine {
 public:
  CaravanEngine(int port, std::string params) : client_("127.0.0.1", port), params_(std::move(params)) {
    client_.set_tcp_nodelay(true);
    client_.set_keep_alive(true);
    client_.set_read_timeout(60);
  }

  caravan::bench::Answer ask(const std::string& words) override {
    const std::string path = "/api/search?q=" + httplib::detail::encode_query_param(words) + params_;
    auto response = client_.Get(path);
    if (!response) throw std::runtime_error("no answer for " + path + ": " + httplib::to_string(response.error()));
    if (response->status != 200) throw std::runtime_error("status " + std::to_string(response->status) + " for " + path);
    const auto body = nlohmann::json::parse(response->body);
    caravan::bench::Answer answer;
    answer.total = body.value("total", 0L);
    for (const auto& [facet, values] : body["facets"].items())
      for (const auto& value : values) answer.facets[facet][value["value"].get<std::string>()] = value["count"].get<long>();
    return answer;
  }

 private:
  httplib::Client client_;
  std::string params_;
};

}  // namespace

int main(int argc, char** argv) {
  return caravan::bench::run_driver(argc, argv, [](const std::map<std::string, std::string>& options) {
    const int port = std::stoi(options.at("port"));
    const std::string params = options.count("params") ? options.at("params") : "";
    return caravan::bench::EngineFactory([port, params] { return std::make_unique<CaravanEngine>(port, params); });
  });
}
