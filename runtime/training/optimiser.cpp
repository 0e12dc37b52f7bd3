// Parametrisations, Adam and norm clipping (see optimiser.h).
#include "runtime/training/optimiser.h"

#include <cmath>

namespace nj::rt {

double value_of_raw(const std::string& transform, double raw) {
    if (transform == "log") return std::exp(raw);
    if (transform == "logit") return 1.0 / (1.0 + std::exp(-raw));
    if (transform == "softplus") return raw > 30.0 ? raw : std::log1p(std::exp(raw));
    return raw;
}

double raw_of_value(const std::string& transform, double value) {
    if (transform == "log") return std::log(value);
    if (transform == "logit") return std::log(value / (1.0 - value));
    if (transform == "softplus") return value > 30.0 ? value : std::log(std::expm1(value));
    return value;
}

double value_slope(const std::string& transform, double raw) {
    if (transform == "log") return std::exp(raw);
    if (transform == "logit" || transform == "softplus") {
        double s = 1.0 / (1.0 + std::exp(-raw));
        return transform == "logit" ? s * (1.0 - s) : s;
    }
    return 1.0;
}

void Adam::step(std::vector<double>& raw, const std::vector<double>& gradient, const std::vector<double>& lr) {
    if (m_.size() != raw.size()) {
        m_.assign(raw.size(), 0.0);
        v_.assign(raw.size(), 0.0);
    }
    ++steps_;
    double correct1 = 1.0 - std::pow(beta1_, static_cast<double>(steps_));
    double correct2 = 1.0 - std::pow(beta2_, static_cast<double>(steps_));
    for (size_t k = 0; k < raw.size(); ++k) {
        m_[k] = beta1_ * m_[k] + (1.0 - beta1_) * gradient[k];
        v_[k] = beta2_ * v_[k] + (1.0 - beta2_) * gradient[k] * gradient[k];
        raw[k] -= lr[k] * (m_[k] / correct1) / (std::sqrt(v_[k] / correct2) + epsilon_);
    }
}

double clip_gradient_norm(std::vector<double>& gradient, double max_norm) {
    double sum = 0.0;
    for (double g : gradient) sum += g * g;
    double norm = std::sqrt(sum);
    if (max_norm > 0.0 && norm > max_norm) {
        double scale = max_norm / norm;
        for (double& g : gradient) g *= scale;
    }
    return norm;
}

}  // namespace nj::rt
