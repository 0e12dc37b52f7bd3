// The training loop of a `train` statement (see train_loop.h).
#include "runtime/training/train_loop.h"

#include "runtime/training/backward.h"
#include "runtime/training/loss_terms.h"
#include "runtime/training/optimiser.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

namespace nj::rt {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The statement's settings with their defaults.
struct Settings {
    double epochs = 1, batches = 1, batch = 1, lr = 1e-3, clip_norm = 0, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
};

Settings read_settings(Network& network, const TrainPlan& plan) {
    Settings s;
    for (const auto& setting : plan.settings) {
        network.call(setting.value);
        double v = network.array(setting.scratch)[0];
        if (setting.name == "epochs") s.epochs = v;
        else if (setting.name == "batches") s.batches = v;
        else if (setting.name == "batch") s.batch = v;
        else if (setting.name == "lr") s.lr = v;
        else if (setting.name == "clip_norm") s.clip_norm = v;
        else if (setting.name == "beta1") s.beta1 = v;
        else if (setting.name == "beta2") s.beta2 = v;
        else if (setting.name == "eps") s.eps = v;
    }
    if (!(s.epochs >= 0) || !(s.batches >= 1) || !(s.batch >= 1) || !(s.lr > 0)) {
        throw std::runtime_error("train needs epochs >= 0, batches >= 1, batch >= 1 and lr > 0");
    }
    return s;
}

/// The loss at the end of a forward pass, with dL/d(state) seeded into `adjoints` and dL/dp of
/// parameters the loss reads directly added to it.
double loss_and_seed(Network& network, const TrainPlan& plan, Adjoints& adjoints) {
    std::vector<double>& params = network.params();
    for (const auto& term : plan.terms) params[static_cast<size_t>(term.param)] = term_value(network, term);
    network.call(plan.loss);
    double loss = network.array(plan.loss_scratch)[0];
    Adjoints of_loss;
    of_loss.of(plan.loss_scratch, 1)[0] = 1.0;
    run_adjoint(network, plan.loss_adjoint, plan.loss.arrays, 0, 1, network.time(), network.dt(), network.step(),
                of_loss);
    for (const auto& term : plan.terms) {
        seed_term(network, term, of_loss.parameters[term.param], adjoints);
        of_loss.parameters.erase(term.param);
    }
    for (const auto& [p, g] : of_loss.parameters) adjoints.parameters[p] += g;
    return loss;
}

}  // namespace

namespace {

/// What the optimiser moves: the raw values of the trainable parameters, then every element of
/// every trainable variable, with each one's learning rate.
struct RawValues {
    std::vector<double> raw, lr;
};

RawValues initial_raw(Network& network, const TrainPlan& plan, const Network::Snapshot& start, double lr) {
    RawValues v;
    for (const auto& p : plan.params) {
        double value = network.params()[static_cast<size_t>(p.param)];
        double r = raw_of_value(p.transform, value);
        if (!std::isfinite(r)) {
            throw std::runtime_error("parameter '" + network.plan().param_names[static_cast<size_t>(p.param)] +
                                     "' = " + std::to_string(value) + " is outside the range of its '" + p.transform +
                                     "' parametrisation");
        }
        v.raw.push_back(r);
        v.lr.push_back(std::isnan(p.lr) ? lr : p.lr);
    }
    for (const auto& a : plan.arrays) {
        const std::vector<double>& values = start.arrays[static_cast<size_t>(a.array)];
        v.raw.insert(v.raw.end(), values.begin(), values.end());
        v.lr.insert(v.lr.end(), values.size(), std::isnan(a.lr) ? lr : a.lr);
    }
    return v;
}

/// Runs the body with the tape attached; false when it was interrupted.
bool taped_forward(Network& network, CallTape& tape, const std::function<bool()>& forward) {
    tape.clear();
    network.set_tape(&tape);
    bool ran = false;
    try {
        ran = forward();
    } catch (...) {
        network.set_tape(nullptr);
        throw;
    }
    network.set_tape(nullptr);
    return ran;
}

/// Adds dL/d(raw values) of one backward pass to `gradient`.
void add_raw_gradient(const TrainPlan& plan, Adjoints& adjoints, const Network::Snapshot& start,
                      const std::vector<double>& raw, std::vector<double>& gradient) {
    for (size_t k = 0; k < plan.params.size(); ++k) {
        auto g = adjoints.parameters.find(plan.params[k].param);
        if (g != adjoints.parameters.end()) gradient[k] += g->second * value_slope(plan.params[k].transform, raw[k]);
    }
    size_t at = plan.params.size();
    for (const auto& a : plan.arrays) {
        size_t size = start.arrays[static_cast<size_t>(a.array)].size();
        const std::vector<double>& adj = adjoints.of(a.array, size);
        for (size_t i = 0; i < size; ++i) gradient[at + i] += adj[i];
        at += size;
    }
}

/// The new raw values into the parameters (projected onto their bounds) and the start state.
void apply_raw(Network& network, const TrainPlan& plan, std::vector<double>& raw, Network::Snapshot& start) {
    for (size_t k = 0; k < plan.params.size(); ++k) {
        const TrainableParam& p = plan.params[k];
        double value = value_of_raw(p.transform, raw[k]);
        double clamped = std::clamp(value, p.low, p.high);
        if (clamped != value) raw[k] = raw_of_value(p.transform, clamped);
        network.params()[static_cast<size_t>(p.param)] = clamped;
    }
    size_t at = plan.params.size();
    for (const auto& a : plan.arrays) {
        std::vector<double>& values = start.arrays[static_cast<size_t>(a.array)];
        for (double& value : values) {
            raw[at] = std::clamp(raw[at], a.low, a.high);  // variables train their values directly
            value = raw[at++];
        }
    }
}

}  // namespace

TrainingReport run_training(Network& network, const TrainPlan& plan, const std::function<bool()>& forward) {
    TrainingReport report;
    try {
        Settings settings = read_settings(network, plan);
        std::vector<double>& params = network.params();
        Network::Snapshot start = network.snapshot();
        RawValues values = initial_raw(network, plan, start, settings.lr);
        std::vector<double>& raw = values.raw;
        Adam adam(settings.beta1, settings.beta2, settings.eps);
        CallTape tape;
        auto batches = static_cast<long>(std::floor(settings.batches));
        auto batch = static_cast<long>(std::floor(settings.batch));
        auto steps = static_cast<long>(std::llround(settings.epochs)) * batches;
        auto set = [&](int param, long value) {
            if (param >= 0) params[static_cast<size_t>(param)] = static_cast<double>(value);
        };
        for (long n = 0; n < steps; ++n) {
            // one mini-batch: the mean loss and gradient of `batch` forward and backward passes
            std::vector<double> gradient(raw.size(), 0.0);
            double loss = 0.0;
            for (long k = 0; k < batch; ++k) {
                network.restore(start);
                set(plan.epoch_param, n / batches);
                set(plan.batch_param, n % batches);
                set(plan.sample_param, (n % batches) * batch + k);
                auto forward_start = Clock::now();
                if (!taped_forward(network, tape, forward)) {
                    report.interrupted = true;
                    network.restore(start);
                    return report;
                }
                report.forward_s += seconds_since(forward_start);
                report.tape_bytes = std::max(report.tape_bytes, tape.bytes());
                auto backward_start = Clock::now();
                Adjoints adjoints;
                loss += loss_and_seed(network, plan, adjoints);
                run_backward(network, tape, plan.adjoints, adjoints);
                add_raw_gradient(plan, adjoints, start, raw, gradient);
                report.backward_s += seconds_since(backward_start);
            }
            for (double& g : gradient) g /= static_cast<double>(batch);
            report.losses.push_back(loss / static_cast<double>(batch));
            if (n == 0) {
                report.first_gradient = gradient;
                for (size_t k = 0; k < plan.params.size(); ++k) {
                    report.first_gradient[k] /= value_slope(plan.params[k].transform, raw[k]);
                }
            }
            report.gradient_norms.push_back(clip_gradient_norm(gradient, settings.clip_norm));
            if (!std::isfinite(report.gradient_norms.back())) {
                throw std::runtime_error("the gradient is not finite at step " + std::to_string(n) + " (loss " +
                                         std::to_string(report.losses.back()) + ")");
            }
            adam.step(raw, gradient, values.lr);
            apply_raw(network, plan, raw, start);
        }
        network.restore(start);
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    return report;
}

}  // namespace nj::rt
