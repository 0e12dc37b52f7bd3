// Analyses of spikes, rates and synapse variables, and the `apply` operations on weights.
#include "runtime/protocol/run_analysis.h"

#include "runtime/analyses/spike_analyses.h"
#include "runtime/protocol/analysis_helpers.h"
#include "runtime/protocol/matrix_analysis_ops.h"
#include "runtime/protocol/metric_analyses.h"
#include "runtime/protocol/population_analyses.h"
#include "runtime/protocol/trial_analyses.h"
#include "runtime/io/npy_reader.h"
#include "runtime/protocol/variable_analyses.h"

#include <Eigen/Cholesky>
#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>

namespace nj::rt {

namespace {

using Args = AnalysisArgs;

/// The first recorded value of a state monitor at each step of [first, last).
std::string positions(const ProtocolOp& op, const AnalysisContext& context, uint64_t first, uint64_t last,
                      std::vector<double>& out) {
    const Recorder& r = context.recorders[static_cast<size_t>(op.position_monitor)];
    const std::vector<double>& times = r.times();
    const std::vector<double>& values = r.trace(0);
    size_t width = r.plan().record_end - r.plan().record_begin;
    if (width == 0) return "the position monitor '" + r.name() + "' records no element";
    out.assign(last - first, std::nan(""));
    for (size_t row = 0; row < times.size(); ++row) {
        auto step = static_cast<uint64_t>(std::llround(times[row] / context.network.dt()));
        if (step >= first && step < last) out[step - first] = values[row * width];
    }
    for (double x : out) {
        if (std::isnan(x)) return "the position monitor '" + r.name() + "' did not record every step analysed (use every = dt)";
    }
    return "";
}

std::vector<double> stored_values(const ProtocolOp& op, const Network::Snapshot& snapshot, size_t n) {
    const std::vector<double>& values = snapshot.arrays[static_cast<size_t>(op.array)];
    return {values.begin(), values.begin() + static_cast<std::ptrdiff_t>(std::min(n, values.size()))};
}

std::string weight_stats_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    double w_min = arg(args, "w_min", 0.0), w_max = arg(args, "w_max", 1.0), bins = std::floor(arg(args, "bins", 10));
    if (!(w_max > w_min) || !(bins >= 1)) return "weight_stats '" + op.name + "' needs w_max > w_min and bins >= 1";
    std::vector<double> w = analysed_values(op, context.network);
    nlohmann::json stats = weight_stats(w, w_min, w_max, static_cast<size_t>(bins));
    if (auto it = op.strings.find("baseline"); it != op.strings.end()) {
        auto stored = context.stored.find(it->second);
        if (stored == context.stored.end()) return "weight_stats '" + op.name + "': no stored state '" + it->second + "'";
        std::vector<double> before = stored_values(op, stored->second, w.size());
        if (before.size() != w.size()) return "weight_stats '" + op.name + "': the stored state has another number of synapses";
        double threshold = arg(args, "change_threshold", 1e-3), total = 0, changed = 0;
        for (size_t k = 0; k < w.size(); ++k) {
            total += std::abs(w[k] - before[k]);
            changed += std::abs(w[k] - before[k]) > threshold ? 1 : 0;
        }
        double n = std::max<double>(1, static_cast<double>(w.size()));
        stats["mean_abs_change"] = total / n;
        stats["fraction_changed"] = changed / n;
    }
    context.metrics[op.name] = stats;
    return "";
}

std::string cholesky_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    Eigen::MatrixXd m;
    size_t n = context.network.synapse_count(static_cast<size_t>(op.synapses));
    if (!weight_matrix(op, context.network, m).empty() || n != static_cast<size_t>(m.size())) {
        return "cholesky needs an all-to-all projection between groups of equal size";
    }
    m.diagonal().array() += arg(args, "jitter", 0.0);
    Eigen::LLT<Eigen::MatrixXd> llt(m);
    if (llt.info() != Eigen::Success) return "cholesky: the matrix (plus jitter) is not positive definite";
    Eigen::MatrixXd lower = llt.matrixL();
    const SynapsesPlan& syn = context.network.plan().synapses[static_cast<size_t>(op.synapses)];
    const GroupPlan& pre = context.network.plan().groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = context.network.plan().groups[static_cast<size_t>(syn.post_group)];
    const auto& i = context.network.array(syn.pre_index);
    const auto& j = context.network.array(syn.post_index);
    std::vector<double>& values = context.network.array(op.array);
    for (size_t s = 0; s < context.network.synapse_count(static_cast<size_t>(op.synapses)); ++s) {
        values[s] = lower(static_cast<Eigen::Index>(j[s] - static_cast<double>(post.offset)),
                          static_cast<Eigen::Index>(i[s] - static_cast<double>(pre.offset)));
    }
    return "";
}

/// Sum of each post neuron's incoming values (indexed by the post root's elements).
std::vector<double> incoming_sums(const Network& network, int synapses, int array) {
    const SynapsesPlan& syn = network.plan().synapses[static_cast<size_t>(synapses)];
    std::vector<double> sums(network.array(syn.incoming).size(), 0.0);
    const auto& j = network.array(syn.post_index);
    const auto& w = network.array(array);
    for (size_t s = 0; s < network.synapse_count(static_cast<size_t>(synapses)); ++s) sums[static_cast<size_t>(j[s])] += w[s];
    return sums;
}

std::string scale_incoming_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    double min_sum = arg(args, "min_sum", 1e-12);
    std::vector<double> sums = incoming_sums(context.network, op.synapses, op.array);
    double target = arg(args, "target", std::nan(""));
    if (auto it = op.strings.find("target"); it != op.strings.end()) {
        if (it->second == "mean") {
            target = mean_incoming_sum(context.network, op.synapses, op.array);
        } else if (it->second == "initial_mean") {
            target = context.initial_means.at({op.synapses, op.array});
        } else {
            return "scale_incoming: target must be a value, \"mean\" or \"initial_mean\", not \"" + it->second + "\"";
        }
    }
    if (std::isnan(target)) return "scale_incoming needs a target";
    double rate = arg(args, "rate", 1.0);
    double lo = arg(args, "min_factor", 0.0), hi = arg(args, "max_factor", std::numeric_limits<double>::infinity());
    double w_min = arg(args, "w_min", -std::numeric_limits<double>::infinity());
    double w_max = arg(args, "w_max", std::numeric_limits<double>::infinity());
    std::vector<double> factor(sums.size(), 1.0);
    for (size_t k = 0; k < sums.size(); ++k) {
        if (sums[k] > min_sum) factor[k] = std::clamp(1 + rate * (target / sums[k] - 1), lo, hi);
    }
    const SynapsesPlan& syn = context.network.plan().synapses[static_cast<size_t>(op.synapses)];
    const auto& j = context.network.array(syn.post_index);
    std::vector<double>& w = context.network.array(op.array);
    for (size_t s = 0; s < context.network.synapse_count(static_cast<size_t>(op.synapses)); ++s) {
        auto post = static_cast<size_t>(j[s]);
        if (sums[post] > min_sum) w[s] = std::clamp(w[s] * factor[post], w_min, w_max);
    }
    return "";
}

std::string load_weights_op(const ProtocolOp& op, AnalysisContext& context) {
    std::vector<double> values;
    std::string error;
    auto path = op.strings.find("path");
    if (path == op.strings.end()) return "load_weights needs path = \"file.npy\"";
    if (!read_npy_vector(path->second, values, error)) return "load_weights: " + error;
    size_t n = context.network.synapse_count(static_cast<size_t>(op.synapses));
    if (values.size() != n) {
        return "load_weights: '" + path->second + "' has " + std::to_string(values.size()) + " values for " +
               std::to_string(n) + " synapses";
    }
    std::copy(values.begin(), values.end(), context.network.array(op.array).begin());
    return "";
}

std::string mean_rate_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    auto [first, last] = step_window(args, context.network);
    const GroupPlan& g = context.network.plan().groups[static_cast<size_t>(op.groups[0])];
    double count = static_cast<double>(population_spike_count(op, context, first, last));
    double span = static_cast<double>(last - first) * context.network.dt();
    double rate = g.size > 0 && span > 0 ? count / static_cast<double>(g.size) / span : 0.0;
    context.metrics[op.name] = {{"value", rate}, {"unit", "hertz"}};
    return "";
}

std::string spike_analysis_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    auto [first, last] = step_window(args, context.network);
    if (op.analysis == "spike_count") {
        context.metrics[op.name] = {{"value", population_spike_count(op, context, first, last)}, {"unit", "1"}};
        return "";
    }
    SpikeList spikes = population_spikes(op, context, first, last);
    const GroupPlan& g = context.network.plan().groups[static_cast<size_t>(op.groups[0])];
    std::vector<double> x;
    if (std::string error = positions(op, context, first, last, x); !error.empty()) return op.analysis + ": " + error;
    double dt = context.network.dt();
    if (op.analysis == "tuning_width") {
        auto bins = static_cast<size_t>(arg(args, "bins", 50));
        std::vector<double> map;
        nlohmann::json result = tuning_width(spikes, x, first, g.size, bins, arg(args, "min_peak", 1.0), dt, &map);
        if (!map.empty()) {  // every neuron's tuning curve, and a heat map of them for `neurojit plot`
            context.files.push_back({op.name + "_map.npy", std::move(map), {g.size, bins}, false});
            result["figures"] = nlohmann::json::array({{{"name", op.name + "_map"},
                                                        {"kind", "heat_map"},
                                                        {"title", op.name + ": rate of each neuron by position"},
                                                        {"y", op.name + "_map"},
                                                        {"x_label", "position bin"},
                                                        {"y_label", "neuron"},
                                                        {"colour_label", "rate (Hz)"}}});
        }
        context.metrics[op.name] = result;
        return "";
    }
    PvOptions options;
    options.first_step = first;
    options.last_step = last;
    options.population = g.size;
    options.position_bins = static_cast<size_t>(arg(args, "bins", static_cast<double>(std::min<size_t>(100, g.size))));
    options.smooth_bins = static_cast<size_t>(std::llround(arg(args, "smooth", 20 * dt) / dt));
    if (args.count("window_lo")) options.window = std::pair{args.at("window_lo"), args.at("window_hi")};
    context.metrics[op.name] = pv_metrics(spikes, x, options);
    return "";
}

std::string max_smoothed_rate_op(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    const Recorder& r = context.recorders[static_cast<size_t>(op.monitor)];
    double dt = context.network.dt();
    double bin = static_cast<double>(r.plan().every_steps) * dt;
    auto [first, last] = step_window(args, context.network);
    std::vector<double> rates;
    for (size_t k = 0; k < r.times().size(); ++k) {
        auto step = static_cast<uint64_t>(std::llround(r.times()[k] / dt));
        if (step >= first && step < last) rates.push_back(r.rates()[k]);
    }
    double width = arg(args, "width", 20 * bin) / bin;
    context.metrics[op.name] = {{"value", max_smoothed_rate(rates, width)}, {"unit", "hertz"}};
    return "";
}

}  // namespace

double mean_incoming_sum(const Network& network, int synapses, int array) {
    double total = 0, cells = 0;
    for (double s : incoming_sums(network, synapses, array)) {
        if (s > 1e-12) {
            total += s;
            cells += 1;
        }
    }
    return cells > 0 ? total / cells : 0.0;
}

std::string run_analysis(const ProtocolOp& op, const Args& args, AnalysisContext& context) {
    const std::string& a = op.analysis;
    if (a == "snapshot") {
        std::vector<double> values = analysed_values(op, context.network);
        size_t n = values.size();
        context.files.push_back({op.name + ".npy", std::move(values), {n}, false});
        return "";
    }
    if (a == "weight_stats") return weight_stats_op(op, args, context);
    if (a == "cholesky") return cholesky_op(op, args, context);
    if (a == "scale_incoming") return scale_incoming_op(op, args, context);
    if (a == "load_weights") return load_weights_op(op, context);
    if (a == "mean_rate") return mean_rate_op(op, args, context);
    if (a == "max_smoothed_rate") return max_smoothed_rate_op(op, args, context);
    if (is_population_analysis(a)) return run_population_analysis(op, args, context);
    if (is_matrix_analysis(a)) return run_matrix_analysis(op, args, context);
    if (is_metric_analysis(a)) return run_metric_analysis(op, args, context);
    if (is_trial_analysis(a)) return run_trial_analysis(op, args, context);
    return spike_analysis_op(op, args, context);
}

}  // namespace nj::rt
