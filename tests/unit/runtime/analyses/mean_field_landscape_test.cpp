// Tests for the reduced mean-field landscape and classify_active_clusters
// (mean_field_landscape.h) against the original's 30x30 2-cluster landscape (§8.5, §11.3) and
// splits worked out by hand.
#include "runtime/analyses/mean_field_landscape.h"

#include "tests/unit/runtime/analyses/mean_field_cases.h"

#include <doctest/doctest.h>

#include <cmath>
#include <map>

using nj::rt::classify_active_clusters;
using nj::rt::lif_mean_field;
using nj::rt::MeanFieldOptions;
using nj::rt::NamedArray;

TEST_CASE("lif_landscape: the 2-cluster landscape on 0:2:60 matches the original's arrays") {
    MeanFieldOptions o;
    o.starts = 0;
    o.landscape = true;
    o.grid_step = 2.0;
    const auto r = lif_mean_field(nj::test::two_cluster_input(), o);
    REQUIRE(r.error.empty());
    std::map<std::string, const NamedArray*> arrays;
    for (const NamedArray& a : r.arrays) arrays[a.name] = &a;
    REQUIRE(arrays.count("landscape_force"));
    const NamedArray& force = *arrays["landscape_force"];
    REQUIRE(force.shape == std::vector<size_t>{30, 30, 2});
    CHECK(r.summary["landscape"]["non_converged"] == 0);
    // reference_runs/clustered_lif/mf_reduced_2cluster.npz. The sub-solves converge to 1e-12,
    // so F agrees to ~1e-10; 1e-7 absolute is margin.
    const auto f = [&](size_t i, size_t j, size_t c) { return force.values[2 * (i * 30 + j) + c]; };
    CHECK(f(0, 0, 0) == doctest::Approx(4.855386979100934).epsilon(1e-8));
    CHECK(f(11, 11, 1) == doctest::Approx(-0.040170365866540436).epsilon(1e-6));
    CHECK(f(25, 1, 0) == doctest::Approx(0.3771102986670556).epsilon(1e-7));
    CHECK(f(25, 1, 1) == doctest::Approx(0.4165538526300687).epsilon(1e-7));
    CHECK(f(5, 20, 0) == doctest::Approx(-1.8855109208952712).epsilon(1e-7));
    CHECK(f(5, 20, 1) == doctest::Approx(0.7916900844779775).epsilon(1e-7));
    CHECK(f(29, 29, 0) == doctest::Approx(-18.34173046162313).epsilon(1e-8));
    // Path rows (grid index of nu_1 for each nu_2 column) and the potential along it.
    const size_t rows[30] = {27, 26, 24, 22, 20, 17, 14, 13, 12, 12, 11, 11, 10, 10, 9,
                             8,  7,  6,  5,  4,  3,  3,  2,  2,  2,  1,  1,  1,  1,  1};
    const NamedArray& path = *arrays["landscape_path"];
    for (size_t j = 0; j < 30; ++j) {
        CHECK(path.values[2 * j] == 2.0 * rows[j]);
        CHECK(path.values[2 * j + 1] == 2.0 * j);
    }
    const NamedArray& potential = *arrays["landscape_potential"];
    const NamedArray& displacement = *arrays["landscape_displacement"];
    REQUIRE(potential.values.size() == 29);
    CHECK(potential.values[0] == doctest::Approx(-0.784271).epsilon(1e-5));
    CHECK(potential.values[10] == doctest::Approx(43.507255).epsilon(1e-6));
    CHECK(potential.values[28] == doctest::Approx(10.968628).epsilon(1e-6));
    CHECK(displacement.values[28] == doctest::Approx(85.663498).epsilon(1e-7));
    // Barrier at the symmetric point (22, 22) on this grid, U = 43.507 (index 10 -> point 11).
    const nlohmann::json& barriers = r.summary["landscape"]["barriers"];
    REQUIRE(!barriers.empty());
    CHECK(double(barriers[0]["potential"]) == doctest::Approx(43.507255).epsilon(1e-6));
    CHECK(barriers[0]["rates_hz"] == nlohmann::json({22.0, 22.0}));
}

TEST_CASE("classify_active_clusters: pools by relative difference, split at the pool mean") {
    // (50, 2): d_1 = 48/50 = 0.96 < 2 -> 50 uniform; d_2 = 24 > 2 -> 2 non-uniform.
    // (20, 20): both d = 0 -> uniform. (1, 40): d_1 = 39 -> 1 non-uniform; d_2 = 0.975 -> 40
    // uniform. Non-uniform pool {2, 1}, mean 1.5: active {2}, inactive {1}.
    const auto m = classify_active_clusters({{50, 2}, {20, 20}, {1, 40}}, 2.0);
    CHECK(m.active == 2.0);
    CHECK(m.inactive == 1.0);
    CHECK(m.uniform == doctest::Approx((50.0 + 20 + 20 + 40) / 4));
    // No non-uniform entry: the uniform mean three times.
    const auto u = classify_active_clusters({{10, 11}}, 2.0);
    CHECK(u.active == 10.5);
    CHECK(u.inactive == 10.5);
    // A silent cluster (r_c = 0) divides to inf: non-uniform, as numpy does.
    const auto z = classify_active_clusters({{0, 30}, {30, 0}}, 0.1);
    CHECK(z.inactive == 0.0);
    CHECK(std::isnan(z.active) == false);
}
