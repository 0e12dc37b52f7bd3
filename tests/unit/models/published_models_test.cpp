// The library's published networks against the results their papers and Brian2 report.
// These run whole models (seconds each), so ctest runs them as their own entry, `models`.
#include "tests/unit/runtime/run_helpers.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <sstream>

using nj::rt::testing::RunOptions;
using nj::rt::testing::run_ok;

namespace {

std::string model_text(const std::string& name) {
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/models/" + name);
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("models: CUBA fires at Brian2's rate (5.8-6.0 Hz) within 10 % over 5 seeds") {
    // Brette et al. (2007) benchmark 1 with Brian2's parameters, the full 1 s. Brian2 2.5.1 gives
    // 5.8-6.0 Hz. Across seeds our network rate has an SD of about 0.26 Hz (10 seeds measured),
    // so the 5-seed mean has a standard error of about 0.12 Hz: the 10 % band (±0.59 Hz around
    // 5.9 Hz) is about 5 standard errors wide, and a systematic error of 10 % would fail.
    std::string text = model_text("cuba.nj");
    std::vector<double> rates;
    for (uint64_t seed = 1; seed <= 5; ++seed) {
        RunOptions options;
        options.seed = seed;
        auto r = run_ok(text, options);
        double rate = static_cast<double>(r.spike_count) / 4000.0 / r.time_s;
        // every seed is a working network: neither silent nor exploding
        CHECK(rate > 4.0);
        CHECK(rate < 8.0);
        // the subgroups' rates add up to the whole network's
        CHECK((r.metric("rate_exc") * 3200 + r.metric("rate_inh") * 800) / 4000 == doctest::Approx(rate).epsilon(1e-9));
        rates.push_back(rate);
    }
    double mean = std::accumulate(rates.begin(), rates.end(), 0.0) / static_cast<double>(rates.size());
    INFO("mean rate over 5 seeds: ", mean, " Hz");
    CHECK(mean > 5.9 * 0.9);
    CHECK(mean < 5.9 * 1.1);
}

TEST_CASE("models: STDP (Song, Miller & Abbott 2000) drives the weights to a bimodal distribution") {
    // 50 s (the fast mode). Measured over 3 seeds: the lowest tenth of [0, gmax] holds 23-26 % of
    // the weights, the highest 13-14 %, each middle tenth 5-13 % (mean 7-8 %), so the histogram's
    // end bins are 2.9-3.4x and 1.7-1.9x the mean middle bin. A unimodal result (weights that stay
    // uniform or pile up in the middle) gives ratios near or below 1.
    std::string text = model_text("stdp_song.nj");
    for (uint64_t seed = 1; seed <= 2; ++seed) {
        RunOptions options;
        options.seed = seed;
        options.mode = "fast";
        auto r = run_ok(text, options);
        const auto& stats = r.metrics["weights_final"];
        std::vector<double> h = stats["histogram"].get<std::vector<double>>();
        REQUIRE(h.size() == 10);
        double middle = std::accumulate(h.begin() + 1, h.end() - 1, 0.0) / 8.0;
        INFO("seed ", seed, " histogram ", stats["histogram"].dump());
        CHECK(h.front() > 2.0 * middle);
        CHECK(h.back() > 1.4 * middle);
        // the weights stay within the bounds the learning rule clips them to
        CHECK(stats["min"].get<double>() >= 0.0);
        CHECK(stats["max"].get<double>() <= 0.01);
        CHECK(r.values("w_final.npy").size() == 1000);
    }
}

TEST_CASE("models: the lateral-line map (fast mode) learns a population-vector code") {
    // 25 recipe trials and the 1 s test sweep (6-8 s). Measured over seeds 1-4 (with the model's
    // own schedule): sigma_theta 0.36-0.68 rad (the 100-trial reference run: 0.565),
    // valid_fraction 0.74-0.87 (reference 0.704), MON 9.9-10.1 Hz in training, TS 29.8-31.4 Hz,
    // 28-37 % of the MON->TS weights at w_max, the inhibitory cells silent. An unlearned or
    // scrambled map decodes no better than chance (sigma_theta above 1.5 rad, as the 40-trial
    // ll_fast reference run's 1.57), and a silent TS gives pi with valid_fraction 0; below 0.1 rad
    // the decode would be degenerate.
    std::string text = model_text("lateral_line.nj");
    RunOptions options;
    options.mode = "fast";
    options.seed = 1;
    auto r = run_ok(text, options);
    const auto& pv = r.metrics["pv_metrics_ts_spikes"];
    INFO("pv: ", pv.dump());
    CHECK(pv["sigma_theta_rad"].get<double>() > 0.1);
    CHECK(pv["sigma_theta_rad"].get<double>() < 0.9);
    CHECK(pv["valid_fraction"].get<double>() > 0.5);
    CHECK(r.metric("rate_mon_train") > 8.0);
    CHECK(r.metric("rate_mon_train") < 12.0);
    CHECK(r.metric("rate_ts_train") > 20.0);
    CHECK(r.metric("rate_ts_train") < 40.0);
    CHECK(r.metric("rate_mon_inh_train") == 0.0);
    CHECK(r.metric("rate_ts_inh_train") == 0.0);
    double at_max = r.metrics["mon_ts_weights"]["fraction_at_max"].get<double>();
    CHECK(at_max > 0.2);
    CHECK(at_max < 0.5);
    // the weight snapshots before and after training are written
    CHECK(r.values("w_mon_ts_before.npy").size() == r.values("w_mon_ts_after.npy").size());
    CHECK(r.values("w_mon_ts_before.npy") != r.values("w_mon_ts_after.npy"));
}

TEST_CASE("models: the lateral-line dipole field matches the spec's formula (§5.1)") {
    // The model's own function (its declarations, with prints for a protocol) against values
    // computed here from the spec: v = 0.5 U R^3 (D^2 - 2 dx^2) e_X / (dx^2 + D^2)^(5/2),
    // U = 5 cm/s, R = 0.5 cm.
    std::string text = model_text("lateral_line.nj");
    size_t protocol = text.find("# ---------------------------------------------------------------- protocol");
    REQUIRE(protocol != std::string::npos);
    auto r = run_ok(text.substr(0, protocol) + R"(
print dipole_flow(0 cm, 0.8 cm, 1)
print dipole_flow(1 cm, 0.8 cm, -1)
print dipole_flow(0.8 cm / sqrt(2), 0.8 cm, 1)
print dipole_flow(-0.3 cm, 1.5 cm, 1)
print dipole_flow(0 cm, 0 cm, 1)
)");
    auto spec = [](double dx, double d, double e) {
        double u = 0.05, radius = 0.005;
        double rho2 = std::max(dx * dx + d * d, 1e-13);  // 1e-9 cm^2
        return 0.5 * u * std::pow(radius, 3) * (d * d - 2 * dx * dx) * e / std::pow(rho2, 2.5);
    };
    std::istringstream printed(r.printed);
    std::vector<double> v;
    for (double x; printed >> x;) v.push_back(x);
    REQUIRE(v.size() == 5);
    CHECK(v[0] == doctest::Approx(0.006103515625).epsilon(1e-5));  // 0.5 U R^3 / D^3 beside the sphere
    CHECK(v[0] == doctest::Approx(spec(0, 0.008, 1)).epsilon(1e-5));
    CHECK(v[1] == doctest::Approx(spec(0.01, 0.008, -1)).epsilon(1e-5));
    CHECK(std::abs(v[2]) < 1e-9);  // the sign flips at |dx| = D / sqrt(2)
    CHECK(v[3] == doctest::Approx(spec(-0.003, 0.015, 1)).epsilon(1e-5));
    CHECK(v[4] == doctest::Approx(0.0));  // D = dx = 0: the clamp keeps it finite (and 0)
}

TEST_CASE("models: clustered LIF, README mean-field example: fixed point (188.272, 193.981) Hz") {
    // spec clustered_lif §11.1: one solve from a zero start, to the spec's 3 decimals
    RunOptions options;
    options.mode = "mf_readme";
    auto r = run_ok(model_text("clustered_lif.nj"), options);
    const auto& mf = r.metrics["mf_readme"];
    REQUIRE(mf["fixed_points"].size() == 1);
    CHECK(mf["fixed_points"][0]["rates_hz"][0].get<double>() == doctest::Approx(188.272).epsilon(3e-6));
    CHECK(mf["fixed_points"][0]["rates_hz"][1].get<double>() == doctest::Approx(193.981).epsilon(3e-6));
    CHECK(mf["fixed_points"][0]["label"] == "stable node");
}

TEST_CASE("models: clustered LIF, 2-cluster mean field: the symmetric and both one-cluster-high fixed points") {
    // spec §11.3, population order [E1, E2, Eb, I1, I2, Ib]; the model file builds C, J, the
    // arousal factor and the external drive (mean jitter M g / 2) from the config's numbers
    RunOptions options;
    options.mode = "mf_2cluster";
    options.overrides = {{"mf_landscape", "false"}};
    auto r = run_ok(model_text("clustered_lif.nj"), options);
    std::vector<std::vector<double>> found;
    for (const auto& fp : r.metrics["mf"][0]["fixed_points"]) found.push_back(fp["rates_hz"].get<std::vector<double>>());
    auto has = [&](double e1, double e2, double eb) {
        for (const auto& f : found) {
            // the spec's drive is the original's sampled jitter; ours is its mean (0.27 Hz vs
            // 0.272 Hz of 7 Hz), which moves the rates by well under 1 %
            if (std::abs(f[0] - e1) < 0.01 * e1 + 0.05 && std::abs(f[1] - e2) < 0.01 * e2 + 0.05 &&
                std::abs(f[2] - eb) < 0.01 * eb + 0.05) {
                return true;
            }
        }
        return false;
    };
    INFO("fixed points: ", r.metrics["mf"].dump());
    CHECK(has(21.830, 21.830, 2.546));
    CHECK(has(51.109, 2.536, 1.761));
    CHECK(has(2.536, 51.109, 1.761));
}

TEST_CASE("models: clustered LIF spiking run: population rates within 10 % of the spec, metastable states") {
    // spec §11.5 (2.5 s, dt 0.5 ms): E clusters 10.0, E background 1.94, I clusters 11.8,
    // I background 14.4 Hz. Over seeds 1-4 we measured SDs of 0.06, 0.09, 0.03 and 0.25 Hz, so
    // a 10 % band is at least 5 SDs of one seed wide except for E background (2.2 SDs); the band
    // is checked on the 3-seed mean (SE ≈ 0.05 Hz there).
    std::string text = model_text("clustered_lif.nj");
    const std::vector<std::pair<std::string, double>> expected = {
        {"rate_E_clustered", 10.0}, {"rate_E_background", 1.94}, {"rate_I_clustered", 11.8}, {"rate_I_background", 14.4}};
    std::map<std::string, double> sums;
    int iterated = 0;
    for (uint64_t seed = 1; seed <= 3; ++seed) {
        RunOptions options;
        options.seed = seed;
        auto r = run_ok(text, options);
        for (const auto& [name, value] : expected) sums[name] += r.metric(name) / 3;
        const auto& states = r.metrics["states"];
        INFO("seed ", seed, ": ", states["n_states"], " states, mean lifetime ", states["mean_lifetime_s"],
             ", threshold passes ", states["passes"]);
        // kept states live tens of ms (spec: mean 50.6 ms, median 29.8 ms)
        CHECK(states["mean_lifetime_s"].get<double>() > 0.010);
        CHECK(states["mean_lifetime_s"].get<double>() < 0.200);
        // The original's threshold rule (spec §9.3) stops at pass 0, with each cluster against
        // its own mean rate, when the active bins' mean lies within 20 Hz of those means; then
        // most segments are too short to keep (seen for 1-3 of seeds 1-4, depending on the
        // random streams). Where it moved to a global threshold, as in the spec's run, the
        // states are the spec's: tens of them, covering most of the run, with 2-4 clusters
        // active (spec: 98 % of the time; we require half).
        if (states["passes"].get<int>() == 0) continue;
        ++iterated;
        CHECK(states["n_states"].get<int>() >= 10);
        CHECK(states["n_states"].get<int>() <= 100);
        CHECK(states["covered_s"].get<double>() > 1.0);
        const auto& by_size = r.values("states_active_fraction_by_size.npy");
        REQUIRE(by_size.size() > 4);
        CHECK(by_size[2] + by_size[3] + by_size[4] > 0.5);
    }
    CHECK(iterated >= 1);
    for (const auto& [name, value] : expected) {
        INFO(name, ": ", sums[name], " Hz (spec ", value, " Hz)");
        CHECK(std::abs(sums[name] - value) < 0.1 * value);
    }
}

TEST_CASE("models: LIF/QIF FORCE network (spec §12): RLS tracks the targets, W grows and turns anti-reciprocal") {
    // The spec's configuration (pqif 0.5, vrest -12.3, 16 loops, 10 of them training), about 5 s
    // per seed. Measured over seeds 0-2: loop-0 error / target power 1.00; loop 1 error 0.030;
    // sigma2 0.24 → 14.5-15.1; final tau_rec -0.036 … -0.053; PR of r 1.5-1.65 → 3.4-3.6.
    // The network is chaotic, so any change of rounding draws a new sample of every error; the
    // bounds are set on statistics whose spread was measured over seeds 0-19 under two roundings
    // (exact division, and division by parameters as a multiply; 40 runs):
    // - loop 1 at most 0.033, the mean of loops 1-10 0.040-0.051: the spec's 0.035-0.075; single
    //   training loops reach 0.084, so one loop is only held to the spec's post-training 0.14;
    // - post-training error (mean of loops 11-15) / target power: median 3.7-3.9 %, mean 4.2-4.4 %,
    //   one seed in ten at 8-10 % (it loses the tracking for a loop). The spec's reference gives
    //   3.5-6.6 % across pqif; the median of seeds 0-5 must stay below 6.6 %, which three such
    //   seeds out of six would break (about 2 % of roundings), a lost tracking always.
    std::string text = model_text("lif_qif_force.nj");
    std::vector<double> post_fractions;
    for (const char* seed : {"0", "1", "2", "3", "4", "5"}) {
        RunOptions options;
        options.overrides = {{"seed", seed}};
        auto r = run_ok(text, options);
        const auto& tracking = r.metrics["tracking"];
        const auto& motifs = r.metrics["motifs"];
        const auto& dimension = r.metrics["dimension"];
        REQUIRE(tracking.size() == 16);
        REQUIRE(motifs.size() == 16);
        double power = tracking[0]["target_power"].get<double>();
        auto mse = [&](size_t loop) { return tracking[loop]["mse"].get<double>(); };
        INFO("seed ", seed, ": ", tracking.dump());
        // before training there is no tracking: the error is the target's power
        CHECK(mse(0) == doctest::Approx(power).epsilon(0.1));
        CHECK(tracking[0]["correlation"].get<double>() < 0.2);
        // training converges within the first training loop
        CHECK(mse(1) < 0.08);
        double training = 0;
        for (size_t loop = 1; loop <= 10; ++loop) {
            training += mse(loop) / 10;
            CHECK(mse(loop) < 0.14);
        }
        CHECK(training < 0.075);
        // post-training: the oscillations persist without learning
        double post = 0;
        for (size_t loop = 11; loop < 16; ++loop) post += mse(loop) / 5;
        post_fractions.push_back(post / power);
        CHECK(tracking[15]["correlation"].get<double>() > 0.9);
        // W: sigma2 from gsyn² to about 16, reciprocity negative after training
        CHECK(motifs[0]["sigma2"].get<double>() == doctest::Approx(0.24).epsilon(0.15));
        CHECK(motifs[15]["sigma2"].get<double>() > 12);
        CHECK(motifs[15]["sigma2"].get<double>() < 20);
        CHECK(motifs[15]["tau_rec"].get<double>() < -0.02);
        CHECK(motifs[15]["tau_con"].get<double>() == doctest::Approx(-1.0 / 199).epsilon(0.2));
        // dimensionality rises with training
        CHECK(dimension[0]["participation_ratio"].get<double>() < 2.2);
        CHECK(dimension[15]["participation_ratio"].get<double>() > 3.0);
    }
    std::sort(post_fractions.begin(), post_fractions.end());
    double median = (post_fractions[2] + post_fractions[3]) / 2;
    INFO("post-training error / target power, seeds 0-5 sorted: ", post_fractions[0], " ",
         post_fractions[1], " ", post_fractions[2], " ", post_fractions[3], " ", post_fractions[4], " ",
         post_fractions[5]);
    CHECK(median < 0.066);
}

TEST_CASE("models: error-neuron microcircuit 4-2-1 (spec §9): errormc and the ANN learn the teacher, errormc's output update follows backprop") {
    // The reference configuration cut to 20 epochs, errormc and ANN students (about 1.5 s per
    // seed). Measured over seeds 1-4: errormc test MSE 1.2e-4 … 3.4e-3 against 0.03-0.12
    // untrained (16-1000x lower), ANN 1.6e-5 … 1.6e-4 against 0.017-0.47 (140x or more);
    // errormc validation MSE falls 6-30x from the first validation to the last; the output
    // layer's update angle to backprop at the last validation 0.05-0.5 degrees (spec §9 parity:
    // below 1 degree).
    std::string text = model_text("error_microcircuit.nj");
    for (uint64_t seed : {1, 2, 3}) {
        RunOptions options;
        options.seed = seed;
        options.mode = "reference_4_2_1";
        options.overrides = {{"epochs", "20"}, {"run_sacramento", "false"}, {"run_dpc", "false"}};
        auto r = run_ok(text, options);
        const auto& m = r.metrics;
        auto value = [&](const char* name) { return m[name]["value"].get<double>(); };
        INFO("seed ", seed);
        CHECK(value("test_mse_errormc") < value("untrained_test_mse_errormc") / 10);
        CHECK(value("test_mse_ann") < value("untrained_test_mse_ann") / 50);
        const auto& validation = m["val_mse_errormc"];
        REQUIRE(validation.size() == 10);
        CHECK(validation[9]["value"].get<double>() < validation[0]["value"].get<double>() / 3);
        // the output layer's (key 2) angles of the last validation, one per training sample
        double last_epoch = 0, sum = 0;
        int n = 0;
        for (const auto& e : m["angle_dW_BP_errormc"]) last_epoch = std::max(last_epoch, e["loop"]["ep"].get<double>());
        for (const auto& e : m["angle_dW_BP_errormc"]) {
            if (e["key"].get<double>() == 2 && e["loop"]["ep"].get<double>() == last_epoch) {
                sum += e["value"].get<double>();
                ++n;
            }
        }
        REQUIRE(n == 100);
        CHECK(sum / n < 1.0);
    }
}

TEST_CASE("models: the error microcircuit's cart-pole conserves energy without force, to first order in its step") {
    // lib/errormc_cartpole.nj with F = 0 and failure/restart out of reach: the pole falls from
    // 0.3 rad and swings over. Energy E = (mc + mp) v^2 / 2 + mp l v w cos(th) + (2/3) mp l^2 w^2
    // + mp g l cos(th) (pole of half-length l about its centre, I = mp l^2 / 3). Explicit Euler
    // gains energy in proportion to its step: measured 1.01e-4 of E over 1 s at 10 us, 2.02e-4 at 20 us.
    auto drift = [](const char* steps, const char* plant_dt) {
        RunOptions options;
        options.overrides = {{"cp_steps", steps}, {"cp_dt", plant_dt}, {"cp_theta_fail", "100"},
                             {"cp_x_fail", "1e9 metre"}, {"cp_restart_steps", "1e12"}};
        auto r = run_ok("import \"" + std::string(NJ_SOURCE_DIR) + R"(/models/lib/errormc_cartpole.nj"
param dt = 0.01 ms
group P = CartPole(1) {
  init: theta = 0.3
}
monitor m = state(P, x, v, theta, omega, every = 1 ms)
run 1 s
)", options);
        const double mc = 1.0, mp = 0.1, l = 0.5, g = 9.8;
        auto energy = [&](size_t n) {
            double v = r.values("m_v.npy")[n], th = r.values("m_theta.npy")[n], w = r.values("m_omega.npy")[n];
            return 0.5 * (mc + mp) * v * v + mp * l * v * w * std::cos(th) + (2.0 / 3.0) * mp * l * l * w * w +
                   mp * g * l * std::cos(th);
        };
        size_t last = r.values("m_v.npy").size() - 1;
        CHECK(r.values("m_theta.npy")[last] > 3.0);  // it did fall over
        return (energy(last) - energy(0)) / energy(0);
    };
    double fine = drift("1", "1e-5 second"), coarse = drift("2", "2e-5 second");
    CHECK(std::abs(fine) < 2e-4);
    CHECK(coarse / fine == doctest::Approx(2.0).epsilon(0.05));
}

TEST_CASE("models: error microcircuit, the forward rule's post factor is the previous step's apical drive (spec §0.5)") {
    // ŭ − ĝ v_bas_old = (gapi / g_P) v_api of the step before, for every representation unit while
    // it is nudged and learning; the spec measured 3e-14 in the original.
    std::string text = model_text("error_microcircuit.nj") +
                       "\nmonitor identity = state(R, post_fw, v_api, record = 0:3)\n";
    RunOptions options;
    options.mode = "errormc";
    options.overrides = {{"epochs", "1"}, {"dataset_size", "10"}, {"settling_time", "0.2 ms"}};
    auto r = run_ok(text, options);
    const auto& post = r.values("identity_post_fw.npy");
    const auto& apical = r.values("identity_v_api.npy");
    const double ratio = 0.06 / (0.03 + 0.1 + 0.06);  // gapi / g_P
    // steps 20 .. 219 are the training epoch (settling is 20 steps); units 0-1 hidden, 2 output
    double worst = 0, largest = 0;
    for (size_t n = 22; n < 220; ++n) {
        for (size_t k = 0; k < 3; ++k) {
            // monitors record at the start of a step, before its sums: the v_api of row n is the
            // one the previous step computed and used
            worst = std::max(worst, std::abs(post[n * 3 + k] - ratio * apical[n * 3 + k]));
            largest = std::max(largest, std::abs(post[n * 3 + k]));
        }
    }
    CHECK(largest > 1e-3);  // the identity is not 0 = 0
    CHECK(worst < 1e-12);
}
