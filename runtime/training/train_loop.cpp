// The training loop of a `train` statement (see train_loop.h).
#include "runtime/training/train_loop.h"

#include "runtime/training/backward.h"
#include "runtime/training/loss_terms.h"
#include "runtime/training/optimiser.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
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

/// The loss of the term values now in their parameters, and dL/dp of every parameter the loss
/// reads (the terms' included).
double loss_with_slopes(Network& network, const TrainPlan& plan, std::map<int, double>& slopes) {
    network.call(plan.loss);
    double loss = network.array(plan.loss_scratch)[0];
    Adjoints of_loss;
    of_loss.of(plan.loss_scratch, 1)[0] = 1.0;
    run_adjoint(network, plan.loss_adjoint, plan.loss.arrays, 0, 1, network.time(), network.dt(), network.step(),
                of_loss);
    slopes = std::move(of_loss.parameters);
    return loss;
}

/// The batch-level terms (batch_mean) of one mini-batch: each one's mean over the mini-batch's
/// forward passes, and the mean over the passes of dL/d(that mean). Each pass's noise starts at
/// `draws[k]`, so that its taped run draws what this untaped one drew.
struct BatchTerms {
    std::map<int, double> means, slopes;  ///< by term parameter
    std::vector<uint64_t> draws;          ///< per forward pass
};

bool has_batch_terms(const TrainPlan& plan) {
    return std::any_of(plan.terms.begin(), plan.terms.end(),
                       [](const auto& t) { return t.kind == TrainPlan::Term::Kind::BatchMean; });
}

/// The loss at the end of a forward pass, with dL/d(state) seeded into `adjoints` and dL/dp of
/// parameters the loss reads directly added to it. A batch-level term takes the mini-batch's
/// value, and is seeded with the mini-batch's mean slope: the loss of the mini-batch is the mean
/// over its passes, and every pass moves each batch value by 1/batch of its own value.
double loss_and_seed(Network& network, const TrainPlan& plan, Adjoints& adjoints, const BatchTerms* batch) {
    std::vector<double>& params = network.params();
    auto batch_level = [&](const TrainPlan::Term& term) {
        return batch && term.kind == TrainPlan::Term::Kind::BatchMean;
    };
    for (const auto& term : plan.terms) {
        params[static_cast<size_t>(term.param)] = batch_level(term) ? batch->means.at(term.param) : term_value(network, term);
    }
    std::map<int, double> slopes;
    double loss = loss_with_slopes(network, plan, slopes);
    for (const auto& term : plan.terms) {
        seed_term(network, term, batch_level(term) ? batch->slopes.at(term.param) : slopes[term.param], adjoints);
        slopes.erase(term.param);
    }
    for (const auto& [p, g] : slopes) adjoints.parameters[p] += g;
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

/// One `train` statement's optimisation: the start state, the raw values, the optimiser and the
/// forward body, stepped one mini-batch at a time.
class Trainer {
public:
    Trainer(Network& network, const TrainPlan& plan, const std::function<bool()>& forward, TrainingReport& report)
        : network_(network), plan_(plan), forward_(forward), report_(report),
          settings_(read_settings(network, plan)), start_(network.snapshot()),
          values_(initial_raw(network, plan, start_, settings_.lr)),
          adam_(settings_.beta1, settings_.beta2, settings_.eps), batch_terms_(has_batch_terms(plan)) {}

    /// Every mini-batch of every epoch, until the body is interrupted (report.interrupted).
    void run() {
        auto batches = static_cast<long>(std::floor(settings_.batches));
        auto steps = static_cast<long>(std::llround(settings_.epochs)) * batches;
        for (long n = 0; n < steps; ++n) {
            if (!mini_batch(n, batches)) return;
        }
        network_.restore(start_);
    }

private:
    /// The pass's epoch, batch and sample parameters, on the start state.
    void begin_pass(long n, long batches, long k) {
        network_.restore(start_);
        auto set = [&](int param, long value) {
            if (param >= 0) network_.params()[static_cast<size_t>(param)] = static_cast<double>(value);
        };
        set(plan_.epoch_param, n / batches);
        set(plan_.batch_param, n % batches);
        set(plan_.sample_param, (n % batches) * batch_size() + k);
    }

    long batch_size() const { return static_cast<long>(std::floor(settings_.batch)); }

    /// Runs every pass of mini-batch n once without the tape: the batch-level terms' means and
    /// slopes, and where each pass's noise starts. False when interrupted.
    bool measure_batch_terms(long n, long batches, BatchTerms& batch) {
        long size = batch_size();
        std::vector<std::map<int, double>> values(static_cast<size_t>(size));
        for (long k = 0; k < size; ++k) {
            begin_pass(n, batches, k);
            batch.draws.push_back(network_.draw_step());
            auto forward_start = Clock::now();
            if (!forward_()) return false;
            report_.batch_forward_s += seconds_since(forward_start);
            for (const auto& term : plan_.terms) values[static_cast<size_t>(k)][term.param] = term_value(network_, term);
        }
        for (const auto& term : plan_.terms) {
            if (term.kind != TrainPlan::Term::Kind::BatchMean) continue;
            double sum = 0.0;
            for (const auto& v : values) sum += v.at(term.param);
            batch.means[term.param] = sum / static_cast<double>(size);
        }
        for (const auto& v : values) {
            for (const auto& term : plan_.terms) {
                bool batch_level = term.kind == TrainPlan::Term::Kind::BatchMean;
                network_.params()[static_cast<size_t>(term.param)] = batch_level ? batch.means[term.param] : v.at(term.param);
            }
            std::map<int, double> slopes;
            loss_with_slopes(network_, plan_, slopes);
            for (const auto& [param, mean] : batch.means) batch.slopes[param] += slopes[param] / static_cast<double>(size);
        }
        return true;
    }

    /// One mini-batch: the mean loss and gradient of its forward and backward passes, then one
    /// step of the optimiser. False when interrupted.
    bool mini_batch(long n, long batches) {
        std::vector<double>& raw = values_.raw;
        std::vector<double> gradient(raw.size(), 0.0);
        double loss = 0.0;
        BatchTerms batch;
        if (batch_terms_ && !measure_batch_terms(n, batches, batch)) return interrupted();
        for (long k = 0; k < batch_size(); ++k) {
            begin_pass(n, batches, k);
            if (batch_terms_) network_.set_draw_step(batch.draws[static_cast<size_t>(k)]);
            auto forward_start = Clock::now();
            if (!taped_forward(network_, tape_, forward_)) return interrupted();
            report_.forward_s += seconds_since(forward_start);
            report_.tape_bytes = std::max(report_.tape_bytes, tape_.bytes());
            auto backward_start = Clock::now();
            Adjoints adjoints;
            loss += loss_and_seed(network_, plan_, adjoints, batch_terms_ ? &batch : nullptr);
            run_backward(network_, tape_, plan_.adjoints, adjoints);
            add_raw_gradient(plan_, adjoints, start_, raw, gradient);
            report_.backward_s += seconds_since(backward_start);
        }
        for (double& g : gradient) g /= static_cast<double>(batch_size());
        report_.losses.push_back(loss / static_cast<double>(batch_size()));
        if (n == 0) {
            report_.first_gradient = gradient;
            for (size_t k = 0; k < plan_.params.size(); ++k) {
                report_.first_gradient[k] /= value_slope(plan_.params[k].transform, raw[k]);
            }
        }
        report_.gradient_norms.push_back(clip_gradient_norm(gradient, settings_.clip_norm));
        if (!std::isfinite(report_.gradient_norms.back())) {
            throw std::runtime_error("the gradient is not finite at step " + std::to_string(n) + " (loss " +
                                     std::to_string(report_.losses.back()) + ")");
        }
        adam_.step(raw, gradient, values_.lr);
        apply_raw(network_, plan_, raw, start_);
        return true;
    }

    bool interrupted() {
        report_.interrupted = true;
        network_.restore(start_);
        return false;
    }

    Network& network_;
    const TrainPlan& plan_;
    const std::function<bool()>& forward_;
    TrainingReport& report_;
    Settings settings_;
    Network::Snapshot start_;
    RawValues values_;
    Adam adam_;
    CallTape tape_;
    bool batch_terms_;
};

}  // namespace

TrainingReport run_training(Network& network, const TrainPlan& plan, const std::function<bool()>& forward) {
    TrainingReport report;
    try {
        Trainer(network, plan, forward, report).run();
    } catch (const std::exception& e) {
        report.error = e.what();
    }
    return report;
}

}  // namespace nj::rt
