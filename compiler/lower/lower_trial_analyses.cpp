// Trial analyses: group-variable arguments as per-element kernels, numbers as scalar kernels,
// and the checks of their keywords, objects and units.
#include "compiler/lower/lower_trial_analyses.h"

#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_groups.h"
#include "compiler/lower/rewrite_expr.h"
#include "compiler/sema/check_expr.h"
#include "compiler/units/format_dimension.h"

#include <map>
#include <memory>
#include <set>
#include <vector>

namespace nj::lower {

namespace {

using Op = rt::ProtocolOp;
using support::DiagCode;

/// What a trial analysis takes: positional sources, per-trial group values, numbers.
struct TrialShape {
    const char* name;
    size_t sources;
    std::set<std::string> per_trial;  ///< group values, one per trial
    std::set<std::string> numbers;
    std::set<std::string> required;
};

const TrialShape* trial_shape(const std::string& name) {
    static const std::vector<TrialShape> shapes = {
        {"active_fraction", 1, {"labels", "key"}, {"min_count"}, {"labels"}},
        {"total_per_trial", 1, {"labels", "key"}, {}, {"labels"}},
        {"argmax_accuracy", 1, {"labels", "key"}, {}, {"labels"}},
        {"total_ratio",
         1,
         {"labels", "key"},
         {"numerator", "denominator", "floor"},
         {"labels", "key", "numerator", "denominator"}},
        {"centroid_accuracy",
         1,
         {"labels", "key"},
         {"reference_fraction", "reference_key"},
         {"labels"}},
        {"decorrelation", 2, {"labels", "key"}, {"min_norm"}, {"labels"}},
        {"mixture_additivity",
         1,
         {"labels", "comp_a", "comp_b", "comp_c"},
         {"threshold"},
         {"labels", "comp_a", "comp_b"}},
        {"fraction_between", 1, {}, {"low", "high"}, {}},
        {"svm_accuracy", 1, {"labels", "classes"}, {"folds"}, {"labels", "classes"}},
        {"decoder_accuracy", 1, {"labels", "key"}, {"scale", "fit_fraction", "ridge"}, {"labels"}},
    };
    for (const auto& s : shapes) {
        if (name == s.name) return &s;
    }
    return nullptr;
}

/// Every `X.name` of `e` with X a plain name.
void collect_members(const ast::Expr& e, std::set<const ast::Expr*>& out) {
    if (e.kind == ast::ExprKind::Member && !e.children.empty() && e.children[0] &&
        e.children[0]->kind == ast::ExprKind::Name) {
        out.insert(&e);
        return;
    }
    for (const auto& c : e.children) {
        if (c) collect_members(*c, out);
    }
}

/// A copy of `e` in which `object.name` reads `name` (of the group whose scope lowers it).
ast::ExprPtr without_object(const ast::Expr& e, const std::string& object) {
    return rewrite(e, [&](const ast::Expr& x) -> ast::ExprPtr {
        bool mine = x.kind == ast::ExprKind::Member && x.children[0] &&
                    x.children[0]->kind == ast::ExprKind::Name && x.children[0]->text == object;
        return mine ? name_node(x.text, x.range) : nullptr;
    });
}

std::string join(const std::set<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}

class TrialLowerer {
public:
    TrialLowerer(const ast::Item& item, const sema::Scope& scope, LowerContext& context, Op& op)
        : item_(item),
          call_(*item.exprs[0]),
          name_(call_.children[0]->text),
          scope_(scope),
          context_(context),
          op_(op),
          shape_(*trial_shape(name_)) {}

    bool lower() {
        op_.kind = Op::Kind::Analyse;
        op_.analysis = name_;
        op_.name = item_.name.empty() ? name_ : item_.name;
        std::vector<const ast::Expr*> sources;
        std::map<std::string, const ast::Expr*> keywords;
        for (size_t k = 1; k < call_.children.size(); ++k) {
            const std::string& key = call_.arg_names[k - 1];
            if (key.empty())
                sources.push_back(call_.children[k].get());
            else
                keywords[key] = call_.children[k].get();
        }
        if (sources.size() != shape_.sources) {
            return fail(call_.range,
                        "'" + name_ + "' takes " + std::to_string(shape_.sources) +
                            (shape_.sources == 1 ? " variable" : " variables") +
                            " of a group (such as 'G.count') before its keyword arguments, not " +
                            std::to_string(sources.size()));
        }
        for (const auto& key : shape_.required) {
            if (!keywords.count(key))
                return fail(call_.range, "'" + name_ + "' needs '" + key + " = ...'");
        }
        bool ok = true;
        for (size_t k = 0; k < sources.size(); ++k)
            ok = source(*sources[k], k == 0 ? "source" : "source2") && ok;
        for (const auto& [key, value] : keywords) ok = keyword(key, *value, sources[0]) && ok;
        return ok;
    }

private:
    bool fail(support::SourceRange range, const std::string& message) {
        context_.diags.report(DiagCode::ProtocolInvalid, range, message);
        context_.failed = true;
        return false;
    }

    std::string text(const ast::Expr& e) const {
        return std::string(context_.diags.sources().slice(e.range));
    }

    sema::ExprType type_of(const ast::Expr& e) {
        support::DiagnosticEngine quiet(context_.diags.sources());
        sema::CodeContext code{scope_, quiet, nullptr, false,
                               true,   false, false,   "in the protocol"};
        return sema::check_expr(e, code);
    }

    /// A positional source: a group variable, or (fraction_between) a synapse variable.
    bool source(const ast::Expr& e, const std::string& key) {
        sema::ExprType t = type_of(e);
        if (key == "source" && t.is_number()) {
            op_.strings["unit"] = t.dim.is_dimensionless() ? "1" : units::format_dimension(t.dim);
        }
        if (name_ == "fraction_between" && synapse_variable(e)) return true;
        return group_value(e, key, "the analysed value");
    }

    bool synapse_variable(const ast::Expr& e) {
        if (e.kind != ast::ExprKind::Member || e.children[0]->kind != ast::ExprKind::Name)
            return false;
        const auto& all = context_.plan.synapses;
        for (size_t s = 0; s < all.size(); ++s) {
            if (all[s].name != e.children[0]->text) continue;
            for (const auto& [n, id] : all[s].variables) {
                if (n != e.text) continue;
                op_.synapses = static_cast<int>(s);
                op_.array = id;
                op_.groups.push_back(-1);
                return true;
            }
        }
        return false;
    }

    /// `G.v`, or an expression of G's variables (`G.b >= 0`): a kernel over G's elements
    /// writing it into a scratch array of G's root size.
    bool group_value(const ast::Expr& e, const std::string& key, const std::string& what) {
        std::set<const ast::Expr*> members;
        collect_members(e, members);
        std::set<std::string> objects;
        for (const auto* m : members) objects.insert(m->children[0]->text);
        auto id = objects.size() == 1 ? context_.group_ids.find(*objects.begin())
                                      : context_.group_ids.end();
        if (id == context_.group_ids.end()) {
            return fail(e.range, what + " of '" + name_ +
                                     "' must be a variable of a group, such as 'G.v', not '" +
                                     text(e) + "'");
        }
        ElementScope scope = group_scope(id->second, context_);
        for (const auto* m : members) {
            if (!scope.arrays.count(m->text) && !scope.subexpressions.count(m->text)) {
                return fail(m->range,
                            "group '" + id->first + "' has no variable '" + m->text + "'");
            }
        }
        const rt::GroupPlan& g = context_.plan.groups[static_cast<size_t>(id->second)];
        const rt::GroupPlan& root = context_.plan.groups[context_.root_group(id->second)];
        ast::ExprPtr name = without_object(e, id->first);
        KernelBuilder b = context_.new_kernel(g.name + "_" + key, "protocol");
        ir::ExprRef v = as_number(lower_expr(*name, b, scope, {}, context_));
        if (!v) return false;
        Op arg;
        arg.kind = Op::Kind::Analyse;
        arg.name = key;
        arg.scratch = context_.add_array("protocol." + key, root.size, 0.0);
        arg.items = {static_cast<double>(g.offset), static_cast<double>(g.size)};
        b.kernel.body.push_back(ir::store(b.slot_for(arg.scratch, "scratch"), v));
        arg.value = context_.finish(b, g.offset, g.offset + g.size);
        op_.body.push_back(std::move(arg));
        return true;
    }

    bool keyword(const std::string& key, const ast::Expr& value, const ast::Expr* source) {
        if (shape_.per_trial.count(key)) return group_value(value, key, "'" + key + "'");
        if (name_ == "decoder_accuracy" && (key == "table" || key == "weights" || key == "bias")) {
            if (key == "table") return true;
            if (!has_keyword(key == "weights" ? "bias" : "weights") || !has_keyword("table")) {
                return fail(
                    value.range,
                    "'decoder_accuracy' reads 'weights' and 'bias' together, from 'table = '");
            }
            return table_entry(key, value);
        }
        if (!shape_.numbers.count(key)) {
            std::set<std::string> all = shape_.per_trial;
            all.insert(shape_.numbers.begin(), shape_.numbers.end());
            return fail(value.range,
                        "'" + name_ + "' has no argument '" + key + "'; it takes " + join(all));
        }
        sema::ExprType t = type_of(value);
        if (!t.is_poison() && !t.is_number()) {
            return fail(value.range, "'" + key + "' of '" + name_ + "' must be a number, not " +
                                         sema::describe_type(t));
        }
        bool in_source_unit = key == "low" || key == "high";
        units::Dimension want = units::Dimension::dimensionless();
        if (in_source_unit && source) {
            sema::ExprType s = type_of(*source);
            if (s.is_poison() || !s.is_number())
                in_source_unit = false;
            else
                want = s.dim;
        }
        if (!t.is_poison() && (in_source_unit || (key != "low" && key != "high")) &&
            !(t.dim == want)) {
            return fail(value.range, "'" + key + "' of '" + name_ + "' must be " +
                                         sema::in_unit(want) +
                                         (in_source_unit ? " like the analysed variable" : "") +
                                         ", but '" + text(value) + "' is " + sema::in_unit(t));
        }
        KernelBuilder b = context_.new_kernel("protocol_" + key, "protocol");
        ElementScope none;
        ir::ExprRef v = as_number(lower_expr(value, b, none, {}, context_));
        if (!v) return false;
        Op arg;
        arg.kind = Op::Kind::Analyse;
        arg.name = key;
        arg.scratch = context_.add_array("protocol." + key, 1, 0.0);
        b.kernel.body.push_back(ir::store(b.slot_for(arg.scratch, "scratch"), v));
        arg.value = context_.finish(b, 0, 1);
        op_.body.push_back(std::move(arg));
        return true;
    }

    bool has_keyword(const std::string& key) const {
        for (const auto& name : call_.arg_names) {
            if (name == key) return true;
        }
        return false;
    }

    /// `weights = P` / `bias = P` of decoder_accuracy: the entry named P of the json table
    /// `table = T` (or the entry a string names, such as "Decoder.w" of a trained-values file),
    /// as the table's array (body op `key`) and its size (body op `key`_size).
    bool table_entry(const std::string& key, const ast::Expr& value) {
        const ast::Expr* table = nullptr;
        for (size_t k = 1; k < call_.children.size(); ++k) {
            if (call_.arg_names[k - 1] == "table") table = call_.children[k].get();
        }
        auto t = table && table->kind == ast::ExprKind::Name ? context_.tables.find(table->text)
                                                             : context_.tables.end();
        if (t == context_.tables.end() || !t->second.json) {
            return fail(
                table ? table->range : call_.range,
                "'" + key + "' of 'decoder_accuracy' is looked up in 'table = ' a json table");
        }
        if (value.kind != ast::ExprKind::Name && value.kind != ast::ExprKind::String) {
            return fail(value.range, "'" + key +
                                         "' of 'decoder_accuracy' names a parameter, such as "
                                         "'decoder_W', or a table entry, such as \"Decoder.w\"");
        }
        rt::TablePlan& plan = context_.plan.tables[static_cast<size_t>(t->second.plan_index)];
        const rt::TableKey* entry = nullptr;
        for (const auto& k : plan.keys) {
            if (k.key == value.text) entry = &k;
        }
        if (!entry) {  // as learned() adds it: the loader fills the array and the size parameter
            rt::TableKey k;
            k.key = value.text;
            k.array = context_.add_array("table:" + table->text + "." + value.text, 0, 0.0);
            context_.plan.param_names.push_back("table:" + table->text + "." + value.text +
                                                ".size");
            context_.plan.params.push_back(0.0);
            k.size_param = static_cast<int>(context_.plan.params.size() - 1);
            k.where = std::string(context_.diags.sources().slice(value.range));
            plan.keys.push_back(k);
            entry = &plan.keys.back();
        }
        Op values;
        values.kind = Op::Kind::Analyse;
        values.name = key;
        values.scratch = entry->array;
        int size_param = entry->size_param;
        op_.body.push_back(std::move(values));
        KernelBuilder b = context_.new_kernel("protocol_" + key + "_size", "protocol");
        Op size;
        size.kind = Op::Kind::Analyse;
        size.name = key + "_size";
        size.scratch = context_.add_array("protocol." + size.name, 1, 0.0);
        b.kernel.body.push_back(
            ir::store(b.slot_for(size.scratch, "scratch"), ir::param(size_param)));
        size.value = context_.finish(b, 0, 1);
        op_.body.push_back(std::move(size));
        return true;
    }

    const ast::Item& item_;
    const ast::Expr& call_;
    std::string name_;
    const sema::Scope& scope_;
    LowerContext& context_;
    Op& op_;
    const TrialShape& shape_;
};

}  // namespace

bool is_trial_analysis(const std::string& name) {
    return trial_shape(name) != nullptr;
}

bool lower_trial_analysis(const ast::Item& item, const sema::Scope& scope, LowerContext& context,
                          Op& op) {
    return TrialLowerer(item, scope, context, op).lower();
}

}  // namespace nj::lower
