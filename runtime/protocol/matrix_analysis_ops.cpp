// Weight matrices and recorded traces handed to the matrix analyses.
#include "runtime/protocol/matrix_analysis_ops.h"

#include "runtime/analyses/matrix_analyses.h"

#include <Eigen/Core>

#include <cmath>

namespace nj::rt {

namespace {

/// The rows of variable `name` of a state monitor recorded at steps [first, last): K x N.
std::string recorded(const ProtocolOp& op, const std::string& name, const AnalysisArgs& args,
                     const AnalysisContext& context, Eigen::MatrixXd& out) {
    const Recorder& r = context.recorders[static_cast<size_t>(op.monitor)];
    size_t v = 0;
    while (v < r.plan().variables.size() && r.plan().variables[v].first != name) ++v;
    if (v == r.plan().variables.size()) return "the monitor '" + r.name() + "' does not record '" + name + "'";
    const std::vector<double>& times = r.times();
    const std::vector<double>& values = r.trace(v);
    size_t width = times.empty() ? 0 : values.size() / times.size();
    auto [first, last] = step_window(args, context.network);
    std::vector<size_t> rows;
    for (size_t k = 0; k < times.size(); ++k) {
        auto step = static_cast<uint64_t>(std::llround(times[k] / context.network.dt()));
        if (step >= first && step < last) rows.push_back(k);
    }
    out.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(width));
    for (size_t k = 0; k < rows.size(); ++k) {
        for (size_t c = 0; c < width; ++c) {
            out(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(c)) = values[rows[k] * width + c];
        }
    }
    return "";
}

std::string string_arg(const ProtocolOp& op, const std::string& key, std::string& out) {
    auto it = op.strings.find(key);
    if (it == op.strings.end()) return "needs " + key + " = \"variable\"";
    out = it->second;
    return "";
}

std::string trace_match_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    std::string signal, target;
    if (auto e = string_arg(op, "signal", signal); !e.empty()) return e;
    if (auto e = string_arg(op, "target", target); !e.empty()) return e;
    Eigen::MatrixXd s, t;
    if (auto e = recorded(op, signal, args, context, s); !e.empty()) return e;
    if (auto e = recorded(op, target, args, context, t); !e.empty()) return e;
    context.metrics[op.name] = trace_match(s, t);
    return "";
}

std::string participation_ratio_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    std::string variable;
    if (auto e = string_arg(op, "variable", variable); !e.empty()) return e;
    Eigen::MatrixXd samples;
    if (auto e = recorded(op, variable, args, context, samples); !e.empty()) return e;
    context.metrics[op.name] = participation_ratio(samples);
    return "";
}

std::string center_incoming_op(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    const SynapsesPlan& syn = context.network.plan().synapses[static_cast<size_t>(op.synapses)];
    size_t n = context.network.synapse_count(static_cast<size_t>(op.synapses));
    const auto& j = context.network.array(syn.post_index);
    std::vector<uint32_t> post_of(n);
    for (size_t s = 0; s < n; ++s) post_of[s] = static_cast<uint32_t>(j[s]);
    std::vector<double>& w = context.network.array(op.array);
    center_incoming(post_of, std::span<double>(w.data(), n), arg(args, "target", 0.0));
    return "";
}

}  // namespace

bool is_matrix_analysis(const std::string& analysis) {
    return analysis == "weight_motifs" || analysis == "participation_ratio" || analysis == "trace_match" ||
           analysis == "center_incoming";
}

std::string run_matrix_analysis(const ProtocolOp& op, const AnalysisArgs& args, AnalysisContext& context) {
    const std::string& a = op.analysis;
    std::string error;
    if (a == "weight_motifs") {
        Eigen::MatrixXd w;
        error = weight_matrix(op, context.network, w);
        if (error.empty() && w.rows() < 2) error = "needs groups of at least 2 neurons";
        if (error.empty()) context.metrics[op.name] = weight_motifs(w);
    } else if (a == "trace_match") {
        error = trace_match_op(op, args, context);
    } else if (a == "participation_ratio") {
        error = participation_ratio_op(op, args, context);
    } else {
        error = center_incoming_op(op, args, context);
    }
    return error.empty() ? "" : a + " '" + op.name + "': " + error;
}

}  // namespace nj::rt
