// Synapse clauses: the runtime carries them out (N, order) or refuses them with their location,
// never ignores them.
#include "tests/unit/runtime/run_helpers.h"

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

std::string with_clause(const std::string& clause) {
    return "param dt = 0.1 ms\n"
           "neuron N { equations { v : 1 } }\n"
           "group A = N(4)\n"
           "synapses S(A -> A) {\n"
           "  on_pre: v_post += 1\n"
           "  " + clause + "\n"
           "  connect: all\n"
           "}\n"
           "run 1 ms\n";
}

}  // namespace

TEST_CASE("synapse clauses: N is the number of synapses once connected") {
    auto r = run_ok(R"(
param dt = 0.1 ms
neuron Cell { equations { v : 1 } }
group A = Cell(4)
synapses S(A -> A) {
  equations { w : 1 }
  connect: i != j
  init: w = 1 / N
}
run 0.1 ms
)");
    CHECK(r.array("S.w") == std::vector<double>(12, 1.0 / 12));
}

TEST_CASE("synapse clauses: what runs and what is refused") {
    run_ok(with_clause("order: same_step"));  // what the runtime does anyway
    run_ok(with_clause("order: next_step"));
    run_ok(with_clause("delay: 1 ms"));
    for (const char* clause : {"delay fast: 1 ms", "on_event spike: v_post += 1", "dt: 1 ms"}) {
        CAPTURE(clause);
        auto r = run_model_text(with_clause(clause));
        CHECK_FALSE(r.built);
        CHECK(r.diagnostics.find("test.nj:6:") != std::string::npos);
        CHECK(r.diagnostics.find("is not supported by 'neurojit run' yet") != std::string::npos);
    }
}

TEST_CASE("synapse clauses: order next_step delivers a spike one step later than same_step") {
    // Src spikes at step 0; Dst.w integrates the delivered v: same_step is seen by Dst's update
    // of step 1, next_step by that of step 2; with a 2 ms delay both move by two steps
    auto model = [](const std::string& clauses) {
        return R"(
param dt = 1 ms
group Src(1) {
  equations { dz/dt = 0 / ms : 1 }
  threshold: t < 0.5 * ms
}
group Dst(1) {
  equations {
    v : 1
    dw/dt = v / ms : 1
  }
  method: euler
}
synapses S(Src -> Dst) {
  connect: all
  on_pre: v_post += 1
  )" + clauses + R"(
}
monitor m = state(Dst, w)
run 6 ms
)";
    };
    CHECK(run_ok(model("order: same_step")).values("m_w.npy") == std::vector<double>{0, 0, 1, 2, 3, 4});
    CHECK(run_ok(model("order: next_step")).values("m_w.npy") == std::vector<double>{0, 0, 0, 1, 2, 3});
    CHECK(run_ok(model("order: next_step\n  delay: 2 ms")).values("m_w.npy") == std::vector<double>{0, 0, 0, 0, 0, 1});
}
