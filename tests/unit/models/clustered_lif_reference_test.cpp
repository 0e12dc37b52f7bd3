// The clustered LIF model's connectivity against the original code's reference run
// (../shared/reference_runs/clustered_lif/snn_reference.json): weights per population pair and
// in-degrees per block. Skipped, with the reason, when the reference runs are not beside the
// project.
#include "tests/unit/runtime/run_helpers.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <cmath>
#include <map>
#include <sstream>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

TEST_CASE("models: clustered LIF weights equal the original's J[post population][pre population] / tau_s") {
    const std::string reference = std::string(NJ_SOURCE_DIR) + "/../shared/reference_runs/clustered_lif/snn_reference.json";
    if (!std::filesystem::exists(reference)) {
        MESSAGE("skipped: " << reference << " is not there");
        return;
    }
    nlohmann::json ref = nlohmann::json::parse(std::ifstream(reference));
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/models/clustered_lif.nj");
    std::stringstream text;
    text << in.rdbuf();
    RunOptions options;
    options.overrides = {{"duration", "1 ms"}};
    auto r = run_ok(text.str(), options);
    const auto& w = r.array("Rec.w");
    const auto& pre = r.array("Rec.pre");
    const auto& post = r.array("Rec.post");
    const auto& pop = r.array("Net.pop");
    // The model stores J / tau_s of the target (what a spike adds to I), so J = w tau_s.
    const auto& tau_syn = r.array("Net.tau_syn");
    const auto& j_ref = ref["j_mat_38x38_post_pre"];
    size_t mismatches = 0;
    // (post population, pre population) -> nonzero inputs summed over that post population's neurons
    std::map<std::pair<int, int>, double> inputs, drawn;
    for (size_t s = 0; s < w.size(); ++s) {
        auto a = static_cast<int>(pop[static_cast<size_t>(post[s])]);
        auto b = static_cast<int>(pop[static_cast<size_t>(pre[s])]);
        drawn[{a, b}] += 1;
        if (pre[s] == post[s]) {
            CHECK(w[s] == 0.0);  // the diagonal is zeroed after drawing (spec 3.3)
            continue;
        }
        double expected = j_ref[static_cast<size_t>(a)][static_cast<size_t>(b)].get<double>();
        double j = w[s] * tau_syn[static_cast<size_t>(post[s])];
        if (std::abs(j - expected) > 1e-12 * std::abs(expected)) ++mismatches;
        inputs[{a, b}] += 1;
    }
    CHECK(mismatches == 0);
    // In-degrees: every neuron of A draws exactly K = floor(p |B|) partners from B; within its own
    // population a neuron draws itself with probability K / |A| and loses that input, so the
    // mean nonzero in-degree is K (1 - 1/|A|) with SD sqrt(q (1 - q) / |A|), q = K / |A|, over the
    // block's neurons. Ours and the original's (a sample too) must both lie within 5 SDs.
    std::map<int, double> size;
    for (double p : pop) size[static_cast<int>(p)] += 1;
    for (const auto& [key, sample] : ref["indegree_samples"].items()) {
        int a = std::stoi(key.substr(0, key.find('<')));
        int b = std::stoi(key.substr(key.find('-') + 1));
        double k = drawn[{a, b}] / size[a];
        CHECK(k == std::floor(k));
        double q = a == b ? k / size[a] : 0.0;
        double expected = k - q, sd = std::sqrt(q * (1 - q) / size[a]);
        double ours = inputs[{a, b}] / size[a], original = sample["mean_indeg"].get<double>();
        INFO("block ", key, ": K ", k, ", ours ", ours, ", original ", original, ", expected ", expected, " ± ", sd);
        CHECK(std::abs(ours - expected) <= 5 * sd + 1e-12);
        CHECK(std::abs(original - expected) <= 5 * sd + 1e-12);
    }
}
