// Per-post-neuron recursive least squares: rank-1 updates of the inverse-correlation matrices.
#include "runtime/learning/rls_learner.h"

#include <Eigen/Core>
#include <omp.h>

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace nj::rt {
namespace {

using MatrixMap = Eigen::Map<Eigen::MatrixXd>;
using VectorMap = Eigen::Map<Eigen::VectorXd>;

// Fills the full k x k matrix at `out` from the lower triangle stored at `lower`.
void copy_symmetric(const double* lower, size_t k, double* out) {
    for (size_t col = 0; col < k; ++col) {
        for (size_t row = col; row < k; ++row) {
            out[col * k + row] = lower[col * k + row];
            out[row * k + col] = lower[col * k + row];
        }
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
        p_size += syns.size() * syns.size();
        widest = std::max(widest, syns.size());
    }
    p_.resize(p_size);
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
        double* u_row = u_.data() + static_cast<size_t>(omp_get_thread_num()) * width;
        double* gain_row = gain_.data() + static_cast<size_t>(omp_get_thread_num()) * width;
        const size_t begin = row_start_[i];
        const auto k = static_cast<Eigen::Index>(in_degree(i));
        double input = 0;
        for (Eigen::Index a = 0; a < k; ++a) {
            u_row[a] = r[pre_[begin + a]];
            input += w[synapse_[begin + a]] * u_row[a];
        }
        // Every post neuron's error uses the weights before this update; only post i's own
        // weights change below, so computing it here equals computing all errors first.
        const double e = f[i] - input;
        if (error) error[i] = e;
        if (k == 0) continue;
        VectorMap u(u_row, k), gain(gain_row, k);
        MatrixMap p(p_.data() + p_start_[i], k, k);
        gain.noalias() = p.selfadjointView<Eigen::Lower>() * u;
        const double c = 1.0 + u.dot(gain);
        p.selfadjointView<Eigen::Lower>().rankUpdate(gain, -1.0 / c);
        // The updated P times u is gain / c.
        const double scale = e / c;
        for (Eigen::Index a = 0; a < k; ++a) w[synapse_[begin + a]] += scale * gain_row[a];
    }
}

void RlsLearner::reset() {
    for (size_t i = 0; i < posts(); ++i) {
        const auto k = static_cast<Eigen::Index>(in_degree(i));
        MatrixMap(p_.data() + p_start_[i], k, k) = Eigen::MatrixXd::Identity(k, k) / alpha_;
    }
}

std::vector<double> RlsLearner::state() const {
    std::vector<double> out(p_.size());
    for (size_t i = 0; i < posts(); ++i)
        copy_symmetric(p_.data() + p_start_[i], in_degree(i), out.data() + p_start_[i]);
    return out;
}

void RlsLearner::set_state(const std::vector<double>& state) {
    if (state.size() != p_.size()) {
        throw std::invalid_argument("RLS state of " + std::to_string(state.size()) +
                                    " values, expected " + std::to_string(p_.size()));
    }
    p_ = state;
}

size_t RlsLearner::state_size() const {
    return p_.size();
}

std::vector<double> RlsLearner::inverse_correlation(size_t post) const {
    const size_t k = in_degree(post);
    std::vector<double> out(k * k);
    copy_symmetric(p_.data() + p_start_[post], k, out.data());
    return out;
}

}  // namespace nj::rt
