// Analyses of a weight matrix and of multi-neuron traces: second-order motif statistics, the
// participation ratio (plain and bias-corrected), how well traces follow their targets, and the
// centring of each neuron's incoming weights. Pure functions of matrices and lists; nothing here
// knows about the network or the compiler.
#pragma once

#include <Eigen/Core>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <span>

namespace nj::rt {

/// Second-order motif statistics of a square weight matrix W[post, pre] (N x N, N >= 2).
///
/// Absent synapses count as zero weights, as in a dense matrix: all N² entries enter the mean m,
/// and every entry, absent ones included, is replaced by Ŵ = W − m. With `mask` (same shape),
/// entries whose mask value is 0 are absent whatever W holds there; without it, W already holds
/// zeros there. With A = ŴŴ, B = ŴᵀŴ, Cc = ŴŴᵀ, sum = sum of all entries, tr = trace:
///   sigma2  = tr(Cc) / N
///   tau_rec = tr(A) / (N sigma2)                       (reciprocal pairs, diagonal included)
///   tau_div = (sum(Cc) − tr(Cc)) / (N(N−1) sigma2)     (i ≠ j sharing a presynaptic neuron)
///   tau_con = (sum(B) − tr(B)) / (N(N−1) sigma2)       (i ≠ j sharing a postsynaptic neuron)
///   tau_chn = 2 (sum(A) − tr(A)) / (N(N−1) sigma2)     (chains j → k → i, i ≠ j)
///   R_motifs = (1 − tau_div − tau_con + tau_rec − 2 tau_chn) / sqrt(1 − tau_div − tau_con)
///   R        = R_motifs sqrt(sigma2)
/// Returns {sigma2, tau_rec, tau_div, tau_con, tau_chn, R_motifs, R, n}. The tau values and R
/// are NaN (null in JSON) when sigma2 = 0; R_motifs and R when 1 − tau_div − tau_con <= 0.
nlohmann::json weight_motifs(const Eigen::MatrixXd& W, const Eigen::MatrixXd* mask = nullptr);

/// Participation ratio of a symmetric N x N covariance C estimated from K samples.
///   participation_ratio           = (Σλ)² / Σλ² = (tr C)² / ‖C‖²_F, the plain form;
///   participation_ratio_corrected = the finite-K bias-corrected form (Dahmen et al.) of the
///     spec's moments: a = diagonal, c = the N(N−1) off-diagonal entries, μa² = mean(a)²,
///     sa² = var(a) N/(N−1), μc² = mean(c)², sc² = var(c) M/(M−2) with M = N(N−1), and
///       sa_b² = sa² (K−1)/(K+1) − 2(μa² − μc²)/(K−1) + 2 sc²/(K+1)
///       sc_b² = sc² (K−1)/K − (μa² − μc²)/K − 4(μc² − sqrt(μa² μc²)) / (K (N+1))
///       dPR   = N / (1 + sa_b²/μa² + (N−1)(sc_b² + μc²)/μa²)
///     Only the variances are corrected; the squared means enter as they are.
/// Returns {participation_ratio, participation_ratio_corrected, n, samples}. The plain value is
/// NaN when tr C = 0; the corrected one when μa² = 0, N < 3 or K < 2.
nlohmann::json participation_ratio_of_covariance(const Eigen::MatrixXd& C, double samples);

/// Participation ratio of the time covariance of `samples` (K x N: one row per sample, one column
/// per neuron): C = the covariance with the column means removed (divisor K − 1), then
/// participation_ratio_of_covariance(C, K), so the correction uses K = the number of samples.
/// The ratios do not depend on C's divisor. K < 2 gives NaN for both.
nlohmann::json participation_ratio(const Eigen::MatrixXd& samples);

/// How well `signal` follows `target` (both K x N: one row per sample, one column per neuron):
///   mse          = mean over all K N entries of (signal − target)²
///   target_power = mean of target²  (mse / target_power = 1 means no tracking of a zero signal)
///   correlation  = mean over neurons of the Pearson correlation of signal and target in time.
/// A neuron whose signal or target is constant (zero variance) has no correlation and is left
/// out of the mean; `correlated_neurons` counts the neurons that entered it, and correlation is
/// NaN when none did. Returns {mse, target_power, correlation, correlated_neurons}; all NaN when
/// there are no entries.
nlohmann::json trace_match(const Eigen::MatrixXd& signal, const Eigen::MatrixXd& target);

/// Shifts the incoming weights of each post neuron by one constant so that they sum to `target`:
/// synapse s (post_of[s], weight w[s]) gets w[s] += (target − Σ w of its post) / (in-degree of its
/// post). Only existing synapses change; a post neuron without synapses is untouched. With
/// target = 0 this is "each row's non-zero entries minus their mean". post_of and w have one
/// entry per synapse.
void center_incoming(std::span<const uint32_t> post_of, std::span<double> w, double target = 0.0);

}  // namespace nj::rt
