// Recursive least squares learning of the incoming weights of every post neuron toward
// a per-neuron target, with one inverse-correlation matrix per post neuron over its existing
// inputs. A pure numerical component: the caller supplies input, target and weight arrays.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace nj::rt {

/// Per-post-neuron RLS over a fixed set of plastic synapses.
///
/// Post neuron i owns the synapses incoming[i] (ids into the caller's weight array); synapse s
/// reads pre element pre_of[s]. Its inverse-correlation matrix P_i (k_i x k_i, k_i = the in-degree)
/// starts at I/alpha. One update, for every post neuron i with u = r[pre_of[incoming[i]]]:
///   e_i = f_i − Σ_s w_s u_s        (the listed synapses, with the weights before this update)
///   g   = P_i u,  c = 1 + uᵀ g
///   P_i ← P_i − g gᵀ / c
///   w_s ← w_s + e_i (P_i u)_s       (the updated P_i: P_i u = g / c)
/// so after updates with inputs u_1 … u_n, P_i = (alpha I + Σ u_t u_tᵀ)⁻¹. A post neuron without
/// synapses only reports e_i = f_i. Each synapse should belong to one post neuron at most.
///
/// Only the lower triangle of each P_i is stored (packed by columns), so P_i stays exactly
/// symmetric. The rank-1 change of an update is kept pending and applied during the next
/// update's pass over P_i, which then also forms P_i u: one pass over each matrix per step
/// instead of two. Readers (state, inverse_correlation) see it applied. An update allocates
/// nothing (after the first with a given number of threads).
class RlsLearner {
public:
    /// incoming[post] = the synapse ids of that post neuron, pre_of[syn] = the synapse's
    /// presynaptic element. Requires alpha > 0 and every id < pre_of.size().
    RlsLearner(std::vector<std::vector<uint32_t>> incoming, std::vector<uint32_t> pre_of,
               double alpha);

    /// One RLS step: r per pre element, f per post neuron, w per synapse (updated in place).
    /// Writes e_i (target − input with the pre-update weights) to error[i] when error != nullptr.
    /// Post neurons are shared among `threads` threads; the result is the same for any number.
    void update(const double* r, const double* f, double* w, double* error, int threads = 1);

    /// Every P_i back to I/alpha.
    void reset();

    /// The P matrices, post neuron by post neuron, each k_i² values (symmetric, so row- and
    /// column-major agree), for store/restore.
    std::vector<double> state() const;
    /// Restores what state() returned. Throws std::invalid_argument when the size is not
    /// state_size(); callers that must not throw check the size first.
    void set_state(const std::vector<double>& state);
    /// Number of values state() returns: Σ k_i².
    size_t state_size() const;

    /// Number of post neurons.
    size_t posts() const { return row_start_.size() - 1; }
    /// In-degree k_i of post neuron i.
    size_t in_degree(size_t post) const { return row_start_[post + 1] - row_start_[post]; }
    /// P_i as k_i² values (symmetric).
    std::vector<double> inverse_correlation(size_t post) const;
    /// The regulariser of P(0) = I/alpha.
    double alpha() const { return alpha_; }

private:
    // The incoming lists flattened: post i owns entries row_start_[i] .. row_start_[i+1] − 1.
    std::vector<size_t> row_start_;
    std::vector<uint32_t> synapse_;  ///< synapse id of each entry
    std::vector<uint32_t> pre_;      ///< its presynaptic element
    std::vector<size_t> p_start_;    ///< offset of P_i in p_: its lower triangle by columns
    std::vector<double> p_;
    // The pending change of P_i is − pending_scale_[i] · g gᵀ with g = pending_gain_ entries
    // row_start_[i] .. row_start_[i+1] − 1; a scale of 0 means none.
    std::vector<double> pending_gain_;
    std::vector<double> pending_scale_;
    size_t widest_ = 0;             ///< the largest in-degree
    std::vector<double> u_, gain_;  ///< scratch: one row of widest_ values per thread
    double alpha_;
};

}  // namespace nj::rt
