// Each plasticity rule of models/error_microcircuit.nj on a one-neuron-per-area network (layers
// 1-1-1) against its hand derivation from shared/specs/error_microcircuits.md (§0.4, §0.5, §1.4,
// §2.4, §3, §4). The networks are built from the model file's own declarations (prelude, neuron
// types, groups and synapses, cut out of the file at test time), so these test the model's rules,
// not a copy; the model's protocol is left out, which keeps each case well under a second.
//
// Step convention: row n of a monitor is the state at t_n = n dt, before step n (t_n -> t_n+1).
// The expected change w_n+1 - w_n is computed from the recorded somatic voltages, input rates and
// weights alone: ŭ_n = u_n-1 + tau (u_n - u_n-1) / dt (§0.4), r = phi(ŭ), dendrites recomputed
// from the weights and rates of the step they belong to, and §0.5: "post" from ŭ_n and the
// previous step's dendrite, "pre" from the previous step's rate.
#include "tests/unit/runtime/run_helpers.h"

#include <cmath>
#include <functional>
#include <fstream>
#include <sstream>

using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;
using nj::rt::testing::run_ok;

namespace {

// conductances (1/ms) and step (ms) of the model's defaults (§0.2); tests that need the
// output's or the interneurons' time constants to differ from tau_P override gntgt and gnI
constexpr double dt = 0.01, gl = 0.03, gbas = 0.1, gapi = 0.06, gden = 0.1;
constexpr double g_P = gl + gbas + gapi;
constexpr double ghat = gbas / g_P;            // §0.2, hidden areas (and every errormc area)
constexpr double ghat_out = gbas / (gl + gbas);  // §0.2, sacramento/dPC output area
constexpr double rel_tol = 1e-12;

std::string model_file() {
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/models/error_microcircuit.nj");
    REQUIRE(in.good());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Everything before the neuron types: imports, parameters, modes, helper functions.
std::string prelude(const std::string& model) {
    auto end = model.find("# ================================================================= neuron types");
    REQUIRE(end != std::string::npos);
    return model.substr(0, end);
}

// The declaration that starts a line with `head`: that line, or through its closing brace when
// the line opens one.
std::string block(const std::string& model, const std::string& head) {
    INFO("declaration: ", head);
    auto start = model.find("\n" + head);
    REQUIRE(start != std::string::npos);
    ++start;
    auto line_end = model.find('\n', start);
    auto open = model.find('{', start);
    if (open > line_end) return model.substr(start, line_end - start + 1);
    int depth = 0;
    for (size_t k = open; k < model.size(); ++k) {
        if (model[k] == '{') ++depth;
        if (model[k] == '}' && --depth == 0) return model.substr(start, k - start + 1) + "\n";
    }
    FAIL("unbalanced braces");
    return {};
}

// A 1-1-1 network of the model's declarations `heads`, the extra text (monitors, protocol
// settings) and `steps` steps; the input changes every step (Tpres = dt), so "previous" and
// "current" input differ.
RunResult run_one_neuron(const std::vector<std::string>& heads, const std::string& extra, int steps,
                         std::vector<std::pair<std::string, std::string>> overrides) {
    std::string model = model_file();
    std::string text = prelude(model);
    for (const auto& head : heads) text += block(model, head);
    text += extra + "run " + std::to_string(steps) + " * dt\n";
    RunOptions options;
    options.seed = 3;
    options.overrides = {{"layers", "[1, 1, 1]"}, {"error_layers", "[0, 1, 1]"}, {"Tpres", "0.01 ms"}};
    for (auto& o : overrides) options.overrides.push_back(std::move(o));
    return run_ok(text, options);
}

// Row `row`, column `col` of a recorded (time, element) trace.
double at(const RunResult& r, const std::string& file, size_t row, size_t col = 0) {
    const auto& shape = r.shape(file);
    REQUIRE(shape.size() == 2);
    REQUIRE(row < shape[0]);
    REQUIRE(col < shape[1]);
    return r.values(file)[row * shape[1] + col];
}

// The index of synapse pre -> post of projection `s`.
size_t synapse(const RunResult& r, const std::string& s, int pre, int post) {
    const auto& pres = r.array(s + ".pre");
    const auto& posts = r.array(s + ".post");
    for (size_t k = 0; k < pres.size(); ++k) {
        if (pres[k] == pre && posts[k] == post) return k;
    }
    FAIL("no synapse ", s, " ", pre, " -> ", post);
    return 0;
}

// `got` equals `want` within rel_tol of |want|, and the comparison is not 0 = 0.
void check_rel(double got, double want) {
    INFO("got ", got, ", hand derivation ", want);
    CHECK(std::abs(want) > 1e-8);
    CHECK(std::abs(got - want) <= rel_tol * std::abs(want));
}

// Prospective voltage ŭ_n of column `col` of the recorded u trace `file` (§0.4).
double breve(const RunResult& r, const std::string& file, size_t n, size_t col, double tau) {
    double before = at(r, file, n - 1, col), now = at(r, file, n, col);
    return before + tau * (now - before) / dt;
}

// The errormc forward-rule runs (Skip mode, realistic connectivity, Fig. 3): Wi holds In -> R0
// (eta_fw[0] x mask 1) and the skip block In -> R1 (mask 0: eta 0, w 0); Wr holds R0 -> R1
// (eta_fw[1] x markov[1] = 1). The rates are raised to 30 and 20 / ms (dt eta = 0.3, 0.2) so that
// each change is a sizeable part of w and the 1e-12 relative comparison is not eaten by w's
// rounding.
constexpr double emc_eta_in = 30, emc_eta_rr = 20;

RunResult errormc_forward_run(const std::string& rstar, bool use_activation) {
    std::vector<std::pair<std::string, std::string>> overrides = {
        {"eta_fw_emc", "[30 / ms, 20 / ms, 0 / ms, 0 / ms, 0 / ms]"}};
    if (use_activation) overrides.emplace_back("dWPP_use_activation_emc", "true");
    return run_one_neuron({"neuron InputUnit", "neuron EmcRep", "neuron EmcErr", "group In =", "group R =",
                           "group E =", "synapses Wi(", "synapses Wr(", "synapses Wip(", "synapses Bpi(",
                           "synapses Bii("},
                          "monitor m_r = state(R, u, every = dt)\nmonitor m_in = state(In, r, every = dt)\n"
                          "monitor m_wi = weights(Wi, every = dt)\nmonitor m_wr = weights(Wr, every = dt)\n"
                          "set nudge = 1\nset R.rstar_t = " + rstar + "\n",
                          7, overrides);
}

/// Steps 2-5 of an errormc forward run: Wi and Wr change by dt eta post(ŭ_n, ĝ v_bas_old) r_old.
void check_errormc_forward(const RunResult& r, const std::function<double(double, double)>& post) {
    const double tau_P = 1 / g_P;
    size_t in0 = synapse(r, "Wi", 0, 0), in1 = synapse(r, "Wi", 0, 1), rr = synapse(r, "Wr", 0, 1);
    for (size_t n = 2; n <= 5; ++n) {
        INFO("step ", n);
        double ub1 = breve(r, "m_r_u.npy", n, 0, tau_P), ub2 = breve(r, "m_r_u.npy", n, 1, tau_P);
        double r0_old = at(r, "m_in_r.npy", n - 1);
        double r1_old = std::tanh(breve(r, "m_r_u.npy", n - 1, 0, tau_P));
        double vbas1_old = at(r, "m_wi_w.npy", n - 1, in0) * r0_old;
        double vbas2_old = at(r, "m_wr_w.npy", n - 1, rr) * r1_old + at(r, "m_wi_w.npy", n - 1, in1) * r0_old;
        check_rel(at(r, "m_wi_w.npy", n + 1, in0) - at(r, "m_wi_w.npy", n, in0),
                  dt * emc_eta_in * post(ub1, ghat * vbas1_old) * r0_old);
        check_rel(at(r, "m_wr_w.npy", n + 1, rr) - at(r, "m_wr_w.npy", n, rr),
                  dt * emc_eta_rr * post(ub2, ghat * vbas2_old) * r1_old);
        CHECK(at(r, "m_wi_w.npy", n, in1) == 0.0);  // skip block In -> area 2: mask 0, eta 0
    }
}

}  // namespace

TEST_CASE("error microcircuit rules: errormc forward weights, dW/dt = eta (ŭ - ĝ v_bas_old) r_old (§1.4)") {
    // Hand derivation for step n (n >= 2, so that r_old comes from a recorded ŭ):
    //   ŭ_n   = u_n-1 + tau_P (u_n - u_n-1) / dt,  tau_P = 1 / g_P, for both areas (§1.3)
    //   v_bas_old(area 1) = Wi_n-1 r0_n-1;  v_bas_old(area 2) = Wr_n-1 tanh(ŭ^1_n-1)
    //   Wi_n+1 - Wi_n = dt eta_fw[0] (ŭ^1_n - ĝ v_bas_old(1)) r0_n-1
    //   Wr_n+1 - Wr_n = dt eta_fw[1] (ŭ^2_n - ĝ v_bas_old(2)) tanh(ŭ^1_n-1),  ĝ = gbas / g_P in
    //   every area, the output included.
    check_errormc_forward(errormc_forward_run("0.4", false), [](double ub, double gv) { return ub - gv; });
}

TEST_CASE("error microcircuit rules: errormc forward weights with dWPP_use_activation, post = phi(ŭ) - phi(ĝ v_bas_old) (§1.4)") {
    // As the previous case with the post factor tanh(ŭ_n) - tanh(ĝ v_bas_old).
    check_errormc_forward(errormc_forward_run("-0.3", true),
                          [](double ub, double gv) { return std::tanh(ub) - std::tanh(gv); });
}

TEST_CASE("error microcircuit rules: errormc lateral weights relax to the identity, dW/dt = -eta (W - I) (§1.4)") {
    // W_IP (R_k -> E_k) and B_PI (E_k -> R_k) of a one-neuron area are the diagonal entry, so
    //   W_n+1 - W_n = -dt eta_k (W_n - 1),
    // on the weight at the start of the step (forward Euler), with eta_IP = [20, 10] / ms and
    // eta_PI = [15, 5] / ms for areas 1 and 2 (0 in every shipped experiment).
    auto r = run_one_neuron({"neuron InputUnit", "neuron EmcRep", "neuron EmcErr", "group In =", "group R =",
                             "group E =", "synapses Wi(", "synapses Wr(", "synapses Wip(", "synapses Bpi(",
                             "synapses Bii("},
                            "monitor m_wip = weights(Wip, every = dt)\nmonitor m_bpi = weights(Bpi, every = dt)\n"
                            "set nudge = 1\n",
                            6,
                            {{"eta_IP_emc", "[20 / ms, 10 / ms, 0 / ms, 0 / ms, 0 / ms]"},
                             {"eta_PI_emc", "[15 / ms, 5 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    const double eta_ip[] = {20, 10}, eta_pi[] = {15, 5};
    for (int k = 0; k < 2; ++k) {
        size_t ip = synapse(r, "Wip", k, k), pi = synapse(r, "Bpi", k, k);
        for (size_t n = 0; n <= 4; ++n) {
            INFO("area ", k + 1, ", step ", n);
            double wip = at(r, "m_wip_w.npy", n, ip), bpi = at(r, "m_bpi_w.npy", n, pi);
            check_rel(at(r, "m_wip_w.npy", n + 1, ip) - wip, -dt * eta_ip[k] * (wip - 1));
            check_rel(at(r, "m_bpi_w.npy", n + 1, pi) - bpi, -dt * eta_pi[k] * (bpi - 1));
        }
    }
}

TEST_CASE("error microcircuit rules: errormc backward weights, BP B_II = W^T + Xi with Xi on the diagonal blocks, FA fixed (§1.4)") {
    // Skip mode, 1-1-1: B_II has E1 -> E0 (the transpose of Wr's R0 -> R1) and the self-couplings
    // E0 -> E0, E1 -> E1 of the diagonal blocks, which get noise only (Xi before triu, §1.4).
    // Hand derivation (BP): B(E1 -> E0) = Wr + Xi_10, B(Ek -> Ek) = Xi_kk, Xi fixed.
    // Timing: the spec re-sets B in step n from W_n, before W's own change (§0.5 step 6), so
    // B_n+1 = W_n + Xi: B lags W by one update. (B's clock-driven update reads Wr.w and so runs
    // before Wr's.)
    const std::vector<std::string> heads = {"neuron InputUnit", "neuron EmcRep", "neuron EmcErr", "group In =",
                                            "group R =", "group E =", "synapses Wi(", "synapses Wr(",
                                            "synapses Wip(", "synapses Bpi(", "synapses Bii("};
    const std::string monitors =
        "monitor m_wr = weights(Wr, every = dt)\nmonitor m_b = weights(Bii, every = dt)\nset nudge = 1\n";
    auto r = run_one_neuron(heads, monitors, 6, {{"eta_fw_emc", "[30 / ms, 20 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    size_t rr = synapse(r, "Wr", 0, 1), b10 = synapse(r, "Bii", 1, 0);
    const auto& xi = r.array("Bii.noise_bp");
    for (size_t n = 1; n <= 5; ++n) {
        INFO("step ", n);
        double w_before = at(r, "m_wr_w.npy", n - 1, rr);
        check_rel(at(r, "m_b_w.npy", n, b10), w_before + xi[b10]);
        CHECK(at(r, "m_wr_w.npy", n, rr) != w_before);  // W moves, so the lag is seen
        for (int k = 0; k < 2; ++k) {
            size_t self = synapse(r, "Bii", k, k);
            CHECK(at(r, "m_b_w.npy", n, self) == xi[self]);
            CHECK(xi[self] != 0.0);
        }
    }
    // FA: B_II keeps its initial value (U(init_B) x markov mask; the diagonal blocks' mask is 0)
    auto fa = run_one_neuron(heads, monitors, 6, {{"eta_fw_emc", "[30 / ms, 20 / ms, 0 / ms, 0 / ms, 0 / ms]"},
                                                  {"bp", "false"}});
    size_t fa10 = synapse(fa, "Bii", 1, 0);
    CHECK(at(fa, "m_b_w.npy", 0, fa10) != 0.0);
    CHECK(at(fa, "m_wr_w.npy", 5, synapse(fa, "Wr", 0, 1)) != at(fa, "m_wr_w.npy", 0, synapse(fa, "Wr", 0, 1)));
    for (size_t n = 1; n <= 5; ++n) {
        CHECK(at(fa, "m_b_w.npy", n, fa10) == at(fa, "m_b_w.npy", 0, fa10));
        CHECK(at(fa, "m_b_w.npy", n, synapse(fa, "Bii", 0, 0)) == 0.0);
    }
}

namespace {

const std::vector<std::string> sacramento_heads = {"neuron InputUnit", "neuron SacPyr", "neuron SacInt",
                                                   "group In =", "group SP =", "group SI =", "synapses Wi_s(",
                                                   "synapses Wr_s(", "synapses Bpp_s(", "synapses Bpi_s(",
                                                   "synapses Wip_s(", "synapses Nudge_s("};
const std::string sacramento_monitors =
    "monitor m_p = state(SP, u, every = dt)\nmonitor m_i = state(SI, u, every = dt)\n"
    "monitor m_in = state(In, r, every = dt)\nmonitor m_wi = weights(Wi_s, every = dt)\n"
    "monitor m_wr = weights(Wr_s, every = dt)\nmonitor m_bpp = weights(Bpp_s, every = dt)\n"
    "monitor m_bpi = weights(Bpi_s, every = dt)\nmonitor m_wip = weights(Wip_s, every = dt)\n"
    "set nudge = 1\nset SP.ustar = 0.3\n";
// gntgt and gnI moved off the defaults so that tau_L = 1 / (gl + gbas + gntgt) and
// tau_I = 1 / (gl + gden + gnI) differ from tau_P (with the defaults all three are 1 / 0.19 ms)
constexpr double sac_gntgt = 0.09, sac_gnI = 0.05;

}  // namespace

TEST_CASE("error microcircuit rules: sacramento2018 forward and interneuron weights (§2.4)") {
    // Areas: P0 (hidden, tau_P = 1/g_P), P1 (output, tau_L = 1/(gl+gbas+gntgt)), one interneuron
    // I0 mirroring P1 (tau_I = 1/(gl+gden+gnI), activation of area 2 = tanh).
    // Hand derivation, step n >= 2, dWPP_use_activation = true (Fig. 3):
    //   Wi_n+1 - Wi_n   = dt eta_fw[0] (tanh(ŭ^P0_n) - tanh(ĝ Wi_n-1 r0_n-1)) r0_n-1,   ĝ = gbas/g_P
    //   Wr_n+1 - Wr_n   = dt eta_fw[1] (tanh(ŭ^P1_n) - tanh(ĝ_out Wr_n-1 r^P0_n-1)) r^P0_n-1,
    //                     ĝ_out = gbas/(gl+gbas) for the output area
    //   Wip_n+1 - Wip_n = dt eta_IP[0] (tanh(ŭ^I0_n) - tanh(gden/(gl+gden) Wip_n-1 r^P0_n-1)) r^P0_n-1
    // with r^P0_n-1 = tanh(ŭ^P0_n-1); rates 20, 10 and 20 / ms.
    // BP (§2.4): B_PP = W^T + Xi and B_PI = -B_PP, re-set from W before W's change of the step
    // (§0.5 step 6), so one update behind: B_n = W_n-1 + Xi.
    auto r = run_one_neuron(sacramento_heads, sacramento_monitors, 7,
                            {{"run_sacramento", "true"}, {"gntgt", "0.09 / ms"}, {"gnI", "0.05 / ms"},
                             {"eta_fw_sac", "[20 / ms, 10 / ms, 0 / ms, 0 / ms, 0 / ms]"},
                             {"eta_IP_sac", "[20 / ms, 0 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    const double tau_P = 1 / g_P, tau_L = 1 / (gl + gbas + sac_gntgt), tau_I = 1 / (gl + gden + sac_gnI);
    const double eta_in = 20, eta_rr = 10, eta_ip = 20;
    const auto& xi = r.array("Bpp_s.noise_bp");
    for (size_t n = 2; n <= 5; ++n) {
        INFO("step ", n);
        double ub0 = breve(r, "m_p_u.npy", n, 0, tau_P), ub1 = breve(r, "m_p_u.npy", n, 1, tau_L);
        double ubi = breve(r, "m_i_u.npy", n, 0, tau_I);
        double r0_old = at(r, "m_in_r.npy", n - 1);
        double rp0_old = std::tanh(breve(r, "m_p_u.npy", n - 1, 0, tau_P));
        check_rel(at(r, "m_wi_w.npy", n + 1) - at(r, "m_wi_w.npy", n),
                  dt * eta_in * (std::tanh(ub0) - std::tanh(ghat * at(r, "m_wi_w.npy", n - 1) * r0_old)) * r0_old);
        check_rel(at(r, "m_wr_w.npy", n + 1) - at(r, "m_wr_w.npy", n),
                  dt * eta_rr * (std::tanh(ub1) - std::tanh(ghat_out * at(r, "m_wr_w.npy", n - 1) * rp0_old)) *
                      rp0_old);
        check_rel(at(r, "m_wip_w.npy", n + 1) - at(r, "m_wip_w.npy", n),
                  dt * eta_ip *
                      (std::tanh(ubi) - std::tanh(gden / (gl + gden) * at(r, "m_wip_w.npy", n - 1) * rp0_old)) *
                      rp0_old);
        check_rel(at(r, "m_bpp_w.npy", n), at(r, "m_wr_w.npy", n - 1) + xi[0]);
        check_rel(at(r, "m_bpi_w.npy", n), -(at(r, "m_wr_w.npy", n - 1) + xi[0]));
    }
}

TEST_CASE("error microcircuit rules: sacramento2018 FA, B_PI learns -eta v_api_old r_I_old and B_PP stays fixed (§2.4)") {
    // bp = false, eta_PI = 20 / ms, not in the self-predicting state (there v_api is nearly 0 and
    // the change too small for a 1e-12 comparison). Hand derivation, step n >= 2:
    //   v_api_old = B_PP,n-1 tanh(ŭ^P1_n-1) + B_PI,n-1 tanh(ŭ^I0_n-1)     (§2.3, hidden area)
    //   B_PI,n+1 - B_PI,n = -dt eta_PI v_api_old tanh(ŭ^I0_n-1)
    auto r = run_one_neuron(sacramento_heads, sacramento_monitors, 7,
                            {{"run_sacramento", "true"}, {"gntgt", "0.09 / ms"}, {"gnI", "0.05 / ms"}, {"bp", "false"},
                             {"init_in_SPS", "false"},
                             {"eta_PI_sac", "[20 / ms, 0 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    const double tau_L = 1 / (gl + gbas + sac_gntgt), tau_I = 1 / (gl + gden + sac_gnI);
    const double eta_pi = 20;
    for (size_t n = 2; n <= 5; ++n) {
        INFO("step ", n);
        double rp1_old = std::tanh(breve(r, "m_p_u.npy", n - 1, 1, tau_L));
        double ri_old = std::tanh(breve(r, "m_i_u.npy", n - 1, 0, tau_I));
        double vapi_old = at(r, "m_bpp_w.npy", n - 1) * rp1_old + at(r, "m_bpi_w.npy", n - 1) * ri_old;
        check_rel(at(r, "m_bpi_w.npy", n + 1) - at(r, "m_bpi_w.npy", n), -dt * eta_pi * vapi_old * ri_old);
        CHECK(at(r, "m_bpp_w.npy", n) == at(r, "m_bpp_w.npy", 0));
    }
}

TEST_CASE("error microcircuit rules: dPC forward weights and the lateral B_PI rule (§3)") {
    // Linear pyramidal units (r = ŭ), dWPP_use_activation = false. Hand derivation, step n >= 3:
    //   Wi_n+1 - Wi_n = dt eta_fw[0] (ŭ^P0_n - ĝ Wi_n-1 r0_n-1) r0_n-1,                ĝ = gbas/g_P
    //   Wr_n+1 - Wr_n = dt eta_fw[1] (ŭ^P1_n - ĝ_out Wr_n-1 ŭ^P0_n-1) ŭ^P0_n-1,   ĝ_out = gbas/(gl+gbas)
    //   the "interneuron" rate is the own rate one step back, r^I_n = ŭ^P0_n-1, so
    //   v_api_old = B_PP,n-1 ŭ^P1_n-1 + B_PI,n-1 ŭ^P0_n-2 and
    //   B_PI,n+1 - B_PI,n = -dt eta_PI v_api_old ŭ^P0_n-2   (r^I_old: the rate two steps back)
    // with rates 20, 10 and 20 / ms. BP: B_PP = W^T + Xi (model timing as for errormc), B_PI is
    // not overwritten.
    auto r = run_one_neuron({"neuron InputUnit", "neuron SacPyr", "group In =", "group DP =", "synapses Wi_d(",
                             "synapses Wr_d(", "synapses Bpp_d(", "synapses Bpi_d("},
                            "monitor m_p = state(DP, u, every = dt)\nmonitor m_in = state(In, r, every = dt)\n"
                            "monitor m_wi = weights(Wi_d, every = dt)\nmonitor m_wr = weights(Wr_d, every = dt)\n"
                            "monitor m_bpp = weights(Bpp_d, every = dt)\nmonitor m_bpi = weights(Bpi_d, every = dt)\n"
                            "set nudge = 1\nset DP.ustar = 0.3\n",
                            7,
                            {{"run_dpc", "true"}, {"gntgt", "0.09 / ms"},
                             {"eta_fw_dpc", "[20 / ms, 10 / ms, 0 / ms, 0 / ms, 0 / ms]"},
                             {"eta_PI_dpc", "[20 / ms, 0 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    const double tau_P = 1 / g_P, tau_L = 1 / (gl + gbas + sac_gntgt);
    const double eta_in = 20, eta_rr = 10, eta_pi = 20;
    const auto& xi = r.array("Bpp_d.noise_bp");
    for (size_t n = 3; n <= 5; ++n) {
        INFO("step ", n);
        double ub0 = breve(r, "m_p_u.npy", n, 0, tau_P), ub1 = breve(r, "m_p_u.npy", n, 1, tau_L);
        double r0_old = at(r, "m_in_r.npy", n - 1);
        double rp0_old = breve(r, "m_p_u.npy", n - 1, 0, tau_P), rp0_old2 = breve(r, "m_p_u.npy", n - 2, 0, tau_P);
        double rp1_old = breve(r, "m_p_u.npy", n - 1, 1, tau_L);
        check_rel(at(r, "m_wi_w.npy", n + 1) - at(r, "m_wi_w.npy", n),
                  dt * eta_in * (ub0 - ghat * at(r, "m_wi_w.npy", n - 1) * r0_old) * r0_old);
        check_rel(at(r, "m_wr_w.npy", n + 1) - at(r, "m_wr_w.npy", n),
                  dt * eta_rr * (ub1 - ghat_out * at(r, "m_wr_w.npy", n - 1) * rp0_old) * rp0_old);
        double vapi_old = at(r, "m_bpp_w.npy", n - 1) * rp1_old + at(r, "m_bpi_w.npy", n - 1) * rp0_old2;
        check_rel(at(r, "m_bpi_w.npy", n + 1) - at(r, "m_bpi_w.npy", n), -dt * eta_pi * vapi_old * rp0_old2);
        check_rel(at(r, "m_bpp_w.npy", n), at(r, "m_wr_w.npy", n - 1) + xi[0]);
    }
}

TEST_CASE("error microcircuit rules: ANN errors and forward weights, dW = dt eta e r_old (§4)") {
    // No lookahead: r = tanh(u). Errors are single-step (§4), with target r* = 0.4 and BP B = W^T:
    //   e^out_n+1 = phi'(u^1_n) (r* - tanh(u^1_n)),   e^hid_n+1 = phi'(u^0_n) B_n e^out_n,
    //   phi'(x) = 1 - tanh(x)^2;
    //   Wi_n+1 - Wi_n = dt eta_fw[0] e^hid_n r0_n-1,   Wr_n+1 - Wr_n = dt eta_fw[1] e^out_n tanh(u^0_n-1)
    // (e from before the update, r from the previous step), rates 30 and 20 / ms; e starts at 0, so
    // the hidden error is nonzero from step 2. B = W^T exactly
    // (no noise), re-set from W before W's change of the step, as for the other students.
    auto r = run_one_neuron({"neuron InputUnit", "neuron AnnUnit", "group In =", "group AN =", "synapses Wi_a(",
                             "synapses Wr_a(", "synapses Bpp_a("},
                            "monitor m_a = state(AN, u, e, every = dt)\nmonitor m_in = state(In, r, every = dt)\n"
                            "monitor m_wi = weights(Wi_a, every = dt)\nmonitor m_wr = weights(Wr_a, every = dt)\n"
                            "monitor m_b = weights(Bpp_a, every = dt)\n"
                            "set nudge = 1\nset AN.rstar = 0.4\n",
                            7, {{"run_ann", "true"}, {"eta_fw_ann", "[30 / ms, 20 / ms, 0 / ms, 0 / ms, 0 / ms]"}});
    auto dphi = [](double x) { return 1 - std::tanh(x) * std::tanh(x); };
    for (size_t n = 2; n <= 5; ++n) {
        INFO("step ", n);
        double u0 = at(r, "m_a_u.npy", n, 0), u1 = at(r, "m_a_u.npy", n, 1);
        double e_hid = at(r, "m_a_e.npy", n, 0), e_out = at(r, "m_a_e.npy", n, 1);
        check_rel(at(r, "m_a_e.npy", n + 1, 1), dphi(u1) * (0.4 - std::tanh(u1)));
        check_rel(at(r, "m_a_e.npy", n + 1, 0), dphi(u0) * at(r, "m_b_w.npy", n) * e_out);
        check_rel(at(r, "m_wi_w.npy", n + 1) - at(r, "m_wi_w.npy", n), dt * 30 * e_hid * at(r, "m_in_r.npy", n - 1));
        check_rel(at(r, "m_wr_w.npy", n + 1) - at(r, "m_wr_w.npy", n),
                  dt * 20 * e_out * std::tanh(at(r, "m_a_u.npy", n - 1, 0)));
        check_rel(at(r, "m_b_w.npy", n), at(r, "m_wr_w.npy", n - 1));
    }
}
