// `apply rebuild(seed = s)` (runtime/protocol/rebuild_network.h): a fresh network with the
// current parameters and seed s, empty monitors, the clock at 0; refused when sizes change.
#include "tests/unit/runtime/run_helpers.h"

#include <string>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;

namespace {

/// Random connections, random initial values and noise, so every part depends on the seed.
std::string noisy_network(const std::string& protocol) {
    return R"(
param dt = 0.1 ms
group G(50) {
  equations { dv/dt = (1.2 - v) / (10 * ms) + 0.3 * xi / sqrt(ms) : 1 }
  threshold: v > 1
  reset: v = 0
  init: v = rand()
}
synapses S(G -> G) {
  equations { w : 1 }
  on_pre: v_post += w
  connect: p = 0.2
  init: w = 0.05 * rand()
}
monitor sp = spikes(G)
)" + protocol + "\n";
}

}  // namespace

TEST_CASE("rebuild: the network after rebuild(seed = 7) is the one seed 7 builds") {
    RunOptions seed1, seed7;
    seed1.seed = 1;
    seed7.seed = 7;
    auto rebuilt = run_ok(noisy_network("run 20 ms\napply rebuild(seed = 7)\nrun 20 ms"), seed1);
    auto direct = run_ok(noisy_network("run 20 ms"), seed7);
    auto other = run_ok(noisy_network("run 20 ms"), seed1);
    CHECK(rebuilt.array("S.w") == direct.array("S.w"));
    CHECK(rebuilt.array("G.v") == direct.array("G.v"));
    CHECK(rebuilt.time_s == doctest::Approx(direct.time_s));
    // the monitors hold only what came after the rebuild
    CHECK(rebuilt.values("sp_t.npy") == direct.values("sp_t.npy"));
    CHECK(rebuilt.array("G.v") != other.array("G.v"));
}

TEST_CASE("rebuild: derived values follow the parameters set before it") {
    auto r = run_ok(R"(
param a = 1
let b = 2 * a
group G(2) {
  equations { v : 1 }
  init: v = b
}
set a = 3
apply rebuild(seed = 1)
)");
    CHECK(r.array("G.v") == std::vector<double>{6.0, 6.0});
}

TEST_CASE("rebuild: parameters that change a group's size stop the protocol with a clear message") {
    auto r = run_model_text(R"(
param n = 4
let half = n // 2
group G(n) { equations { v : 1 } }
group H = G[0:half]
set n = 6
apply rebuild(seed = 1)
)");
    REQUIRE(r.built);
    CHECK_FALSE(r.outcome.complete);
    CHECK(r.outcome.error.find("group 'G' would have 6 elements") != std::string::npos);
    CHECK(r.outcome.error.find("separate runs") != std::string::npos);
}
