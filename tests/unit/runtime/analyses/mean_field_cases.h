// Mean-field inputs shared by the mean-field tests: the README example (spec clustered_lif
// §11.1) and the 2-cluster config (§7, §11.3) built from the connectivity rules of §1-§5.
#pragma once

#include "runtime/analyses/mean_field.h"

#include <cmath>

namespace nj::test {

/// §11.1: P = 2, C = 1, J = 0.1, 320 external inputs of 2.3 at 7 Hz, thresholds 1.5 / 0.75.
inline nj::rt::MeanFieldInput readme_input() {
    nj::rt::MeanFieldInput in;
    in.populations = 2;
    in.in_degree = Eigen::MatrixXd::Ones(2, 2);
    in.weight = Eigen::MatrixXd::Constant(2, 2, 0.1);
    in.ext_in_degree = {320, 320};
    in.ext_weight = {2.3, 2.3};
    in.ext_rate = {7, 7};
    in.tau_m = {0.020, 0.020};
    in.tau_s = {0.005, 0.005};
    in.tau_ref = {0.005, 0.005};
    in.threshold = {1.5, 0.75};
    in.reset = {0, 0};
    return in;
}

/// 2_cluster_mf.yaml (§7) as the stager builds it (§8.1), populations [E1, E2, Eb, I1, I2, Ib]
/// with sizes [80, 80, 480, 0, 0, 160] (§1). Type pairs are indexed pre→post [EE, EI, IE, II]
/// as j_baseline; the probabilities are 0.2 for EE and 0.5 elsewhere, so the §3.1 index swap
/// does not matter. J[a][b] = j+ b for same-index cluster pairs, b for background pairs, else
/// j- b (§3.1-3.2, j- = -0.4615 for EE); b = j_baseline / sqrt(N), times (1 - L g(a)) for EE
/// (§5, level 0.275). C[a][b] = floor(p |b|) (§3.3; no self-exclusion in the mean field).
/// nu_ext is 7 Hz plus the original's sampled mean arousal increment (mf_reference.json; the
/// expectation M g / 2 = 0.26996 Hz differs from it in the fourth digit).
inline nj::rt::MeanFieldInput two_cluster_input() {
    constexpr int p = 2, pops = 2 * p + 2;
    const double n = 800, n_exc = 640, n_inh = 160;
    const double size[pops] = {80, 80, 480, 0, 0, 160};
    const bool inh[pops] = {false, false, false, true, true, true};
    const int cluster[pops] = {0, 1, -1, 0, 1, -1};
    const double f_exc = 80 / n_exc, f_inh = 0 / n_inh;
    const double level = 0.275, big_l = 0.75, x0 = 0.2, k = 1.25;
    const double c = std::log2(1 / (1 + std::pow((1 - x0) / x0, 1 / k)));
    const double g = 1 / (1 + std::pow(std::pow(level, c) - 1, k));
    const double j_baseline[4] = {0.8, 2.5, -10.6, -9.7}, j_potentiated[4] = {20, 1, 1, 1};
    const double prob[4] = {0.2, 0.5, 0.5, 0.5};
    nj::rt::MeanFieldInput in;
    in.populations = pops;
    in.in_degree.resize(pops, pops);
    in.weight.resize(pops, pops);
    for (int a = 0; a < pops; ++a) {
        for (int b = 0; b < pops; ++b) {
            const int pair = 2 * inh[b] + inh[a];  // pre b → post a
            const double base = j_baseline[pair] / std::sqrt(n) * (pair == 0 ? 1 - big_l * g : 1.0);
            const double fx = inh[b] ? f_inh : f_exc, fy = inh[a] ? f_inh : f_exc;
            const double den = fx + fy - fx * fy * (p + 1);
            double minus = den != 0 ? (fx + fy - fx * fy * (p + j_potentiated[pair])) / den : 1.0;
            if (!std::isfinite(minus)) minus = 1.0;
            double w = minus * base;
            if (cluster[a] >= 0 && cluster[a] == cluster[b]) w = j_potentiated[pair] * base;
            if (cluster[a] < 0 && cluster[b] < 0) w = base;
            in.weight(a, b) = w;
            in.in_degree(a, b) = std::floor(prob[pair] * size[b]);
        }
    }
    for (int a = 0; a < pops; ++a) {
        in.ext_in_degree.push_back(128);
        in.ext_weight.push_back((inh[a] ? 12.9 : 14.5) / std::sqrt(n));
        in.ext_rate.push_back(inh[a] ? 7.27002166295634 : 7.271482984381316);
        in.tau_m.push_back(0.020);
        in.tau_s.push_back(0.005);
        in.tau_ref.push_back(0.005);
        in.threshold.push_back(inh[a] ? 5.98 : 4.86);
        in.reset.push_back(0);
    }
    return in;
}

}  // namespace nj::test
