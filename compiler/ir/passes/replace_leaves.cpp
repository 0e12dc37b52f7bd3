// Leaf replacement over an expression DAG, memoised so shared nodes are rewritten once.
#include "compiler/ir/passes/replace_leaves.h"

#include "compiler/ir/passes/with_args.h"

#include <unordered_map>

namespace nj::ir {

namespace {

class LeafReplacer {
public:
    explicit LeafReplacer(const LeafRewrite& rewrite) : rewrite_(rewrite) {}

    ExprRef rewrite(const ExprRef& e) {
        if (!e) return e;
        auto found = done_.find(e.get());
        if (found != done_.end()) return found->second;
        ExprRef result = rewrite_node(e);
        done_.emplace(e.get(), result);
        return result;
    }

private:
    ExprRef rewrite_node(const ExprRef& e) {
        std::vector<ExprRef> args;
        args.reserve(e->args.size());
        for (const auto& a : e->args) args.push_back(rewrite(a));
        ExprRef node = with_args(e, std::move(args));
        bool leaf = e->args.empty() || e->kind == ExprKind::Load;
        if (!leaf) return node;
        ExprRef replacement = rewrite_(node);
        return replacement ? replacement : node;
    }

    const LeafRewrite& rewrite_;
    std::unordered_map<const Expr*, ExprRef> done_;
};

}  // namespace

ExprRef replace_leaves(const ExprRef& expr, const LeafRewrite& rewrite) {
    return LeafReplacer(rewrite).rewrite(expr);
}

}  // namespace nj::ir
