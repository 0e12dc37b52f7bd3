// Per-post-neuron recursive least squares: rank-1 updates of the inverse-correlation matrices.
#include "runtime/learning/rls_learner.h"

#include <omp.h>

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace nj::rt {
namespace {

/// Offset of column `col` in the packed lower triangle of a k x k matrix (column col holds
/// rows col .. k − 1).
size_t column_offset(size_t col, size_t k) {
    return col * k - col * (col - 1) / 2;
}

/// Entry (row, col), row >= col, of a packed lower triangle with a pending change
/// − scale · g gᵀ applied, computed exactly as the update applies it.
double pending_applied(const double* packed, const double* g, double scale, size_t row, size_t col,
                       size_t k) {
    double value = packed[column_offset(col, k) + (row - col)];
    if (scale != 0) value -= (scale * g[col]) * g[row];
    return value;
}

/// One pass over the columns of a packed P (k x k, lower triangle): applies the pending change
/// − scale · g_old g_oldᵀ, then adds the column's part of gain = P u (entry (j+t, j) contributes
/// to gain_{j+t} and, as entry (j, j+t), to gain_j). Cloned for wider vector units; the file
/// is compiled without FMA contraction, so every clone computes the same bits.
__attribute__((target_clones("avx512f", "avx2", "default")))
void apply_pending_and_multiply(double* packed, size_t k, const double* g_old, double scale,
                                const double* u, double* gain) {
    std::fill(gain, gain + k, 0.0);
    for (size_t j = 0; j < k; ++j) {
        double* col = packed + column_offset(j, k);
        const size_t len = k - j;
        const double change = scale * g_old[j];
        const double uj = u[j];
        col[0] -= change * g_old[j];
        double across = col[0] * uj;
#pragma omp simd reduction(+ : across)
        for (size_t t = 1; t < len; ++t) {
            const double p = col[t] - change * g_old[j + t];
            col[t] = p;
            gain[j + t] += p * uj;
            across += p * u[j + t];
        }
        gain[j] += across;
    }
}

}  // namespace

RlsLearner::RlsLearner(std::vector<std::vector<uint32_t>> incoming, std::vector<uint32_t> pre_of,
                       double alpha)
    : alpha_(alpha) {
    assert(alpha > 0 && "P(0) = I/alpha needs alpha > 0");
    row_start_.reserve(incoming.size() + 1);
    p_start_.reserve(incoming.size());
    row_start_.push_back(0);
    size_t p_size = 0, widest = 0;
    for (const std::vector<uint32_t>& syns : incoming) {
        for (uint32_t s : syns) {
            assert(s < pre_of.size() && "synapse id without a presynaptic element");
            synapse_.push_back(s);
            pre_.push_back(pre_of[s]);
        }
        row_start_.push_back(synapse_.size());
        p_start_.push_back(p_size);
        p_size += syns.size() * (syns.size() + 1) / 2;
        widest = std::max(widest, syns.size());
    }
    p_.resize(p_size);
    pending_gain_.resize(synapse_.size());
    pending_scale_.resize(incoming.size());
    widest_ = widest;
    u_.resize(widest);
    gain_.resize(widest);
    reset();
}

void RlsLearner::update(const double* r, const double* f, double* w, double* error, int threads) {
    threads = std::max(1, threads);
    // one scratch row of the widest in-degree per thread; grown once, on the first such call
    const size_t width = widest_;
    if (u_.size() < static_cast<size_t>(threads) * width) {
        u_.resize(static_cast<size_t>(threads) * width);
        gain_.resize(u_.size());
    }
    const auto n = static_cast<std::ptrdiff_t>(posts());
    // Post neurons are independent (each reads and writes only its own synapses and P_i), so
    // the result does not depend on the number of threads.
#pragma omp parallel for num_threads(threads) schedule(static) if (threads > 1)
    for (std::ptrdiff_t row = 0; row < n; ++row) {
        const auto i = static_cast<size_t>(row);
        double* u = u_.data() + static_cast<size_t>(omp_get_thread_num()) * width;
        double* gain = gain_.data() + static_cast<size_t>(omp_get_thread_num()) * width;
        const size_t begin = row_start_[i];
        const size_t k = in_degree(i);
        double input = 0;
        for (size_t a = 0; a < k; ++a) {
            u[a] = r[pre_[begin + a]];
            input += w[synapse_[begin + a]] * u[a];
        }
        // Every post neuron's error uses the weights before this update; only post i's own
        // weights change below, so computing it here equals computing all errors first.
        const double e = f[i] - input;
        if (error) error[i] = e;
        if (k == 0) continue;
        double* g_old = pending_gain_.data() + begin;
        apply_pending_and_multiply(p_.data() + p_start_[i], k, g_old, pending_scale_[i], u, gain);
        double c = 1.0;
        for (size_t a = 0; a < k; ++a) c += u[a] * gain[a];
        // P_i ← P_i − g gᵀ / c, applied in the next pass; the updated P_i u is g / c.
        std::copy(gain, gain + k, g_old);
        pending_scale_[i] = 1.0 / c;
        const double step = e / c;
        for (size_t a = 0; a < k; ++a) w[synapse_[begin + a]] += step * gain[a];
    }
}

void RlsLearner::reset() {
    for (size_t i = 0; i < posts(); ++i) {
        const size_t k = in_degree(i);
        double* packed = p_.data() + p_start_[i];
        for (size_t j = 0; j < k; ++j) {
            double* col = packed + column_offset(j, k);
            col[0] = 1.0 / alpha_;
            std::fill(col + 1, col + (k - j), 0.0);
        }
        pending_scale_[i] = 0;
    }
}

std::vector<double> RlsLearner::state() const {
    std::vector<double> out(state_size());
    size_t at = 0;
    for (size_t i = 0; i < posts(); ++i) {
        std::vector<double> full = inverse_correlation(i);
        std::copy(full.begin(), full.end(), out.begin() + static_cast<std::ptrdiff_t>(at));
        at += full.size();
    }
    return out;
}

void RlsLearner::set_state(const std::vector<double>& state) {
    if (state.size() != state_size()) {
        throw std::invalid_argument("RLS state of " + std::to_string(state.size()) +
                                    " values, expected " + std::to_string(state_size()));
    }
    size_t at = 0;
    for (size_t i = 0; i < posts(); ++i) {
        const size_t k = in_degree(i);
        double* packed = p_.data() + p_start_[i];
        for (size_t col = 0; col < k; ++col) {
            for (size_t row = col; row < k; ++row)
                packed[column_offset(col, k) + (row - col)] = state[at + col * k + row];
        }
        pending_scale_[i] = 0;
        at += k * k;
    }
}

size_t RlsLearner::state_size() const {
    size_t size = 0;
    for (size_t i = 0; i < posts(); ++i) size += in_degree(i) * in_degree(i);
    return size;
}

std::vector<double> RlsLearner::inverse_correlation(size_t post) const {
    const size_t k = in_degree(post);
    const double* packed = p_.data() + p_start_[post];
    const double* g = pending_gain_.data() + row_start_[post];
    std::vector<double> out(k * k);
    for (size_t col = 0; col < k; ++col) {
        for (size_t row = col; row < k; ++row) {
            const double value = pending_applied(packed, g, pending_scale_[post], row, col, k);
            out[col * k + row] = value;
            out[row * k + col] = value;
        }
    }
    return out;
}

}  // namespace nj::rt
