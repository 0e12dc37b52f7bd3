// Mechanisms of models/olfactory_connectome.nj checked one by one on small models written in the
// same form as the model file: the two-compartment Kenyon cell against a matrix exponential,
// Tsodyks-Markram depression against its recursion and steady state, and the gap-junction
// currents' antisymmetry. Fast (no data files); the whole model runs in the "models:" suite.
#include "tests/unit/runtime/run_helpers.h"

#include <doctest/doctest.h>
#include <Eigen/Dense>
#include <unsupported/Eigen/MatrixFunctions>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

using nj::rt::testing::run_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;
using nj::rt::testing::column;

namespace {

/// |a - b| / |b|, or |a - b| when b is 0.
double relative_error(double a, double b) {
    return b == 0 ? std::abs(a - b) : std::abs(a - b) / std::abs(b);
}

// The Kenyon cell of the model file (§3.3) with its input currents as per-neuron parameters and
// its two decaying synaptic currents; a threshold as in the model, never reached from these
// states. Two groups, because g_s is shared: its initial and its trained value.
const char* kenyon_model = R"(
param dt = 1 ms
param R_m = 1 Gohm
param V_rest = -60 mV
param V_reset = -60 mV
param tau_kc = 20 ms
param tau_syn = 5 ms
param tau_ref = 2 ms
let C_kc = tau_kc / R_m
param apl_on = true
neuron KenyonCell {
  equations {
    dvd/dt = (V_rest - vd) / tau_kc + g_s * (va - vd) / C_kc + I_d / C_kc : volt
    dva/dt = (V_rest - va) / tau_kc + g_s * (vd - va) / C_kc + I_a / C_kc : volt
    I_d = (I_ff + I_inj) / (1 + int(apl_on) * D) + I_dd + I_kd : amp (constant over dt)
    I_a = I_ka + I_da : amp (constant over dt)
    dI_ff/dt = -I_ff / tau_syn : amp
    dI_kd/dt = -I_kd / tau_syn : amp
    dI_ka/dt = -I_ka / tau_syn : amp
    I_inj : amp (constant)
    D : 1 (constant)
    I_dd : amp (constant)
    I_da : amp (constant)
    g_s : siemens (shared, constant)
    v_th : volt (constant)
    count : 1
  }
  threshold: va > v_th
  reset: vd = V_reset; va = V_reset; count += 1
  refractory: tau_ref
  method: exact
}
group K0 = KenyonCell(4) {
  g_s = 10 nS
  v_th = -37.5 mV
  I_inj = 2 pA * i
  D = 0.5 * i
  I_dd = 3 pA - 1 pA * i
  I_da = 4 pA
  init: vd = -50 mV - 3 mV * i; va = -65 mV - 4 mV * i; I_ff = 12 pA + 5 pA * i; I_kd = 1 pA; I_ka = -8 pA + 2 pA * i
}
group K1 = KenyonCell(4) {
  g_s = 14.6 nS
  v_th = -37.5 mV
  I_inj = 6 pA
  D = 1.5 - 0.25 * i
  I_dd = 0 pA
  I_da = -2 pA * i
  init: vd = -70 mV + 5 mV * i; va = -45 mV - 2 mV * i; I_ff = 20 pA; I_kd = -3 pA * i; I_ka = 5 pA
}
monitor k0 = state(K0, vd, va, I_ff, I_kd, I_ka, every = dt)
monitor k1 = state(K1, vd, va, I_ff, I_kd, I_ka, every = dt)
run 8 ms
)";

/// Checks group `group`'s recorded (vd, va) against the propagator computed here with Eigen.
void check_kenyon_group(const RunResult& r, const std::string& group, double g_s) {
    const double dt = 1e-3, tau = 20e-3, c = 20e-12, v_rest = -60e-3, tau_syn = 5e-3;
    // C dV/dt = -g_L (V - V_rest) + g_s (V_other - V) + I, with g_L = C / tau: dx/dt = A x + b,
    // A = [[-(1/tau + k), k], [k, -(1/tau + k)]], k = g_s / C, b = V_rest / tau + I / C.
    const double k = g_s / c;
    Eigen::Matrix2d a;
    a << -(1 / tau + k), k, k, -(1 / tau + k);
    // With b held over the step, x(t + dt) = e^{A dt} x(t) + A^{-1} (e^{A dt} - I) b: the
    // variation-of-constants integral of e^{A s} b over [0, dt].
    const Eigen::Matrix2d m = (a * dt).exp();
    const Eigen::Matrix2d kmat = a.inverse() * (m - Eigen::Matrix2d::Identity());
    const std::string mon = group == "K0" ? "k0" : "k1";
    for (size_t n = 0; n < 4; ++n) {
        CAPTURE(group);
        CAPTURE(n);
        std::vector<double> vd = column(r, mon + "_vd.npy", n), va = column(r, mon + "_va.npy", n);
        std::vector<double> iff = column(r, mon + "_I_ff.npy", n);
        std::vector<double> ikd = column(r, mon + "_I_kd.npy", n);
        std::vector<double> ika = column(r, mon + "_I_ka.npy", n);
        const double i_inj = r.array(group + ".I_inj")[n], d = r.array(group + ".D")[n];
        const double i_dd = r.array(group + ".I_dd")[n], i_da = r.array(group + ".I_da")[n];
        // Row 0 is the initial state, a non-rest one; the reference starts from it and runs
        // on its own, so errors of every step add up in the comparison.
        REQUIRE(vd.size() == 8);
        REQUIRE(std::abs(vd[0] - va[0]) > 1e-3);
        Eigen::Vector2d x(vd[0], va[0]);
        double ff = iff[0], kd = ikd[0], ka = ika[0];
        for (size_t step = 0; step < 8; ++step) {
            CAPTURE(step);
            // the inputs at the start of the step, held over it (constant over dt)
            const double in_d = (ff + i_inj) / (1 + d) + i_dd + kd;
            const double in_a = ka + i_da;
            const Eigen::Vector2d b(v_rest / tau + in_d / c, v_rest / tau + in_a / c);
            x = m * x + kmat * b;
            const double decay = std::exp(-dt / tau_syn);
            ff *= decay;
            kd *= decay;
            ka *= decay;
            // the next row, or the final state after the last step
            const double got_d = step + 1 < 8 ? vd[step + 1] : r.array(group + ".vd")[n];
            const double got_a = step + 1 < 8 ? va[step + 1] : r.array(group + ".va")[n];
            CHECK(relative_error(got_d, x(0)) <= 1e-12);
            CHECK(relative_error(got_a, x(1)) <= 1e-12);
        }
        // the coupling must have moved the state, else the comparison would say little
        CHECK(std::abs(x(0) - vd[0]) + std::abs(x(1) - va[0]) > 2e-3);
        CHECK(r.array(group + ".count")[n] == 0.0);  // no threshold crossing
    }
}

}  // namespace

TEST_CASE("olfactory: Kenyon cell steps match expm(A dt) x + A^-1 (expm(A dt) - I) b") {
    // The compiler's exact method builds e^{A dt} by scaling and squaring of a Taylor polynomial
    // on the augmented (state, 1) system; Eigen's expm here uses Padé approximants. Both are
    // accurate to a few ulp at |A dt| ~ 1 (k dt = 0.5 and 0.73), so 8 steps stay within 1e-12
    // (measured: at most 2e-15).
    auto r = run_ok(kenyon_model);
    check_kenyon_group(r, "K0", 10e-9);
    check_kenyon_group(r, "K1", 14.6e-9);
}

namespace {

// A presynaptic cell firing at t = 0, T, 2T, ... into two post cells through the model's
// depressing pathway (form of P1-P16). The post cells accumulate the delivered current (no
// decay) and keep the resource seen by the last spike, before its depletion. The release noise
// of the model's line is kept but its draw held at 0, so each delivery is exactly s w U x.
const char* depression_model = R"(
param dt = 1 ms
param T_period = 20 ms
param std_on = true
param sigma_syn = 0.25
neuron Clock {
  threshold: abs(t - T_period * round(t / T_period)) < dt / 2
}
neuron Target {
  equations {
    I_syn : amp
    x_seen : 1
    nz : 1 (constant)
  }
}
group Pre = Clock(1)
group Post = Target(2) { nz = 0 }
synapses S(Pre -> Post) {
  connect: all
  order: same_step
  equations {
    w : 1 (constant)
    s : amp (shared, constant)
    U : 1 (shared, constant)
    tau_rec : second (shared, constant)
    dx/dt = (1 - x) / tau_rec : 1 (event-driven)
  }
  on_pre: x_seen_post = x; I_syn_post += s * w * where(std_on, U * x, 1) * (1 + sigma_syn * nz_post); x = x * (1 - U)
  init: w = 1 - 0.5 * j; s = 5 nA; U = 0.3; tau_rec = 200 ms; x = 1
}
monitor pre = spikes(Pre)
monitor post = state(Post, I_syn, x_seen, every = dt)
run 1200 ms
)";

}  // namespace

TEST_CASE("olfactory: short-term depression follows its recursion to the analytic steady state") {
    auto r = run_ok(depression_model);
    const double period = 20e-3, tau_rec = 200e-3, u = 0.3, s = 5e-9;
    const size_t spikes = 60;  // steps 0, 20, ..., 1180
    REQUIRE(r.values("pre_t.npy").size() == spikes);
    // Between spikes x recovers exactly, x(t) = 1 - (1 - x0) e^{-t/tau}; a spike releases U x
    // and leaves x (1 - U). So the resource before spike n+1 is
    //   x_{n+1} = 1 - (1 - (1 - U) x_n) e^{-T/tau},   x_0 = 1,
    // whose fixed point is x* = (1 - e^{-T/tau}) / (1 - (1 - U) e^{-T/tau}). The distance to it
    // shrinks by (1 - U) e^{-T/tau} = 0.633 per spike: below 1e-11 after 60 spikes.
    const double e = std::exp(-period / tau_rec);
    const double x_star = (1 - e) / (1 - (1 - u) * e);
    for (size_t post = 0; post < 2; ++post) {
        CAPTURE(post);
        const double weight = 1 - 0.5 * static_cast<double>(post);
        std::vector<double> seen = column(r, "post_x_seen.npy", post);
        std::vector<double> total = column(r, "post_I_syn.npy", post);
        double x = 1, before = 0;
        for (size_t n = 0; n < spikes; ++n) {
            CAPTURE(n);
            // a row holds the state at the start of its step: spike n shows in row 20 n + 1
            size_t row = 20 * n + 1;
            double delivered = total[row] - before;
            before = total[row];
            // the recursion, from the first spike on: same formula, equal up to exp's last bit
            CHECK(relative_error(seen[row], x) <= 1e-13);
            // a difference of two running sums, so a few ulp of the sum
            CHECK(relative_error(delivered, s * weight * u * x) <= 1e-11);
            if (n + 1 == spikes) {
                CHECK(relative_error(seen[row], x_star) <= 1e-9);
                CHECK(relative_error(delivered, s * weight * u * x_star) <= 1e-9);
            }
            x = 1 - (1 - (1 - u) * x) * e;
        }
    }
    // the first release is U s w from a full pool; by 60 spikes it is depressed to x* = 0.26
    CHECK(x_star == doctest::Approx(0.2597).epsilon(1e-3));

    // the ablation (std_on = false): every spike delivers s w, the pool is not read
    RunOptions off;
    off.overrides = {{"std_on", "false"}};
    auto plain = run_ok(depression_model, off);
    CHECK(plain.array("Post.I_syn")[0] == doctest::Approx(spikes * s).epsilon(1e-12));
}

namespace {

/// Writes a rows x cols matrix of contact counts (about one pair in four, not symmetric) to a
/// header-less CSV file in the temporary directory; returns its path.
std::string write_counts(const std::string& name, size_t rows, size_t cols, uint32_t seed,
                         std::vector<std::vector<int>>& counts) {
    std::mt19937 gen(seed);
    std::uniform_int_distribution<int> draw(0, 11);
    counts.assign(rows, std::vector<int>(cols, 0));
    auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream out(path);
    for (size_t a = 0; a < rows; ++a) {
        for (size_t b = 0; b < cols; ++b) {
            int value = draw(gen);
            counts[a][b] = value < 3 ? value + 1 : 0;
            out << (b ? "," : "") << counts[a][b];
        }
        out << "\n";
    }
    return path.string();
}

// The model's LN-LN gaps (one synapse per direction where either direction has contacts) and
// eLN-PN gaps (one synapse per pair, summed into both ends), n_batch = 2 copies of each
// population as in the model, with random voltages held fixed. The count matrices are files
// named by parameters, as the model's edge lists are.
const char* gap_model = R"(
param dt = 1 ms
param gaps_on = true
param n_batch = 2
param n_ln = 10
param n_pn = 7
param g_gap_ll = 0.1 nS
param g_gap_ep = 0.1 nS
param ll_file = ""
param lp_file = ""
table N_ln_ln = csv(ll_file, header = false)
table N_ln_pn_exc = csv(lp_file, header = false)
neuron Cell {
  equations {
    v : volt (constant)
    I_gap_a : amp
    I_gap_b : amp
    b : integer (constant)
    k : integer (constant)
  }
}
group LN = Cell(n_batch * n_ln) {
  b = i // n_ln
  k = i % n_ln
  v = -60 mV + 30 mV * (rand() - 0.5)
}
group PN = Cell(n_batch * n_pn) {
  b = i // n_pn
  k = i % n_pn
  v = -60 mV + 30 mV * (rand() - 0.5)
}
synapses G_LL(LN -> LN) {
  connect: j = b_pre * n_ln + m for m in range(n_ln) if m != k_pre and N_ln_ln[k_pre, m] + N_ln_ln[m, k_pre] > 0
  equations {
    g : siemens (shared, constant)
    I_gap_a_post = int(gaps_on) * g * (v_pre - v_post) : amp (summed)
  }
  init: g = g_gap_ll
}
synapses G_EP(LN -> PN) {
  connect: j = b_pre * n_pn + m for m in range(n_pn) if N_ln_pn_exc[k_pre, m] > 0
  equations {
    g : siemens (shared, constant)
    I_gap_b_post = int(gaps_on) * g * (v_pre - v_post) : amp (summed)
    I_gap_b_pre = int(gaps_on) * g * (v_post - v_pre) : amp (summed)
  }
  init: g = g_gap_ep
}
# one pair per slot, coupled both ways (LN-LN form) and by one two-ended synapse (eLN-PN form)
group Twin = Cell(n_batch * 2) {
  b = i // 2
  k = i % 2
  v = -60 mV + 30 mV * (rand() - 0.5)
}
synapses G_TT(Twin -> Twin) {
  connect: j = b_pre * 2 + m for m in range(2) if m != k_pre
  equations {
    g : siemens (shared, constant)
    I_gap_a_post = int(gaps_on) * g * (v_pre - v_post) : amp (summed)
  }
  init: g = g_gap_ll
}
synapses G_TE(Twin -> Twin) {
  connect: j = i + 1 for m in range(1) if k_pre == 0
  equations {
    g : siemens (shared, constant)
    I_gap_b_post = int(gaps_on) * g * (v_pre - v_post) : amp (summed)
    I_gap_b_pre = int(gaps_on) * g * (v_post - v_pre) : amp (summed)
  }
  init: g = g_gap_ep
}
run 2 ms
)";

}  // namespace

TEST_CASE("olfactory: gap-junction currents are antisymmetric and sum to zero") {
    const size_t n_ln = 10, n_pn = 7, batch = 2;
    const double g = 0.1e-9;
    std::vector<std::vector<int>> ll, lp;
    std::string ll_path = write_counts("nj_olf_gap_ll.csv", n_ln, n_ln, 7, ll);
    std::string lp_path = write_counts("nj_olf_gap_lp.csv", n_ln, n_pn, 8, lp);
    RunOptions files;
    files.overrides = {{"ll_file", '"' + ll_path + '"'}, {"lp_file", '"' + lp_path + '"'}};
    auto r = run_ok(gap_model, files);
    const auto& v_ln = r.array("LN.v");
    const auto& v_pn = r.array("PN.v");
    const auto& a_ln = r.array("LN.I_gap_a");
    const auto& b_ln = r.array("LN.I_gap_b");
    const auto& b_pn = r.array("PN.I_gap_b");

    // Independently: LN i of slot s receives g (v_m - v_i) from every LN m of the same slot with
    // contacts either way, and g (v_p - v_i) from every PN p its row of N_ln_pn_exc contacts; PN
    // p receives g (v_i - v_p) from each such LN. Every pair term appears once with each sign,
    // so the currents of one slot sum to 0 up to rounding of terms of size ~g * 30 mV.
    for (size_t slot = 0; slot < batch; ++slot) {
        CAPTURE(slot);
        double sum_a = 0, sum_b = 0, scale = 0;
        for (size_t k = 0; k < n_ln; ++k) {
            size_t i = slot * n_ln + k;
            double expect_a = 0, expect_b = 0;
            for (size_t m = 0; m < n_ln; ++m) {
                if (m != k && ll[k][m] + ll[m][k] > 0)
                    expect_a += g * (v_ln[slot * n_ln + m] - v_ln[i]);
            }
            for (size_t p = 0; p < n_pn; ++p) {
                if (lp[k][p] > 0) expect_b += g * (v_pn[slot * n_pn + p] - v_ln[i]);
            }
            CAPTURE(k);
            CHECK(a_ln[i] == doctest::Approx(expect_a).epsilon(1e-12).scale(1e-12));
            CHECK(b_ln[i] == doctest::Approx(expect_b).epsilon(1e-12).scale(1e-12));
            sum_a += a_ln[i];
            sum_b += b_ln[i];
            scale += std::abs(a_ln[i]) + std::abs(b_ln[i]);
        }
        for (size_t p = 0; p < n_pn; ++p) {
            size_t i = slot * n_pn + p;
            double expect = 0;
            for (size_t k = 0; k < n_ln; ++k) {
                if (lp[k][p] > 0) expect += g * (v_ln[slot * n_ln + k] - v_pn[i]);
            }
            CAPTURE(p);
            CHECK(b_pn[i] == doctest::Approx(expect).epsilon(1e-12).scale(1e-12));
            sum_b += b_pn[i];
            scale += std::abs(b_pn[i]);
        }
        REQUIRE(scale > 1e-11);  // currents of ~pA, not all zero
        CHECK(std::abs(sum_a) <= 1e-13 * scale);
        CHECK(std::abs(sum_b) <= 1e-13 * scale);
    }

    // Pairwise, where one pair is all a cell receives: g (v_b - v_a) and g (v_a - v_b) are exact
    // negatives in floating point (a - b = -(b - a), and a product's sign is exact).
    const auto& twin_v = r.array("Twin.v");
    const auto& twin_a = r.array("Twin.I_gap_a");
    const auto& twin_b = r.array("Twin.I_gap_b");
    for (size_t slot = 0; slot < batch; ++slot) {
        CAPTURE(slot);
        size_t first = 2 * slot, second = first + 1;
        double expect = g * (twin_v[second] - twin_v[first]);
        CHECK(twin_a[first] == doctest::Approx(expect).epsilon(1e-12));
        CHECK(twin_a[first] == -twin_a[second]);
        CHECK(twin_b[first] == twin_a[first]);
        CHECK(twin_b[first] == -twin_b[second]);
        CHECK(twin_a[first] != 0.0);
    }
    // In the network, every LN-LN synapse a -> b has its mirror b -> a in the same slot.
    const auto& pre = r.array("G_LL.pre");
    const auto& post = r.array("G_LL.post");
    std::set<std::pair<long, long>> pairs;
    for (size_t s = 0; s < pre.size(); ++s)
        pairs.insert({std::lround(pre[s]), std::lround(post[s])});
    REQUIRE(!pairs.empty());
    for (const auto& [a, b] : pairs) {
        CAPTURE(a);
        CAPTURE(b);
        CHECK(pairs.count({b, a}) == 1);
        CHECK(a / static_cast<long>(n_ln) == b / static_cast<long>(n_ln));
    }
    std::filesystem::remove(ll_path);
    std::filesystem::remove(lp_path);
}
