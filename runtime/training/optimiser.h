// Adam on raw (unconstrained) values, the parametrisations that map them to parameter values,
// and global gradient-norm clipping.
#pragma once

#include <string>
#include <vector>

namespace nj::rt {

/// value = f(raw) for a parametrisation: identity (or linear), log (e^raw), logit
/// (1 / (1 + e^-raw)), softplus (log(1 + e^raw)).
double value_of_raw(const std::string& transform, double raw);
/// The raw value of `value` (the inverse of value_of_raw); value must be in f's range.
double raw_of_value(const std::string& transform, double value);
/// d value / d raw at `raw`.
double value_slope(const std::string& transform, double raw);

/// Adam (Kingma & Ba 2015) with bias correction, one learning rate per element.
class Adam {
public:
    Adam(double beta1, double beta2, double epsilon) : beta1_(beta1), beta2_(beta2), epsilon_(epsilon) {}
    /// Moves raw[k] against gradient[k] with rate lr[k]; all three have the same size, which
    /// must not change between steps.
    void step(std::vector<double>& raw, const std::vector<double>& gradient, const std::vector<double>& lr);

private:
    double beta1_, beta2_, epsilon_;
    long steps_ = 0;
    std::vector<double> m_, v_;
};

/// Scales `gradient` so its Euclidean norm is at most `max_norm` (no change when max_norm <= 0);
/// returns the norm before scaling.
double clip_gradient_norm(std::vector<double>& gradient, double max_norm);

}  // namespace nj::rt
