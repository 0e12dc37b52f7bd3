// The olfactory connectome model (fast mode) against the qualitative signatures of its spec
// (§13), on the real connectome and on a synthetic one. Untrained: the parameters are the
// spec's initial values, so only signatures that do not need training are asserted; the
// closing figures (KC sparsity, decoder accuracy, APL ratio, ranges) are printed.
#include "tests/unit/models/olfactory_data.h"
#include "tests/unit/runtime/run_helpers.h"

#include "runtime/inputs/connectome_csv_writer.h"
#include "runtime/inputs/connectome_description.h"
#include "runtime/inputs/synthetic_connectome.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;
using nj::rt::testing::run_ok;

namespace {

using nj::testing::olfactory::data_dir;
using nj::testing::olfactory::have_data;
using nj::testing::olfactory::source_dir;

std::string olfactory_text() { return nj::testing::olfactory::model_text("olfactory_connectome.nj"); }

RunOptions fast_run(uint64_t seed, const std::string& nodes, const std::string& edges) {
    RunOptions options;
    options.mode = "fast";
    options.seed = seed;
    options.overrides = {{"nodes_file", nodes},
                         {"edges_file", edges},
                         {"kreher_file", data_dir + "/kreher2008/kreher2008_larval_orn.csv"}};
    return options;
}

void print_figures(const std::string& label, const RunResult& r) {
    std::ostringstream line;
    line << label << ":";
    for (const char* m : {"kc_sparsity", "test_accuracy", "centroid_accuracy", "al_decorrelation", "mb_decorrelation",
                          "apl_suppression", "or_range", "pn_range", "kc_range"}) {
        line << " " << m << " " << r.metric(m);
    }
    MESSAGE(line.str());
}

}  // namespace

TEST_CASE("models: olfactory connectome (fast, untrained): the mushroom body decorrelates far more than the antennal lobe") {
    // Spec §13 "MB decorrelation >> AL decorrelation". Untrained, 3 seeds of the fast mode
    // (2 trials per odour for the pairwise cosines) gave MB - AL of 58-101 points; the spec's
    // trained values are 35.8 and 4.4 %. Required: more than 30 points for every seed.
    if (!have_data()) return;
    std::string text = olfactory_text();
    for (uint64_t seed = 1; seed <= 3; ++seed) {
        auto r = run_ok(text, fast_run(seed, data_dir + "/winding2023/nodes.csv", data_dir + "/winding2023/edges.csv"));
        print_figures("seed " + std::to_string(seed), r);
        CHECK(r.metric("mb_decorrelation") - r.metric("al_decorrelation") > 30.0);
        // the odour x odour cosine matrices behind the figures (Fig 2): PN codes of the 28 rows
        REQUIRE(r.outputs.count("al_decorrelation_similarity_b.npy") == 1);
        CHECK(r.outputs.at("al_decorrelation_similarity_b.npy").shape == std::vector<size_t>{28, 28});
    }
}

TEST_CASE("models: olfactory connectome on a synthetic connectome runs and decodes odours above chance") {
    // Issue acceptance: with a synthetic connectome (models/data/olfactory_synthetic_connectome.json,
    // generator seed 1) and untrained parameters, KC sparsity and decoder accuracy are reported.
    // 4 trials per odour: the fitted decoder learns from 2 and is tested on 2 (56 trials). At
    // chance (1/28) 56 trials give 2 +- 1.4 correct; required: more than 6 (3 SDs above).
    if (!have_data()) return;
    auto folder = std::filesystem::temp_directory_path() / "nj_synthetic_connectome_test";
    auto description = nj::rt::read_connectome_description(source_dir + "/models/data/olfactory_synthetic_connectome.json");
    std::string error;
    REQUIRE(nj::rt::write_connectome_files(nj::rt::generate_connectome(description, 1), folder, &error));
    RunOptions options = fast_run(1, (folder / "nodes.csv").string(), (folder / "edges.csv").string());
    options.overrides.emplace_back("n_test_reps", "4");
    auto r = run_ok(olfactory_text(), options);
    print_figures("synthetic", r);
    CHECK(r.metric("kc_sparsity") > 0.0);
    CHECK(r.metric("kc_sparsity") < 1.0);
    CHECK(r.metric("test_accuracy") * 56 > 6.0);
    std::filesystem::remove_all(folder);
}

TEST_CASE("models: olfactory LN split (§14.3) is 9 excitatory : 17 inhibitory, on the relabelled connectome too") {
    // The relabelling null model (§11) permutes the LN rows of every matrix; the AL mask must move
    // with them, and each LN -> PN slot must keep exactly the rows of its class.
    if (!have_data()) return;
    for (const char* shuffle : {"false", "true"}) {
        RunOptions options;
        options.overrides = nj::testing::olfactory::data_overrides();
        options.overrides.emplace_back("shuffle_connectome", shuffle);
        auto r = run_ok("import \"lib/olfactory_common.nj\"\nrun 1 ms\n", options);
        std::vector<double> cls = r.array("table:ln_class"), all = r.array("table:N_ln_pn");
        INFO("shuffle_connectome = ", shuffle);
        CHECK(std::count(cls.begin(), cls.end(), 1.0) == 9);
        CHECK(std::count(cls.begin(), cls.end(), 0.0) == 17);
        CHECK(std::count(cls.begin(), cls.end(), -1.0) == 82);
        size_t cols = all.size() / cls.size();
        for (auto [slot, value] : {std::pair{"table:N_ln_pn_exc", 1.0}, {"table:N_ln_pn_inh", 0.0}, {"table:N_ln_pn_nonad_inh", -1.0}}) {
            std::vector<double> part = r.array(slot);
            size_t wrong = 0;
            for (size_t k = 0; k < part.size(); ++k) wrong += part[k] != (cls[k / cols] == value ? all[k] : 0.0);
            CHECK_MESSAGE(wrong == 0, slot);
        }
    }
}
