// metric, synapse_angle and matmul_weights on the values their lowered arguments computed.
#include "runtime/protocol/metric_analyses.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>

namespace nj::rt {

namespace {

/// The values of body argument `key`, or null when the call has none.
const std::vector<double>* values_of(const AnalysisContext& context, const std::string& key) {
    auto it = context.vectors.find(key);
    return it == context.vectors.end() ? nullptr : &it->second;
}

std::string number_text(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", x);
    return text;
}

/// Adds `entry` (with the call's key) to result `name`: the first entry alone, later ones
/// make a list of entries.
void append_entry(nlohmann::json& metrics, const std::string& name, nlohmann::json entry,
                  const AnalysisArgs& args) {
    if (auto key = args.find("key"); key != args.end()) entry["key"] = key->second;
    auto it = metrics.find(name);
    if (it == metrics.end()) {
        metrics[name] = std::move(entry);
        return;
    }
    if (!it->is_array()) *it = nlohmann::json::array({std::move(*it)});
    it->push_back(std::move(entry));
}

/// "value": element 0 the value, then (index, size) of each indexed read.
std::string metric_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    const std::vector<double>* v = values_of(context, "value");
    if (!v || v->empty()) return "metric '" + op.name + "': its value was not computed";
    for (size_t r = 0; 2 * r + 2 < v->size(); ++r) {
        double at = (*v)[2 * r + 1], size = (*v)[2 * r + 2];
        if (at >= 0 && at < size) continue;
        auto text = op.strings.find("index" + std::to_string(r + 1));
        std::string read =
            text == op.strings.end() ? "an indexed variable" : "'" + text->second + "'";
        std::string range =
            size >= 1 ? "outside 0 .. " + number_text(size - 1) : "and it has no elements";
        return "metric '" + op.name + "': the index of " + read + " is " + number_text(at) + ", " +
               range;
    }
    append_entry(context.metrics, op.name, {{"value", (*v)[0]}, {"unit", "1"}}, args);
    return "";
}

std::string synapse_angle_op(const ProtocolOp& op, const AnalysisArgs& args,
                             AnalysisContext& context) {
    size_t n = context.network.synapse_count(static_cast<size_t>(op.synapses));
    const std::vector<double>* a = values_of(context, "a");
    const std::vector<double>* b = values_of(context, "b");
    const std::vector<double>* mask = values_of(context, "mask");
    if (!a || !b || a->size() != n || b->size() != n || (mask && mask->size() != n)) {
        return "synapse_angle '" + op.name +
               "': the compared values were not computed for every synapse";
    }
    double angle =
        angle_degrees(*a, *b, mask ? std::span<const double>(*mask) : std::span<const double>());
    append_entry(context.metrics, op.name, {{"value", angle}, {"unit", "degree"}}, args);
    return "";
}

/// S.var[s] = scale[s] (A B)[post(s), pre(s)] for every synapse s of S.
std::string matmul_weights_op(const ProtocolOp& op, AnalysisContext& context) {
    const ProtocolOp* factors[2] = {nullptr, nullptr};
    for (const auto& arg : op.body) {
        if (arg.name == "A" || arg.name == "B") factors[arg.name == "A" ? 0 : 1] = &arg;
    }
    if (!factors[0] || !factors[1]) return "matmul_weights needs the two projections it multiplies";
    const Network& network = context.network;
    Eigen::MatrixXd a, b;
    projection_matrix(network, factors[0]->synapses, factors[0]->array, a);
    projection_matrix(network, factors[1]->synapses, factors[1]->array, b);
    const SynapsesPlan& syn = network.plan().synapses[static_cast<size_t>(op.synapses)];
    const GroupPlan& pre = network.plan().groups[static_cast<size_t>(syn.pre_group)];
    const GroupPlan& post = network.plan().groups[static_cast<size_t>(syn.post_group)];
    if (a.cols() != b.rows() || a.rows() != static_cast<Eigen::Index>(post.size) ||
        b.cols() != static_cast<Eigen::Index>(pre.size)) {
        return "matmul_weights: the weight matrices of the projections do not fit '" + syn.name +
               "'";
    }
    Eigen::MatrixXd product = a * b;
    size_t n = network.synapse_count(static_cast<size_t>(op.synapses));
    const std::vector<double>* scale = values_of(context, "scale");
    if (scale && scale->size() != n)
        return "matmul_weights: the scale was not computed for every synapse";
    const auto& i = network.array(syn.pre_index);
    const auto& j = network.array(syn.post_index);
    std::vector<double>& w = context.network.array(op.array);
    for (size_t s = 0; s < n; ++s) {
        double factor = scale ? (*scale)[s] : 1.0;
        w[s] = factor *
               product(static_cast<Eigen::Index>(j[s]) - static_cast<Eigen::Index>(post.offset),
                       static_cast<Eigen::Index>(i[s]) - static_cast<Eigen::Index>(pre.offset));
    }
    return "";
}

}  // namespace

double angle_degrees(std::span<const double> a, std::span<const double> b,
                     std::span<const double> mask) {
    double dot = 0, aa = 0, bb = 0;
    for (size_t k = 0; k < a.size(); ++k) {
        if (!mask.empty() && mask[k] == 0) continue;
        dot += a[k] * b[k];
        aa += a[k] * a[k];
        bb += b[k] * b[k];
    }
    if (aa == 0 || bb == 0) return 0.0;
    double cosine = dot / (std::sqrt(aa) * std::sqrt(bb));
    if (std::abs(1 - cosine) < 1e-6) return 0.0;
    return std::acos(std::clamp(cosine, -1.0, 1.0)) * 180.0 / std::numbers::pi;
}

bool is_metric_analysis(const std::string& analysis) {
    return analysis == "metric" || analysis == "synapse_angle" || analysis == "matmul_weights";
}

std::string run_metric_analysis(const ProtocolOp& op, const AnalysisArgs& args,
                                AnalysisContext& context) {
    if (op.analysis == "metric") return metric_op(op, args, context);
    if (op.analysis == "synapse_angle") return synapse_angle_op(op, args, context);
    return matmul_weights_op(op, context);
}

}  // namespace nj::rt
