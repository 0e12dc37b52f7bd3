// The spiking student of the olfactory model (models/olfactory_student.nj, spec §9.2): its
// compiled gradients through soft spikes, depression, gap junctions, the two-compartment KC and
// the divisive APL agree with finite differences, bounds hold after training, and the forward
// model reads its trained values back.
#include "tests/unit/models/olfactory_data.h"
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;
using nj::rt::testing::run_ok;

namespace {

using nj::testing::olfactory::exact_number;
using nj::testing::olfactory::fast_data_run;
using nj::testing::olfactory::have_data;


}  // namespace

TEST_CASE("models: olfactory student: compiled gradients agree with central finite differences") {
    // The loss of the first optimiser step (a mini-batch of 2 trials of 30 steps, all six noise
    // sources on, the same random numbers at every value, the sparsity term of the two trials'
    // mean KC activity included) as a function of one learned scalar at
    // a time: each reaches the loss through a different construct. Steps are 1e-6 of the value
    // (1e-4 for the two APL gains, whose gradients are small enough for round-off to matter); a
    // reset (s > 0.5) or floor crossed by the perturbation would show as a large relative error.
    if (!have_data()) return;
    std::string text = nj::testing::olfactory::model_text("olfactory_student.nj");
    std::string batches = "batches = ceil(n_train() / batch_size)";
    REQUIRE(text.find(batches) != std::string::npos);
    text.replace(text.find(batches), batches.size(), "batches = 1");  // only the first step counts
    // the sparsity term is off until the warm-up begins (epoch 0): switched on, so that its
    // mini-batch mean (batch_mean) is checked too
    std::string ramp = "min(1, epoch / warmup_epochs)";
    REQUIRE(text.find(ramp) != std::string::npos);
    text.replace(text.find(ramp), ramp.size(), "1");
    auto run = [&](const std::string& name, const std::string& value) {
        RunOptions options = fast_data_run(3);
        options.overrides.insert(options.overrides.end(),
                                 {{"epochs", "1"}, {"batch_size", "2"}, {"n_reps", "1"}, {"n_test_reps", "1"}});
        if (!name.empty()) options.overrides.emplace_back(name, value);
        return run_ok(text, options);
    };
    RunResult base = run("", "");
    struct Case {
        const char* name;
        double value;  // its initial value (SI)
        double step;   // of the finite difference: small against the value, large against round-off
        const char* unit;
        const char* construct;
    };
    for (Case c : {Case{"or_gain", 5e-10, 5e-16, " amp", "receptor drive"}, Case{"tau_pn", 0.020, 2e-8, " second", "LIF exact step"},
                   Case{"g_soma", 10e-9, 1e-14, " siemens", "two-compartment exact step"},
                   Case{"s_pn_kc", 5e-9, 5e-15, " amp", "chemical pathway"},
                   Case{"U_orn_pn", 0.3, 3e-7, "", "depression: release fraction"},
                   Case{"tau_rec_ln_pn_inh", 0.2, 2e-7, " second", "depression: recovery"},
                   Case{"g_gap_pp", 1e-10, 1e-16, " siemens", "gap junctions"}, Case{"apl_lambda", 0.0, 1e-4, "", "APL input"},
                   Case{"apl_gamma", 0.4, 1e-4, "", "divisive APL output"},
                   Case{"s_kc_kc_aa", 1e-11, 1e-17, " amp", "KC-KC axon pathway, previous step"}}) {
        double h = c.step;
        double up = run(c.name, exact_number(c.value + h) + c.unit).metrics["L"]["loss_first"].get<double>();
        double down = run(c.name, exact_number(c.value - h) + c.unit).metrics["L"]["loss_first"].get<double>();
        double difference = (up - down) / (2 * h);
        double gradient = base.metrics["L"]["gradient_first"][c.name].get<double>();
        double relative = std::abs(gradient - difference) / std::abs(difference);
        MESSAGE(std::string(c.name) << " (" << std::string(c.construct) << "): compiled " << gradient << ", finite difference " << difference
                       << ", relative error " << relative);
        CHECK(std::abs(gradient * c.value + gradient * (c.value == 0.0)) > 1e-6);  // it matters
        CHECK(relative <= 1e-5);
    }
}

TEST_CASE("models: olfactory student: thresholds stay in their bounds and the forward model reads the trained values") {
    // The fast training (12 steps) with the threshold learning rate raised so that thresholds
    // reach their bounds; then the forward model run on its L_trained.json.
    if (!have_data()) return;
    RunOptions options = fast_data_run(1);
    options.overrides.insert(options.overrides.end(), {{"n_test_reps", "1"}});
    std::string text = nj::testing::olfactory::model_text("olfactory_student.nj");
    std::string lr = "trainable v_th { bounds: -55 mV .. -30 mV; lr: 0.01e-3 }";
    for (size_t at = text.find(lr); at != std::string::npos; at = text.find(lr, at)) {
        text.replace(at, lr.size(), "trainable v_th { bounds: -55 mV .. -30 mV; lr: 5e-3 }");
    }
    RunResult student = run_ok(text, options);
    for (const char* group : {"ORN", "LN", "PN", "KC"}) {
        const std::vector<double>& v_th = student.values(std::string("L_") + group + ".v_th.npy");
        REQUIRE_FALSE(v_th.empty());
        bool at_bound = false;
        for (double v : v_th) {
            CHECK(v >= -0.055);
            CHECK(v <= -0.030);
            at_bound = at_bound || v == -0.055 || v == -0.030;
        }
        CHECK(at_bound);  // 12 steps of 5 mV reach a bound from -37.5 .. -47.5 mV
    }
    std::string trained = (std::filesystem::temp_directory_path() / "nj_student_trained.json").string();
    for (const auto& [name, json] : student.outcome.json_files) {
        if (name == "L_trained.json") std::ofstream(trained) << json.dump();
    }
    RunOptions forward = fast_data_run(1);
    forward.overrides.emplace_back("trained_file", trained);
    RunResult r = run_ok(nj::testing::olfactory::model_text("olfactory_connectome.nj"), forward);
    const std::vector<double>& kc = student.values("L_KC.v_th.npy");
    const std::vector<double>& forward_kc = r.arrays.at("KC.v_th");
    REQUIRE(forward_kc.size() == 28 * kc.size());  // 28 trial copies in the fast mode
    for (size_t k : {size_t{0}, kc.size() / 2, kc.size() - 1}) {
        CHECK(forward_kc[k] == kc[k]);
        CHECK(forward_kc[kc.size() + k] == kc[k]);
    }
    CHECK(r.arrays.at("KC.g_s").front() == student.metrics["L"]["trained"]["g_soma"].get<double>());
    CHECK(r.metrics["test_accuracy"]["decoder"] == "table");
    std::filesystem::remove(trained);
}
