// The protocol interpreter: values from scalar kernels, steps through Network::run.
#include "runtime/protocol/execute_protocol.h"

#include "runtime/protocol/rebuild_network.h"
#include "runtime/protocol/run_analysis.h"
#include "runtime/protocol/trial_analyses.h"
#include "runtime/training/train_loop.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace nj::rt {

namespace {

class Executor {
public:
    explicit Executor(ProtocolEnvironment& env) : env_(env) {
        spikes_.resize(env.network.plan().groups.size());
        logged_.assign(spikes_.size(), 0);
        log_spikes_of(env.network.plan().protocol);
    }

    /// False when the protocol must stop (interrupted, non-finite value, error).
    bool run_block(const std::vector<ProtocolOp>& ops) {
        for (const auto& op : ops) {
            if (!run_op(op) || env_.stop.load()) return false;
        }
        return true;
    }

    ProtocolOutcome outcome;

    /// Only the groups an analysis of spikes reads keep a spike log (it grows with every spike).
    void log_spikes_of(const std::vector<ProtocolOp>& ops) {
        const NetworkPlan& plan = env_.network.plan();
        for (const auto& op : ops) {
            if (op.kind == ProtocolOp::Kind::Analyse && !op.groups.empty() && op.groups[0] >= 0) {
                logged_[plan.root_group(op.groups[0])] = 1;
            }
            log_spikes_of(op.body);
            log_spikes_of(op.else_body);
        }
    }

    /// Mean incoming sums at build time of the weights scale_incoming pulls toward them.
    void record_initial_means(const std::vector<ProtocolOp>& ops) {
        for (const auto& op : ops) {
            auto target = op.strings.find("target");
            if (op.analysis == "scale_incoming" && target != op.strings.end() && target->second == "initial_mean") {
                initial_means_[{op.synapses, op.array}] = mean_incoming_sum(env_.network, op.synapses, op.array);
            }
            record_initial_means(op.body);
            record_initial_means(op.else_body);
        }
    }

private:
    double value_of(const ProtocolOp& op) {
        env_.network.call(op.value);
        return env_.network.array(op.scratch)[0];
    }

    bool run_op(const ProtocolOp& op) {
        switch (op.kind) {
        case ProtocolOp::Kind::Run: return simulate(value_of(op));
        case ProtocolOp::Kind::Repeat: {
            double n = std::floor(value_of(op) + 0.5);
            std::vector<double> passes;
            for (double k = 0; k < n; ++k) passes.push_back(k);
            return run_loop(op, passes);
        }
        case ProtocolOp::Kind::For: return run_loop(op, op.items);
        case ProtocolOp::Kind::If: return run_block(value_of(op) != 0.0 ? op.body : op.else_body);
        case ProtocolOp::Kind::SetParam:
            env_.network.params()[static_cast<size_t>(op.param)] = value_of(op);
            return true;
        case ProtocolOp::Kind::SetArray: env_.network.call(op.action); return true;
        case ProtocolOp::Kind::Store: stored_[op.name] = env_.network.snapshot(); return true;
        case ProtocolOp::Kind::Restore: return restore(op.name, op.analysis == "replay");
        case ProtocolOp::Kind::Analyse:
            if (op.analysis == "rebuild") return rebuild(op);
            analyse(op);
            return outcome.error.empty();
        case ProtocolOp::Kind::Print: print(op); return true;
        case ProtocolOp::Kind::Train: return train(op);
        }
        return true;
    }

    /// The body once per value of the loop variable (a parameter slot; none for `repeat n`).
    bool run_loop(const ProtocolOp& op, const std::vector<double>& values) {
        loops_.emplace_back(op.name.empty() ? "pass" : op.name, 0.0);
        for (double v : values) {
            loops_.back().second = v;
            if (op.param >= 0) env_.network.params()[static_cast<size_t>(op.param)] = v;
            if (!run_block(op.body)) {
                loops_.pop_back();
                return false;
            }
        }
        loops_.pop_back();
        return true;
    }

    /// An analysis inside loops adds one entry per pass to a list, with the loop variables
    /// ("loop": {"k": 2}); its files get the loop values in their names (mf_k2_fixed_points.npy).
    /// `passes` is the list of the earlier passes, moved out of the metrics while this one ran.
    void collect_repeated(const ProtocolOp& op, size_t first_file, nlohmann::json passes) {
        auto result = env_.metrics.find(op.name);
        bool wrote_metric = result != env_.metrics.end();
        nlohmann::json entry = wrote_metric ? std::move(*result) : nlohmann::json::object();
        if (!entry.is_object()) entry = {{"value", entry}};
        std::string suffix;
        for (const auto& [name, value] : loops_) {
            entry["loop"][name] = value;
            char text[32];
            std::snprintf(text, sizeof text, "_%s%g", name.c_str(), value);
            suffix += text;
        }
        // the analysis' own name first, then the loop values: mf_k2_fixed_points
        auto with_pass = [&](std::string& file) {
            size_t dot = file.rfind(".npy");
            size_t cut = dot == std::string::npos ? file.size() : dot;
            size_t stem = file.compare(0, op.name.size(), op.name) == 0 ? op.name.size() : cut;
            file.insert(stem, suffix);
        };
        if (entry.contains("figures") && entry["figures"].is_array()) {  // figures name this pass' files
            for (auto& figure : entry["figures"]) {
                for (const char* axis : {"x", "y"}) {
                    if (!figure.contains(axis) || !figure[axis].is_string()) continue;
                    std::string file = figure[axis].get<std::string>();
                    with_pass(file);
                    figure[axis] = file;
                }
                if (figure.contains("name") && figure["name"].is_string()) {
                    figure["name"] = figure["name"].get<std::string>() + suffix;
                }
            }
        }
        if (wrote_metric) passes.push_back(std::move(entry));  // `apply` operations write no metric
        if (!passes.empty()) env_.metrics[op.name] = std::move(passes);
        for (size_t k = first_file; k < outcome.files.size(); ++k) with_pass(outcome.files[k].file);
    }

    /// A fresh network: what was logged or stored belongs to the old one.
    bool rebuild(const ProtocolOp& op) {
        outcome.error = rebuild_network(op, env_.network, env_.recorders);
        if (!outcome.error.empty()) return false;
        for (auto& log : spikes_) log.clear();
        stored_.clear();
        initial_means_.clear();
        record_initial_means(env_.network.plan().protocol);
        return true;
    }

    bool restore(const std::string& name, bool replay_noise) {
        auto it = stored_.find(name);
        if (it == stored_.end()) {
            outcome.error = "cannot restore " + (name.empty() ? std::string("the default state") : "'" + name + "'") +
                            ": it was never stored";
            return false;
        }
        env_.network.restore(it->second, replay_noise);
        // Spikes of the discarded timeline no longer count for analyses.
        uint64_t now = env_.network.step();
        for (auto& log : spikes_) log.truncate_from(now);
        return true;
    }

    /// `train`: the body is the forward pass; monitors and spike logs stay out of it.
    bool train(const ProtocolOp& op) {
        const TrainPlan& plan = *op.train;
        training_ = true;
        TrainingReport report = run_training(env_.network, plan, [&] { return run_block(op.body); });
        training_ = false;
        if (!report.error.empty()) {
            outcome.error = "train " + plan.loss_name + ": " + report.error;
            return false;
        }
        nlohmann::json result;
        result["steps"] = report.losses.size();
        if (!report.losses.empty()) {
            result["loss_first"] = report.losses.front();
            result["loss_last"] = report.losses.back();
        }
        result["trajectory_bytes"] = report.tape_bytes;
        result["forward_s"] = report.forward_s;
        result["backward_s"] = report.backward_s;
        result["batch_forward_s"] = report.batch_forward_s;
        const NetworkPlan& network_plan = env_.network.plan();
        for (size_t k = 0; k < plan.params.size(); ++k) {
            const std::string& name = network_plan.param_names[static_cast<size_t>(plan.params[k].param)];
            result["trained"][name] = env_.network.params()[static_cast<size_t>(plan.params[k].param)];
            if (k < report.first_gradient.size()) result["gradient_first"][name] = report.first_gradient[k];
        }
        env_.metrics[plan.loss_name] = std::move(result);
        outcome.files.push_back({plan.loss_name + "_loss.npy", report.losses, {report.losses.size()}, false});
        outcome.files.push_back(
            {plan.loss_name + "_gradient_norm.npy", report.gradient_norms, {report.gradient_norms.size()}, false});
        // the trained values by name, in SI, as `json(path)` tables read them back (learned())
        const nlohmann::json& metric = env_.metrics[plan.loss_name];
        nlohmann::json trained = metric.contains("trained") ? metric["trained"] : nlohmann::json::object();
        for (const auto& a : plan.arrays) trained[a.name] = env_.network.array(a.array);
        outcome.json_files.emplace_back(plan.loss_name + "_trained.json", std::move(trained));
        size_t at = plan.params.size();
        for (const auto& a : plan.arrays) {
            const std::vector<double>& values = env_.network.array(a.array);
            outcome.files.push_back({plan.loss_name + "_" + a.name + ".npy", values, {values.size()}, false});
            if (at + values.size() <= report.first_gradient.size()) {
                std::vector<double> g(report.first_gradient.begin() + static_cast<long>(at),
                                      report.first_gradient.begin() + static_cast<long>(at + values.size()));
                outcome.files.push_back({plan.loss_name + "_" + a.name + "_gradient_first.npy", g, {g.size()}, false});
            }
            at += values.size();
        }
        return !report.interrupted;
    }

    bool simulate(double duration) {
        double dt = env_.network.dt();
        auto steps = static_cast<uint64_t>(std::max(0.0, std::llround(duration / dt) * 1.0));
        StepHooks hooks;
        if (training_) {
            hooks.after = [&](uint64_t step, const std::vector<std::vector<uint32_t>>&) {
                if (env_.progress && step % 256 == 0) env_.progress(env_.network.time());
            };
            auto bad = env_.network.run(steps, env_.stop, hooks);
            if (bad) outcome.non_finite = bad;
            return !bad;
        }
        hooks.before = [&](uint64_t step) {
            for (auto& r : env_.recorders) {
                const MonitorPlan& m = r.plan();
                if (m.prepare.valid() && step % m.every_steps == 0) env_.network.call(m.prepare);
                r.before_step(step, env_.network);
            }
        };
        hooks.after = [&](uint64_t step, const std::vector<std::vector<uint32_t>>& spikes) {
            for (auto& r : env_.recorders) r.after_step(step, spikes, env_.network);
            for (size_t g = 0; g < spikes.size(); ++g) {
                if (!logged_[g]) continue;
                spikes_[g].append(step, spikes[g]);
            }
            if (env_.progress && step % 256 == 0) env_.progress(env_.network.time());
        };
        auto bad = env_.network.run(steps, env_.stop, hooks);
        if (bad) {
            outcome.non_finite = bad;
            return false;
        }
        return true;
    }

    void analyse(const ProtocolOp& op) {
        // every argument is a scratch array: one value, or one per population (pair) or synapse,
        // or a list; arguments without one name objects the analysis reads itself
        std::map<std::string, double> args;
        std::map<std::string, std::vector<double>> vectors;
        for (const auto& arg : op.body) {
            if (arg.scratch < 0) continue;
            if (arg.value.valid()) evaluate(arg);
            const std::vector<double>& values = env_.network.array(arg.scratch);
            args[arg.name] = values.empty() ? std::nan("") : values[0];
            vectors[arg.name] = values;
        }
        AnalysisContext context{env_.network, env_.recorders, spikes_, stored_, initial_means_,
                                env_.metrics, outcome.files,  vectors, &trial_pools_};
        if (is_pooled_analysis(op.analysis)) {  // one result over the pooled trials, even in loops
            outcome.error = run_analysis(op, args, context);
            return;
        }
        size_t first_file = outcome.files.size();
        // Inside loops the list of earlier passes is moved aside (not copied) while this pass
        // writes its own metric, then gets it appended.
        nlohmann::json passes = nlohmann::json::array();
        if (!loops_.empty()) {
            if (auto it = env_.metrics.find(op.name); it != env_.metrics.end()) {
                // a result of a call outside the loops is kept as the first entry
                if (it->is_array()) passes = std::move(*it);
                else passes.push_back(std::move(*it));
            }
            env_.metrics.erase(op.name);
        }
        outcome.error = run_analysis(op, args, context);
        if (loops_.empty()) return;
        if (outcome.error.empty()) collect_repeated(op, first_file, std::move(passes));
        else if (!passes.empty()) env_.metrics[op.name] = std::move(passes);
    }

    /// An argument's kernel; one over a synapses object's variables (its scratch array is one of
    /// them) runs over the synapses made.
    void evaluate(const ProtocolOp& arg) {
        int synapses = env_.network.plan().arrays[static_cast<size_t>(arg.scratch)].synapses;
        if (synapses < 0) {
            env_.network.call(arg.value);
            return;
        }
        KernelCall call = arg.value;
        call.end = env_.network.synapse_count(static_cast<size_t>(synapses));
        env_.network.call(call);
    }

    void print(const ProtocolOp& op) {
        std::string line;
        for (const auto& part : op.body) {
            if (!line.empty()) line += " ";
            if (part.value.valid()) {
                char buffer[32];
                std::snprintf(buffer, sizeof buffer, "%.6g", value_of(part));
                line += buffer;
            } else {
                line += part.name;
            }
        }
        env_.out << line << "\n";
    }

    ProtocolEnvironment& env_;
    bool training_ = false;  ///< inside a train statement's forward pass
    /// every spike of each root group: (element, step); kept for analyses over time windows
    std::vector<SpikeLog> spikes_;
    std::vector<char> logged_;  ///< per root group: keep its spikes in spikes_
    std::map<std::string, Network::Snapshot> stored_;
    std::map<std::pair<int, int>, double> initial_means_;
    TrialPools trial_pools_;  ///< trials pooled by the trial analyses, by result name
    std::vector<std::pair<std::string, double>> loops_;  ///< enclosing loops: variable, value
};

}  // namespace

ProtocolOutcome execute_protocol(const std::vector<ProtocolOp>& ops, ProtocolEnvironment& env) {
    Executor executor(env);
    executor.record_initial_means(ops);
    bool finished = executor.run_block(ops);
    ProtocolOutcome outcome = executor.outcome;
    outcome.complete = finished && !env.stop.load();
    return outcome;
}

}  // namespace nj::rt
