// Arguments of metric, synapse_angle and matmul_weights: indexed reads, per-synapse kernels,
// and the checks of objects, units and group sizes.
#include "compiler/lower/lower_analysis_exprs.h"

#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_groups.h"
#include "compiler/lower/lower_synapses.h"
#include "compiler/lower/rewrite_expr.h"
#include "compiler/sema/check_equations.h"
#include "compiler/sema/check_expr.h"

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace nj::lower {

namespace {

using Op = rt::ProtocolOp;
using support::DiagCode;

/// X in `X.name` with X a plain name; null for anything else.
const ast::Expr* member_object(const ast::Expr& e) {
    if (e.kind != ast::ExprKind::Member || e.children.empty() || !e.children[0]) return nullptr;
    return e.children[0]->kind == ast::ExprKind::Name ? e.children[0].get() : nullptr;
}

/// `X.name[...]`: an indexed read, which per-synapse code leaves to the expression lowering
/// (matrix reads S.w[a, b]).
bool is_indexed_member(const ast::Expr& e) {
    return e.kind == ast::ExprKind::Index && !e.children.empty() && e.children[0] &&
           member_object(*e.children[0]);
}

/// Every `X.name` of `e` that is not indexed.
void collect_members(const ast::Expr& e, std::vector<const ast::Expr*>& out) {
    if (is_indexed_member(e)) return;
    if (member_object(e)) {
        out.push_back(&e);
        return;
    }
    for (const auto& c : e.children) {
        if (c) collect_members(*c, out);
    }
}

/// One read `G.v[k]` of a metric: its rounded index and the number of elements of G.v.
struct IndexedRead {
    ir::ExprRef at;
    ir::ExprRef size;
};

class AnalysisLowerer {
public:
    AnalysisLowerer(const ast::Item& item, const sema::Scope& scope, LowerContext& context, Op& op)
        : item_(item),
          call_(*item.exprs[0]),
          name_(call_.children[0]->text),
          scope_(&scope),
          context_(context),
          op_(op) {
        // analysis arguments are checked with the synapse specials (i, j, N, ...) visible
        sema::define_synapse_specials(scope_);
        for (size_t k = 1; k < call_.children.size(); ++k) {
            const ast::Expr* arg = call_.children[k].get();
            if (call_.arg_names[k - 1].empty()) {
                positional_.push_back(arg);
            } else {
                keywords_[call_.arg_names[k - 1]] = arg;
            }
        }
    }

    bool lower() {
        op_.kind = Op::Kind::Analyse;
        op_.analysis = name_;
        op_.name = item_.name.empty() ? name_ : item_.name;
        if (name_ == "metric") return lower_metric();
        if (name_ == "synapse_angle") return lower_synapse_angle();
        return lower_matmul_weights();
    }

private:
    bool fail(DiagCode code, support::SourceRange range, const std::string& message) {
        context_.diags.report(code, range, message);
        context_.failed = true;
        return false;
    }

    std::string text(const ast::Expr& e) const {
        return std::string(context_.diags.sources().slice(e.range));
    }

    const ast::Expr* keyword(const std::string& key) const {
        auto it = keywords_.find(key);
        return it == keywords_.end() ? nullptr : it->second;
    }

    sema::ExprType type_of(const ast::Expr& e) {
        support::DiagnosticEngine quiet(context_.diags.sources());
        sema::CodeContext code{scope_, quiet, nullptr, false,
                               true,   false, false,   "in the protocol"};
        return sema::check_expr(e, code);
    }

    /// `e` is a number (dimensionless when asked; a condition counts as 1 or 0).
    bool check_number(const ast::Expr& e, const std::string& what, bool dimensionless,
                      units::Dimension* dim = nullptr) {
        sema::ExprType t = type_of(e);
        if (t.is_poison()) return true;
        if (!t.is_number() && !t.is_boolean()) {
            return fail(DiagCode::TypeMismatch, e.range,
                        what + " must be a number, not a " + sema::describe_type(t));
        }
        if (dimensionless && t.is_number() && !t.dim.is_dimensionless()) {
            return fail(
                DiagCode::UnitsNotDimensionless, e.range,
                what + " must be dimensionless, but '" + text(e) + "' is " + sema::in_unit(t));
        }
        if (dim && t.is_number()) *dim = t.dim;
        return true;
    }

    int synapses_id(const std::string& name) const {
        const auto& all = context_.plan.synapses;
        for (size_t k = 0; k < all.size(); ++k) {
            if (all[k].name == name) return static_cast<int>(k);
        }
        return -1;
    }

    int variable_of(int synapses, const std::string& variable) const {
        for (const auto& [n, id] :
             context_.plan.synapses[static_cast<size_t>(synapses)].variables) {
            if (n == variable) return id;
        }
        return -1;
    }

    /// `key = k`: a one-element kernel "key".
    bool lower_key() {
        const ast::Expr* key = keyword("key");
        if (!key) return true;
        if (!check_number(*key, "the key of '" + name_ + "'", true)) return false;
        KernelBuilder b = context_.new_kernel("protocol_key", "protocol");
        ir::ExprRef value = as_number(lower_expr(*key, b, ElementScope{}, {}, context_));
        if (!value) return false;
        Op arg;
        arg.kind = Op::Kind::Analyse;
        arg.name = "key";
        arg.scratch = context_.add_array("protocol.key", 1, 0.0);
        b.kernel.body.push_back(ir::store(b.slot_for(arg.scratch, "scratch"), value));
        arg.value = context_.finish(b, 0, 1);
        op_.body.push_back(std::move(arg));
        return true;
    }

    // ---------------------------------------------------------------- metric

    bool lower_metric() {
        if (positional_.size() != 1) {
            return fail(DiagCode::ProtocolInvalid, call_.range,
                        "'metric' takes one expression, e.g. 'metric(G.v[0] / n)'");
        }
        const ast::Expr& expr = *positional_[0];
        if (!check_number(expr, "the value of 'metric'", true) || !lower_key()) return false;
        KernelBuilder b = context_.new_kernel("protocol_metric", "protocol");
        std::vector<IndexedRead> reads;
        Bindings bindings;
        bool ok = true;
        ast::ExprPtr copy = rewrite(expr, [&](const ast::Expr& e) -> ast::ExprPtr {
            if (!ok) return nullptr;
            const ast::Expr* object =
                is_indexed_member(e) ? member_object(*e.children[0]) : member_object(e);
            if (!object || !is_object(object->text)) return nullptr;
            if (e.kind == ast::ExprKind::Member) {
                ok = fail(DiagCode::ProtocolInvalid, e.range,
                          "'metric' reads one element of a variable: write '" + text(e) + "[k]'");
                return name_node("$unused", e.range);
            }
            if (e.children.size() != 2) return copy_of(e);  // S.w[a, b]: a matrix read
            std::string bound = "$read" + std::to_string(reads.size());
            ir::ExprRef load = indexed_read(e, b, reads);
            if (!load) {
                ok = false;
            } else {
                bindings[bound] = load;
                op_.strings["index" + std::to_string(reads.size())] = text(e);
            }
            return name_node(bound, e.range);
        });
        if (!ok) return false;
        ir::ExprRef value = as_number(lower_expr(*copy, b, ElementScope{}, bindings, context_));
        if (!value) return false;
        Op arg;
        arg.kind = Op::Kind::Analyse;
        arg.name = "value";
        size_t n = 1 + 2 * reads.size();
        arg.scratch = context_.add_array("protocol.metric", n, 0.0);
        b.kernel.body.push_back(metric_store(b.slot_for(arg.scratch, "scratch"), value, reads));
        arg.value = context_.finish(b, 0, n);
        op_.body.push_back(std::move(arg));
        return true;
    }

    bool is_object(const std::string& name) const {
        return context_.group_ids.count(name) || synapses_id(name) >= 0;
    }

    /// `G.v[k]` (a state variable of a group or synapses object) as a load at k rounded; the
    /// read's index and size go to `reads`. Null after a reported problem.
    ir::ExprRef indexed_read(const ast::Expr& e, KernelBuilder& b,
                             std::vector<IndexedRead>& reads) {
        const ast::Expr& member = *e.children[0];
        const std::string& object = member.children[0]->text;
        int array = -1;
        bool subexpression = false;
        double offset = 0;
        ir::ExprRef size;
        if (auto g = context_.group_ids.find(object); g != context_.group_ids.end()) {
            ElementScope scope = group_scope(g->second, context_);
            if (auto it = scope.arrays.find(member.text); it != scope.arrays.end())
                array = it->second;
            subexpression = scope.subexpressions.count(member.text) > 0;
            offset = scope.index_offset;
            size = ir::constant(scope.size);
        } else {
            int s = synapses_id(object);
            array = variable_of(s, member.text);
            const sema::Variable* v =
                context_.model.synapses[static_cast<size_t>(s)].variables.find(member.text);
            subexpression = v && v->role == sema::Variable::Role::Subexpression;
            size = ir::param(context_.plan.synapses[static_cast<size_t>(s)].count_param);
        }
        if (array < 0) {
            fail(DiagCode::ProtocolInvalid, member.range,
                 subexpression ? "'metric' reads stored variables at an index, and '" +
                                     text(member) + "' is a subexpression (it is not stored)"
                               : "'" + text(member) + "' cannot be read at an index here");
            return nullptr;
        }
        ir::ExprRef k = as_number(lower_expr(*e.children[1], b, ElementScope{}, {}, context_));
        if (!k) return nullptr;
        ir::ExprRef at = ir::call("floor", {ir::binary("+", k, ir::constant(0.5))});
        reads.push_back({at, size});
        ir::ExprRef element = offset == 0 ? at : ir::binary("+", at, ir::constant(offset));
        return ir::load(b.slot_for(array, context_.plan.arrays[static_cast<size_t>(array)].name),
                        element);
    }

    /// Element 0: the value, computed only when every index is inside its variable (its loads
    /// stay inside the arrays); element 2r + 1: read r's index, 2r + 2: its size.
    static ir::Stmt metric_store(int slot, const ir::ExprRef& value,
                                 const std::vector<IndexedRead>& reads) {
        ir::ExprRef i = ir::loop_index();
        ir::ExprRef inside;
        ir::ExprRef rest = ir::constant(0);
        for (size_t r = reads.size(); r-- > 0;) {
            ir::ExprRef fits = ir::logical("and", ir::compare(">=", reads[r].at, ir::constant(0)),
                                           ir::compare("<", reads[r].at, reads[r].size));
            inside = inside ? ir::logical("and", fits, inside) : fits;
            rest = ir::select(ir::compare("==", i, ir::constant(static_cast<double>(2 * r + 2))),
                              reads[r].size, rest);
            rest = ir::select(ir::compare("==", i, ir::constant(static_cast<double>(2 * r + 1))),
                              reads[r].at, rest);
        }
        if (!inside) return ir::store(slot, value);
        ir::Stmt guarded =
            ir::if_then(inside, {ir::store(slot, value)}, {ir::store(slot, ir::constant(0))});
        return ir::if_then(ir::compare("==", i, ir::constant(0)), {guarded},
                           {ir::store(slot, rest)});
    }

    // ---------------------------------------------------------------- per-synapse arguments

    /// The synapses object of the first `S.x` in `e` that names one, or -1.
    int synapses_read_by(const ast::Expr& e) const {
        std::vector<const ast::Expr*> members;
        collect_members(e, members);
        for (const ast::Expr* m : members) {
            int s = synapses_id(member_object(*m)->text);
            if (s >= 0) return s;
        }
        return -1;
    }

    /// A kernel over the synapses of op.synapses writing `e` (its `S.x` read as the synapse's
    /// x; 1 or 0 for a condition) into a fresh per-synapse array, as body op `key`.
    bool per_synapse(const ast::Expr& e, const std::string& key, bool condition) {
        const std::string& owner = context_.plan.synapses[static_cast<size_t>(op_.synapses)].name;
        std::vector<const ast::Expr*> members;
        collect_members(e, members);
        for (const ast::Expr* m : members) {
            if (member_object(*m)->text == owner) continue;
            return fail(DiagCode::ProtocolInvalid, m->range,
                        "'" + name_ + "' evaluates '" + text(e) + "' for each synapse of '" +
                            owner + "', so '" + text(*m) +
                            "' cannot be used here; write variables of '" + owner + "' as '" +
                            owner + ".x'");
        }
        ast::ExprPtr copy = rewrite(e, [](const ast::Expr& x) -> ast::ExprPtr {
            if (is_indexed_member(x)) return copy_of(x);
            return member_object(x) ? name_node(x.text, x.range) : nullptr;
        });
        ElementScope scope = synapses_scope(op_.synapses, context_);
        KernelBuilder b = context_.new_kernel(owner + "_" + key, "protocol");
        ir::ExprRef value = lower_expr(*copy, b, scope, {}, context_);
        if (!value) return false;
        value = condition ? as_number(as_condition(value)) : as_number(value);
        Op arg;
        arg.kind = Op::Kind::Analyse;
        arg.name = key;
        arg.scratch = context_.add_array(owner + ".protocol_" + key, 0, 0.0);
        context_.plan.arrays[static_cast<size_t>(arg.scratch)].synapses = op_.synapses;
        b.kernel.body.push_back(ir::store(b.slot_for(arg.scratch, "scratch"), value));
        arg.value = context_.finish(b, 0, 0);  // the runtime runs it over the synapses made
        op_.body.push_back(std::move(arg));
        return true;
    }

    // ---------------------------------------------------------------- synapse_angle

    bool lower_synapse_angle() {
        static const std::string usage =
            "'synapse_angle' compares two variables of one synapses object, e.g. "
            "'synapse_angle(S.a, S.b)'";
        if (positional_.size() != 2) return fail(DiagCode::ProtocolInvalid, call_.range, usage);
        op_.synapses = synapses_read_by(*positional_[0]);
        if (op_.synapses < 0) op_.synapses = synapses_read_by(*positional_[1]);
        if (op_.synapses < 0)
            return fail(DiagCode::ProtocolInvalid, call_.range, usage + ", but it names none");
        if (item_.name.empty())
            op_.name = name_ + "_" + context_.plan.synapses[static_cast<size_t>(op_.synapses)].name;
        for (const ast::Expr* v : positional_) {
            if (!check_number(*v, "each value 'synapse_angle' compares", false)) return false;
        }
        const ast::Expr* mask = keyword("mask");
        if (mask) {
            sema::ExprType t = type_of(*mask);
            if (!t.is_poison() && !t.is_boolean()) {
                return fail(
                    DiagCode::TypeMismatch, mask->range,
                    "the mask of 'synapse_angle' must be a condition such as 'S.layer == 1', not " +
                        sema::value_phrase(t));
            }
        }
        return lower_key() && per_synapse(*positional_[0], "a", false) &&
               per_synapse(*positional_[1], "b", false) &&
               (!mask || per_synapse(*mask, "mask", true));
    }

    // ---------------------------------------------------------------- matmul_weights

    bool lower_matmul_weights() {
        if (positional_.size() != 3) {
            return fail(DiagCode::ProtocolInvalid, call_.range,
                        "'matmul_weights' takes three synapses objects: matmul_weights(S, A, B) "
                        "sets the weights "
                        "of S from the product of those of A and B");
        }
        int ids[3];
        for (size_t k = 0; k < 3; ++k) {
            const ast::Expr& e = *positional_[k];
            ids[k] = e.kind == ast::ExprKind::Name ? synapses_id(e.text) : -1;
            if (ids[k] < 0) {
                return fail(DiagCode::ProtocolInvalid, e.range,
                            "'" + text(e) +
                                "' is not a synapses object; matmul_weights(S, A, B) takes three");
            }
        }
        op_.synapses = ids[0];
        if (!variables(ids) || !sizes_fit(ids)) return false;
        units::Dimension scale_dim = units::Dimension::dimensionless();
        const ast::Expr* scale = keyword("scale");
        if (scale && !check_number(*scale, "the scale of 'matmul_weights'", false, &scale_dim))
            return false;
        if (!units_fit(ids, scale_dim)) return false;
        for (size_t k = 1; k < 3; ++k) {
            Op factor;
            factor.kind = Op::Kind::Analyse;
            factor.name = k == 1 ? "A" : "B";
            factor.synapses = ids[k];
            factor.array = variable_of(ids[k], "w");
            op_.body.push_back(std::move(factor));
        }
        return !scale || per_synapse(*scale, "scale", false);
    }

    /// op.array: `variable = v` of S (default w); A and B need a weight w.
    bool variables(const int ids[3]) {
        const ast::Expr* chosen = keyword("variable");
        variable_ =
            chosen && (chosen->kind == ast::ExprKind::Name || chosen->kind == ast::ExprKind::String)
                ? chosen->text
                : "w";
        op_.array = variable_of(ids[0], variable_);
        const sema::Variable* v =
            context_.model.synapses[static_cast<size_t>(ids[0])].variables.find(variable_);
        if (op_.array < 0 || !v || v->role == sema::Variable::Role::Subexpression) {
            return fail(DiagCode::ProtocolInvalid, chosen ? chosen->range : positional_[0]->range,
                        "'" + text(*positional_[0]) + "' has no stored variable '" + variable_ +
                            "' to set (name one with 'variable = ...')");
        }
        for (size_t k = 1; k < 3; ++k) {
            if (variable_of(ids[k], "w") < 0) {
                return fail(DiagCode::ProtocolInvalid, positional_[k]->range,
                            "'" + text(*positional_[k]) + "' has no weight 'w' to multiply");
            }
        }
        return true;
    }

    /// S[post, pre] = A[post, m] B[m, pre]: A's pre group is as large as B's post group, S's
    /// post group as A's and S's pre group as B's.
    bool sizes_fit(const int ids[3]) {
        const auto& plan = context_.plan;
        auto group = [&](int g) -> const rt::GroupPlan& {
            return plan.groups[static_cast<size_t>(g)];
        };
        auto syn = [&](int k) -> const rt::SynapsesPlan& {
            return plan.synapses[static_cast<size_t>(ids[k])];
        };
        auto side = [&](int k, bool pre) {
            const rt::GroupPlan& g = group(pre ? syn(k).pre_group : syn(k).post_group);
            return "'" + syn(k).name + "' " + (pre ? "comes from '" : "goes to '") + g.name +
                   "' (" + std::to_string(g.size) + ")";
        };
        struct Pair {
            int a;
            bool a_pre;
            int b;
            bool b_pre;
            const char* need;
        };
        const Pair pairs[] = {
            {1, true, 2, false,
             "the product A B needs as many pre neurons in A as post neurons in B"},
            {0, false, 1, false, "S needs as many post neurons as A"},
            {0, true, 2, true, "S needs as many pre neurons as B"},
        };
        for (const Pair& p : pairs) {
            size_t a = group(p.a_pre ? syn(p.a).pre_group : syn(p.a).post_group).size;
            size_t b = group(p.b_pre ? syn(p.b).pre_group : syn(p.b).post_group).size;
            if (a == b) continue;
            return fail(DiagCode::ProtocolInvalid, call_.range,
                        std::string("matmul_weights(S, A, B): ") + p.need + ", but " +
                            side(p.a, p.a_pre) + " and " + side(p.b, p.b_pre));
        }
        return true;
    }

    /// S's variable has the unit of scale × A.w × B.w.
    bool units_fit(const int ids[3], const units::Dimension& scale) {
        auto dim = [&](int k, const std::string& v) {
            const sema::Variable* var =
                context_.model.synapses[static_cast<size_t>(ids[k])].variables.find(v);
            return var ? var->type.dim : units::Dimension::dimensionless();
        };
        units::Dimension product = scale * dim(1, "w") * dim(2, "w");
        if (dim(0, variable_) == product) return true;
        return fail(DiagCode::UnitsMismatch, call_.range,
                    "matmul_weights: '" + text(*positional_[0]) + "." + variable_ + "' is " +
                        sema::in_unit(dim(0, variable_)) + ", but scale × A.w × B.w is " +
                        sema::in_unit(product));
    }

    const ast::Item& item_;
    const ast::Expr& call_;
    const std::string& name_;
    sema::Scope scope_;
    LowerContext& context_;
    Op& op_;
    std::vector<const ast::Expr*> positional_;
    std::map<std::string, const ast::Expr*> keywords_;
    std::string variable_ = "w";
};

}  // namespace

bool is_expression_analysis(const std::string& name) {
    return name == "metric" || name == "synapse_angle" || name == "matmul_weights";
}

bool lower_expression_analysis(const ast::Item& item, const sema::Scope& scope,
                               LowerContext& context, rt::ProtocolOp& op) {
    return AnalysisLowerer(item, scope, context, op).lower();
}

}  // namespace nj::lower
