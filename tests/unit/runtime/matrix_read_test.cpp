// Matrix reads of another synapses object's variable, S.var[pre, post] (lower_matrix_read.h):
// values by pair, 0 for absent pairs, reads in init:, multapses, rebuild and the refusals.
#include "tests/unit/runtime/run_helpers.h"

#include <string>

using nj::rt::testing::run_model_text;
using nj::rt::testing::run_ok;

namespace {

/// Fw: A(2) -> B(3) without the pairs (0, 0) and (1, 1), w = 10 i + j + 1. Bw: B -> A, all pairs,
/// reads Fw transposed in its init (w0) and in a subexpression summed onto A each step.
std::string transposed(const std::string& protocol) {
    return R"(
param dt = 0.1 ms
group A(2) { equations { x : 1 } }
group B(3) { equations { y : 1 } }
synapses Fw(A -> B) {
  equations { w : 1 }
  connect: i != j
  init: w = 10 * i + j + 1
}
synapses Bw(B -> A) {
  equations {
    w0 : 1
    far : 1
    wt = Fw.w[j, i] : 1
    x_post = wt : 1 (summed)
  }
  connect: all
  init: w0 = Fw.w[j, i]; far = Fw.w[j + 2, i] + Fw.w[-1, i] + Fw.w[j, i + 3]
}
)" + protocol +
           "\n";
}

}  // namespace

TEST_CASE(
    "lower_matrix_read: a synapse reads another object's weight transposed, 0 where there is "
    "none") {
    auto r = run_ok(transposed("run 0.2 ms"));
    // Bw's synapse s = b * 2 + a reads Fw.w[a, b] = 10 a + b + 1, or 0 for the absent a == b
    CHECK(r.array("Bw.w0") == std::vector<double>{0, 11, 2, 0, 3, 13});
    // pairs outside Fw's groups have no synapse either
    CHECK(r.array("Bw.far") == std::vector<double>(6, 0.0));
    // x[a] = sum over b of Fw.w[a, b]
    CHECK(r.array("A.x") == std::vector<double>{5, 24});
}

TEST_CASE("lower_matrix_read: reads follow the other object's current values") {
    auto r = run_ok(R"(
param dt = 1 ms
group A(2) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { dw/dt = 1 / second : 1 (clock-driven) }
  connect: i != j
  method: euler
}
synapses Bw(A -> A) {
  equations { x_post = Fw.w[j, i] : 1 (summed) }
  connect: i != j
}
run 5 ms
)");
    // the summed values see w at the start of the last step: 4 ms of growth
    CHECK(r.array("Fw.w")[0] == doctest::Approx(0.005));
    CHECK(r.array("A.x")[0] == doctest::Approx(0.004));
    CHECK(r.array("A.x")[1] == doctest::Approx(0.004));
}

TEST_CASE("lower_matrix_read: a pair connected twice reads its first synapse") {
    auto r = run_ok(R"(
param dt = 0.1 ms
group A(2) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { w : 1 }
  connect: i = [1, 0, 0], j = [0, 1, 1]
  init: w = rand()
}
synapses Bw(A -> A) {
  equations { w : 1 }
  connect: i = 1, j = 0
  init: w = Fw.w[0, 1]
}
)");
    const auto& w = r.array("Fw.w");
    REQUIRE(w.size() == 3);
    CHECK(w[1] != w[2]);
    CHECK(r.array("Bw.w") == std::vector<double>{w[1]});
}

TEST_CASE("lower_matrix_read: an object without synapses reads 0") {
    auto r = run_ok(R"(
param dt = 0.1 ms
group A(3) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { w : 1 }
  connect: i > 5
  init: w = 1
}
synapses Bw(A -> A) {
  equations { w : 1 }
  connect: all
  init: w = 1 + Fw.w[j, i]
}
run 0.1 ms
)");
    CHECK(r.array("Bw.w") == std::vector<double>(9, 1.0));
}

TEST_CASE("lower_matrix_read: a rebuild with new connections fills the pair table anew") {
    auto random_pairs = [](const std::string& protocol) {
        return run_ok(R"(
param dt = 0.1 ms
group A(4) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { w : 1 }
  connect: p = 0.5
  init: w = 1 + i + 10 * j
}
synapses Bw(A -> A) {
  equations { w : 1 }
  connect: all
  init: w = Fw.w[j, i]
}
)" + protocol + "\n");
    };
    for (const auto& r :
         {random_pairs("run 0.1 ms"), random_pairs("apply rebuild(seed = 9)\nrun 0.1 ms")}) {
        // Bw holds the transposed weights of Fw's pairs, 0 elsewhere
        const auto& pre = r.array("Fw.pre");
        const auto& post = r.array("Fw.post");
        const auto& w = r.array("Fw.w");
        std::vector<double> expected(16, 0.0);
        for (size_t s = 0; s < w.size(); ++s)
            expected[static_cast<size_t>(post[s] * 4 + pre[s])] = w[s];
        CHECK(r.array("Bw.w") == expected);
    }
    CHECK(random_pairs("run 0.1 ms").array("Fw.pre") !=
          random_pairs("apply rebuild(seed = 9)").array("Fw.pre"));
}

TEST_CASE("lower_matrix_read: a connect rule cannot read the synapses it makes") {
    // objects must be declared before code names them, so every other object is connected earlier
    auto r = run_model_text(R"(
group A(2) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { w : 1 }
  connect: Fw.w[j, i] == 0
}
)");
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("the connect rule of 'Fw' cannot read 'Fw' as a matrix: it runs "
                             "before 'Fw' is connected") != std::string::npos);
    CHECK(r.diagnostics.find("a connect rule cannot read the synapses it is making") !=
          std::string::npos);
}

TEST_CASE("lower_matrix_read: a pair table larger than the limit is refused") {
    auto big = run_model_text(R"(
group A(10000) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { w : 1 }
  connect: i == j
}
synapses Bw(A -> A) {
  equations { w : 1 }
  connect: i == j
  init: w = Fw.w[i, j]
}
)");
    CHECK_FALSE(big.built);
    CHECK(big.diagnostics.find(
              "10000 x 10000 = 1e+08 (pre, post) pairs, more than the limit of 5e+07") !=
          std::string::npos);
}

TEST_CASE("lower_matrix_read: a clock-driven update reading another object's variable sees its start-of-step value") {
    // Tie relaxes to Fw's weight with time constant dt: under forward Euler tie(n+1) = w(n), the
    // weight one update behind, although Fw (declared first) is advanced before it would be in
    // declaration order. Fw grows by 1 ms/s per step.
    auto r = run_ok(R"(
param dt = 1 ms
group A(2) { equations { x : 1 } }
synapses Fw(A -> A) {
  equations { dw/dt = 1 / second : 1 (clock-driven) }
  connect: i != j
  method: euler
}
synapses Tie(A -> A) {
  equations { dtie/dt = (Fw.w[i, j] - tie) / dt : 1 (clock-driven) }
  connect: i != j
  method: euler
}
run 5 ms
)");
    CHECK(r.array("Fw.w")[0] == doctest::Approx(0.005));
    CHECK(r.array("Tie.tie")[0] == doctest::Approx(0.004));
    CHECK(r.array("Tie.tie")[1] == doctest::Approx(0.004));
}
