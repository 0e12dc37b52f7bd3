// Kernels into parts of about equal compile work (partition_kernels.h).
#include "compiler/jit/partition_kernels.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace nj::jit {
namespace {

/// Weights, measured as compile milliseconds of kernels each in a module of its own (0.02 ms a
/// unit): every module and kernel has a fixed cost of about 5 ms (the loop, its vectorised and
/// scalar versions, the passes' setup); an operation per element adds code twice (vector and
/// remainder loops), a random draw expands to Philox rounds or a sampler call, a math function
/// to a library call or inline code. Values computed once per call (parameters only) leave the
/// loop and cost little even when there are many (an exact propagator's terms).
constexpr size_t kKernelCost = 250;
constexpr size_t kPerElementCost = 3;
constexpr size_t kCallCost = 40;
constexpr size_t kRandomCost = 300;

struct Walk {
    std::unordered_map<const ir::Expr*, bool> varies;  // node → differs between elements
    std::unordered_map<int, bool> local_varies;        // local slot → set from such a node
    size_t cost = 0;

    bool visit(const ir::ExprRef& e) {
        if (!e) return false;
        if (auto it = varies.find(e.get()); it != varies.end()) return it->second;
        bool varying = e->kind == ir::ExprKind::Load || e->kind == ir::ExprKind::LoopIndex ||
                       e->kind == ir::ExprKind::Random;
        if (e->kind == ir::ExprKind::Local) {
            auto it = local_varies.find(e->slot);
            varying = it == local_varies.end() || it->second;
        }
        for (const ir::ExprRef& arg : e->args) varying = visit(arg) || varying;
        if (e->kind == ir::ExprKind::Random) cost += kRandomCost;
        else if (varying) cost += e->kind == ir::ExprKind::Call ? kCallCost : kPerElementCost;
        varies.emplace(e.get(), varying);
        return varying;
    }

    /// `in_branch`: inside an If, whose condition may differ between elements.
    void visit(const std::vector<ir::Stmt>& body, bool in_branch) {
        for (const ir::Stmt& s : body) {
            cost += kPerElementCost;
            const bool varying = visit(s.value);
            visit(s.index);
            if (s.kind == ir::StmtKind::SetLocal) local_varies[s.slot] = varying || in_branch || local_varies[s.slot];
            visit(s.then_body, true);
            visit(s.else_body, true);
        }
    }
};

}  // namespace

size_t compile_cost(const ir::Kernel& kernel) {
    Walk walk;
    walk.visit(kernel.body, false);
    return kKernelCost + walk.cost;
}

std::vector<std::vector<size_t>> partition_kernels(const std::vector<ir::Kernel>& kernels, size_t parts) {
    parts = std::max<size_t>(1, std::min(parts, kernels.size()));
    std::vector<size_t> cost(kernels.size()), order(kernels.size());
    for (size_t k = 0; k < kernels.size(); ++k) cost[k] = compile_cost(kernels[k]);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return cost[a] > cost[b]; });
    std::vector<std::vector<size_t>> split(parts);
    std::vector<size_t> load(parts, 0);
    for (size_t k : order) {
        const size_t lightest = static_cast<size_t>(std::min_element(load.begin(), load.end()) - load.begin());
        split[lightest].push_back(k);
        load[lightest] += cost[k];
    }
    for (auto& part : split) std::sort(part.begin(), part.end());
    std::erase_if(split, [](const std::vector<size_t>& part) { return part.empty(); });
    return split;
}

}  // namespace nj::jit
