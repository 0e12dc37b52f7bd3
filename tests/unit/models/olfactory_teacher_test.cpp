// The rate teacher of the olfactory model (models/olfactory_teacher.nj, spec §9.1): its
// compiled gradients agree with finite differences, training in the fast mode makes it name the
// 28 odour classes far above chance, and the spiking student starts from its values.
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

std::string teacher_text() { return nj::testing::olfactory::model_text("olfactory_teacher.nj"); }


}  // namespace

TEST_CASE("models: olfactory teacher: compiled gradients agree with central finite differences") {
    // One optimiser step over a mini-batch of 4 samples; the loss of that step as a function of
    // each raw pathway strength. Relu kinks are crossed only by a perturbation of 1e-6, which
    // would show as a large relative error.
    if (!have_data()) return;
    std::string text = teacher_text();
    auto first_loss = [&](const std::string& name, double value) {
        RunOptions options = fast_data_run(5);
        options.overrides.insert(options.overrides.end(),
                                 {{"epochs", "1"}, {"batch_size", "4"}, {"n_reps", "1"}, {"n_test_reps", "1"}});
        if (!name.empty()) options.overrides.emplace_back(name, exact_number(value));
        return run_ok(text, options);
    };
    RunResult base = first_loss("", 0);
    for (const char* name : {"s_orn_ln", "s_orn_pn", "s_ln_pn", "s_pn_kc", "s_kc_apl", "s_apl_kc", "g_apl"}) {
        double h = 1e-6;
        double up = first_loss(name, 0.1 + h).metrics["L"]["loss_first"].get<double>();
        double down = first_loss(name, 0.1 - h).metrics["L"]["loss_first"].get<double>();
        double difference = (up - down) / (2 * h);
        double gradient = base.metrics["L"]["gradient_first"][name].get<double>();
        MESSAGE(std::string(name) << ": compiled " << gradient << ", finite difference " << difference << ", relative error "
                      << std::abs(gradient - difference) / std::abs(difference));
        CHECK(std::abs(gradient) > 1e-5);  // the parameter matters, so the check is not vacuous
        CHECK(std::abs(gradient - difference) <= 1e-5 * std::abs(difference));
    }
}

TEST_CASE("models: olfactory teacher (fast) learns to name the odours") {
    // Fast mode: 12 epochs of 18 mini-batches, then 4 noisy test samples per class (112). Seeds
    // 1-3 gave test accuracies of 0.94-0.96 and losses falling from 3.65 to 0.72-0.97. Chance is
    // 1/28: 4 +- 2 right of 112. Required per seed: at least 80 % right and the loss more than
    // halved (its floor is 0.32: the sparsity term counts a silent KC as sigmoid(0) = 0.5).
    if (!have_data()) return;
    std::string text = teacher_text();
    for (uint64_t seed = 1; seed <= 2; ++seed) {
        RunResult r = run_ok(text, fast_data_run(seed));
        double first = r.metrics["L"]["loss_first"].get<double>();
        double last = r.metrics["L"]["loss_last"].get<double>();
        MESSAGE("seed " << seed << ": test accuracy " << r.metric("test_accuracy") << ", KC active "
                        << r.metric("kc_active") << ", loss " << first << " -> " << last);
        CHECK(r.metrics["test_accuracy"]["trials"].get<int>() == 112);
        CHECK(r.metric("test_accuracy") >= 0.8);
        CHECK(last < 0.5 * first);
        CHECK(r.metric("kc_active") > 0.0);
    }
}

TEST_CASE("models: olfactory input as changes (absolute_input = false): DoOR's numbers mapped onto [0, 1], and the teacher learns from them") {
    // kreher_changes: every cell of the 28 rows as DoOR gives it (SFR row rates, odour rows
    // changes; Or83a 8 in the SFR row, 0 elsewhere), mapped from the matrix's -31 .. 297 onto
    // 0 .. 1. The default input (absolute rates) is checked by the teacher's other tests. Fast
    // mode on this input: seeds 1-4 named 0.88-0.93 of the 112 test samples (chance 1/28).
    if (!have_data()) return;
    std::ifstream csv(nj::testing::olfactory::data_dir + "/kreher2008/kreher2008_larval_orn.csv");
    std::string line;
    std::getline(csv, line);  // header
    std::vector<double> raw;
    for (int row = 0; row < 28 && std::getline(csv, line); ++row) {
        // the last 21 fields are the receptors (a quoted odorant name may hold commas)
        std::vector<std::string> fields(1);
        for (char c : line) {
            if (c == ',') fields.emplace_back();
            else fields.back() += c;
        }
        REQUIRE(fields.size() >= 22);
        for (size_t f = fields.size() - 21; f < fields.size(); ++f)
            raw.push_back(fields[f].empty() ? (row == 0 ? 8.0 : 0.0) : std::stod(fields[f]));
    }
    REQUIRE(raw.size() == 28 * 21);
    RunOptions options = fast_data_run(1);
    options.overrides.push_back({"absolute_input", "false"});
    RunResult r = run_ok(teacher_text(), options);
    const std::vector<double>& changes = r.array("table:kreher_changes");
    REQUIRE(changes.size() == raw.size());
    for (size_t k = 0; k < raw.size(); ++k) {
        CAPTURE(k);
        CHECK(changes[k] == doctest::Approx((raw[k] + 31) / 328).epsilon(1e-12));
    }
    MESSAGE("input as changes, seed 1: test accuracy " << r.metric("test_accuracy"));
    CHECK(r.metric("test_accuracy") >= 0.8);
}

TEST_CASE("models: the olfactory student starts from the teacher's values (teacher_file)") {
    // §9.1: the student takes the teacher's receptor gains, 4x its raw APL gain and its decoder.
    // A hand-written teacher file: gains g_k = 0.1 k, raw APL gain 0.25, and a decoder whose
    // weights are 0 and whose bias favours class 0, so every test trial is named class 0 and
    // the accuracy is exactly the share of class-0 trials (2 of 56), which no fitted decoder
    // is bound to give.
    if (!have_data()) return;
    std::string path = (std::filesystem::temp_directory_path() / "nj_teacher_values.json").string();
    {
        std::ofstream out(path);
        out << R"({"OR.g": [)";
        for (int k = 0; k < 21; ++k) out << (k ? ", " : "") << 0.1 * k;
        out << R"(], "g_apl": 0.25, "Decoder.w": [)";
        for (int k = 0; k < 28 * 144; ++k) out << (k ? ", " : "") << 0;
        out << R"(], "Out.b": [1)";
        for (int k = 1; k < 28; ++k) out << ", 0";
        out << "]}";
    }
    RunOptions options = fast_data_run(1);
    options.overrides.emplace_back("teacher_file", path);
    RunResult r = run_ok(nj::testing::olfactory::model_text("olfactory_connectome.nj"), options);
    const std::vector<double>& gain = r.arrays.at("OR.gain");
    REQUIRE(gain.size() >= 2 * 21);
    for (int k : {0, 7, 20}) {
        double expected = std::log1p(std::exp(0.1 * k)) * 5e-10;  // softplus(g_k) times the OR gain
        CHECK(gain[static_cast<size_t>(21 + k)] == doctest::Approx(expected).epsilon(1e-12));
    }
    CHECK(r.arrays.at("AK.gain").front() == doctest::Approx(std::log1p(std::exp(1.0))).epsilon(1e-12));
    CHECK(r.metrics["test_accuracy"]["decoder"] == "table");
    CHECK(r.metric("test_accuracy") == doctest::Approx(2.0 / 56));
    std::filesystem::remove(path);
}
