// Connect rules: pair probabilities, fixed degrees, one-to-one and explicit index lists.
#include "compiler/lower/lower_connect.h"

#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_equations.h"
#include "compiler/lower/lower_expr.h"

#include <cmath>
#include <set>

namespace nj::lower {

namespace {

/// Names of one neuron (pre or post) seen at `index` (relative to its group): `v_pre` or
/// `v_post`/`v`, and `i` or `j`.
void add_side(int group, const std::string& suffix, const std::string& index_name, const ir::ExprRef& index,
              ElementScope& scope, LowerContext& context) {
    const rt::GroupPlan& g = context.plan.groups[static_cast<size_t>(group)];
    const rt::GroupPlan& root = context.plan.groups[context.root_group(group)];
    ir::ExprRef absolute = g.offset == 0 ? index : ir::binary("+", index, ir::constant(static_cast<double>(g.offset)));
    auto arrays = root.variables;
    if (root.lastspike >= 0) arrays.emplace_back("lastspike", root.lastspike);
    for (const auto& [name, array] : arrays) {
        scope.indirect[name + suffix] = IndirectArray{array, ElementIndex{-1, absolute}};
        if (suffix == "_post") scope.indirect.emplace(name, IndirectArray{array, ElementIndex{-1, absolute}});
    }
    scope.indices[index_name] = IndexName{ElementIndex{-1, index}, 0};
}

/// Whether `e` can differ between the elements of one kernel call.
bool varies(const ir::ExprRef& e) {
    if (e->kind == ir::ExprKind::Load || e->kind == ir::ExprKind::LoopIndex || e->kind == ir::ExprKind::Random) {
        return true;
    }
    for (const auto& a : e->args) {
        if (varies(a)) return true;
    }
    return false;
}

bool has_random(const ir::ExprRef& e) {
    if (e->kind == ir::ExprKind::Random) return true;
    for (const auto& a : e->args) {
        if (has_random(a)) return true;
    }
    return false;
}

/// The settings and conditions of a connect clause.
struct ConnectRule {
    std::map<std::string, const ast::Item*> keys;
    std::vector<const ast::Expr*> conditions;
    bool one_to_one = false;
    bool all = false;
};

ConnectRule read_rule(const ast::Item& clause) {
    ConnectRule rule;
    for (const auto& item : clause.children) {
        if (item.kind == ast::ItemKind::Assign) {
            rule.keys[item.exprs[0]->text] = &item;
        } else if (item.kind == ast::ItemKind::ExprStmt) {
            const ast::Expr& e = *item.exprs[0];
            if (e.kind == ast::ExprKind::Name && e.text == "all") rule.all = true;
            else if (e.kind == ast::ExprKind::Name && e.text == "one_to_one") rule.one_to_one = true;
            else rule.conditions.push_back(&e);
        }
    }
    if (auto it = rule.keys.find("condition"); it != rule.keys.end()) {
        rule.conditions.push_back(it->second->exprs[1].get());
        rule.keys.erase(it);
    }
    return rule;
}

const ast::Expr* key_value(const ConnectRule& rule, const std::string& key) {
    auto it = rule.keys.find(key);
    return it == rule.keys.end() ? nullptr : it->second->exprs[1].get();
}

/// A constant index list (or one index) as doubles; false when not constant.
bool constant_indices(const ast::Expr& e, LowerContext& context, std::vector<double>& out) {
    auto v = constant_value(e, context);
    if (!v) return false;
    if (v->kind == sema::Value::Kind::Number) {
        out.push_back(v->number);
        return true;
    }
    if (v->kind != sema::Value::Kind::List) return false;
    for (const auto& item : v->items) {
        if (item.kind != sema::Value::Kind::Number) return false;
        out.push_back(item.number);
    }
    return true;
}

void lower_explicit(const ConnectRule& rule, rt::ConnectPlan& plan, LowerContext& context) {
    const ast::Expr* i = key_value(rule, "i");
    const ast::Expr* j = key_value(rule, "j");
    plan.kind = rt::ConnectPlan::Kind::Explicit;
    if (!i || !j || !constant_indices(*i, context, plan.pre) || !constant_indices(*j, context, plan.post)) {
        context.unsupported((i ? i : j)->range, "index lists 'i' and 'j' that are not constant");
        return;
    }
    // one index on a side pairs it with every index of the other
    if (plan.pre.size() == 1 && plan.post.size() > 1) plan.pre.assign(plan.post.size(), plan.pre[0]);
    if (plan.post.size() == 1 && plan.pre.size() > 1) plan.post.assign(plan.pre.size(), plan.post[0]);
    if (plan.pre.size() != plan.post.size()) {
        context.diags.report(support::DiagCode::RunConnect, i->range,
                             "'i' has " + std::to_string(plan.pre.size()) + " indices but 'j' has " +
                                 std::to_string(plan.post.size()));
        context.failed = true;
    }
}

bool constant_flag(const ConnectRule& rule, const std::string& key, bool fallback, LowerContext& context) {
    const ast::Expr* e = key_value(rule, key);
    if (!e) return fallback;
    auto v = constant_value(*e, context);
    return v ? v->number != 0 : fallback;
}

/// The iterable of a generator: start, stop, step and sample size as expressions, and a
/// sample's probability (null: keep every element).
struct Iterable {
    const ast::Expr* args[3] = {nullptr, nullptr, nullptr};
    size_t positional = 0;
    const ast::Expr* p = nullptr;
    const ast::Expr* size = nullptr;
};

bool read_iterable(const ast::Expr& e, Iterable& it, LowerContext& context) {
    bool call = e.kind == ast::ExprKind::Call && e.children[0]->kind == ast::ExprKind::Name &&
                (e.children[0]->text == "range" || e.children[0]->text == "sample");
    if (!call) {
        context.unsupported(e.range, "iterating over anything but range(...) or sample(...) in a connect rule");
        return false;
    }
    for (size_t k = 1; k < e.children.size(); ++k) {
        const std::string& key = e.arg_names[k - 1];
        if (key.empty() && it.positional < 3) it.args[it.positional++] = e.children[k].get();
        else if (key == "p") it.p = e.children[k].get();
        else if (key == "size") it.size = e.children[k].get();
        else {
            context.unsupported(e.children[k]->range, "this argument of '" + e.children[0]->text + "'");
            return false;
        }
    }
    return it.positional >= 1;
}

/// `j = element for k in iterable if condition` (or `i = ...`); an expression without a
/// generator, such as `j = i`, generates one partner per line.
void lower_generator(const std::string& key, const ast::Expr& value, const ConnectRule& rule, rt::SynapsesPlan& syn,
                     LowerContext& context) {
    rt::ConnectPlan& plan = syn.connect;
    if (!rule.conditions.empty() || rule.keys.count("p") || rule.keys.count("n") || rule.keys.count("in_degree") ||
        rule.keys.count("out_degree")) {
        context.unsupported(value.range, "a generated index combined with conditions, 'p', 'n' or degrees");
        return;
    }
    plan.kind = rt::ConnectPlan::Kind::Generator;
    plan.lines_are_post = key == "i";
    plan.skip_if_invalid = constant_flag(rule, "skip_if_invalid", false, context);
    bool generator = value.kind == ast::ExprKind::Generator;
    Iterable it;
    if (generator && !read_iterable(*value.children[1], it, context)) return;

    context.plan.param_names.push_back("line:" + syn.name);
    context.plan.params.push_back(0.0);
    plan.line_param = static_cast<int>(context.plan.params.size() - 1);
    ElementScope scope;
    const rt::GroupPlan& pre = context.plan.groups[static_cast<size_t>(syn.pre_group)];
    const rt::GroupPlan& post = context.plan.groups[static_cast<size_t>(syn.post_group)];
    scope.constants["N_pre"] = static_cast<double>(pre.size);
    scope.constants["N_post"] = static_cast<double>(post.size);
    if (plan.lines_are_post) add_side(syn.post_group, "_post", "j", ir::param(plan.line_param), scope, context);
    else add_side(syn.pre_group, "_pre", "i", ir::param(plan.line_param), scope, context);

    // bounds: start, stop, step, sample size
    plan.bounds_array = context.add_array(syn.name + ".connect_bounds", 4, 0.0);
    KernelBuilder bounds = context.new_kernel(syn.name, "connect_bounds");
    bounds.kernel.serial = true;
    int bounds_slot = bounds.slot_for(plan.bounds_array, syn.name + ".connect_bounds");
    ir::ExprRef values[4] = {ir::constant(0), ir::constant(1), ir::constant(1), ir::constant(-1)};
    if (generator) {
        const ast::Expr* start = it.positional >= 2 ? it.args[0] : nullptr;
        const ast::Expr* stop = it.positional >= 2 ? it.args[1] : it.args[0];
        const ast::Expr* parts[4] = {start, stop, it.positional == 3 ? it.args[2] : nullptr, it.size};
        for (int k = 0; k < 4; ++k) {
            if (!parts[k]) continue;
            values[k] = as_number(lower_expr(*parts[k], bounds, scope, {}, context));
            if (!values[k]) return;
        }
    }
    for (int k = 0; k < 4; ++k) bounds.kernel.body.push_back(ir::store_at(bounds_slot, ir::constant(k), values[k]));
    plan.bounds = context.finish(bounds, 0, 1);

    // row: the partner at each position of the iterable, NaN where it is left out
    KernelBuilder b = context.new_kernel(syn.name, "connect");
    int slot = b.slot_for(plan.bounds_array, syn.name + ".connect_bounds");
    Bindings loop;
    if (generator) {
        ir::ExprRef start = ir::load(slot, ir::constant(0));
        ir::ExprRef stride = ir::load(slot, ir::constant(2));
        loop[value.text] = ir::binary("+", start, ir::binary("*", ir::loop_index(), stride));
    }
    const ast::Expr& element = generator ? *value.children[0] : value;
    ir::ExprRef partner = as_number(lower_expr(element, b, scope, loop, context));
    if (!partner) return;
    ir::ExprRef keep;
    if (generator && value.children.size() > 2 && value.children[2]) {
        keep = as_condition(lower_expr(*value.children[2], b, scope, loop, context));
        if (!keep) return;
    }
    if (it.p) {
        ir::ExprRef p = as_number(lower_expr(*it.p, b, scope, loop, context));
        if (!p) return;
        ir::ExprRef drawn = ir::compare("<", ir::random("rand", b.next_draw++), p);
        keep = keep ? ir::logical("and", keep, drawn) : drawn;
    }
    if (keep) partner = ir::select(keep, partner, ir::constant(std::nan("")));
    plan.row_array = context.add_array(syn.name + ".connect_row", 0, 0.0);
    b.kernel.body.push_back(ir::store(b.slot_for(plan.row_array, syn.name + ".connect_row"), partner));
    plan.row = context.finish(b, 0, 0);
}

/// `file = edges` or `matrix = grid` (string parameters or literals), read at build time.
void lower_file(const ConnectRule& rule, rt::SynapsesPlan& syn, LowerContext& context) {
    rt::ConnectPlan& plan = syn.connect;
    bool matrix = rule.keys.count("matrix") > 0;
    plan.kind = matrix ? rt::ConnectPlan::Kind::MatrixFile : rt::ConnectPlan::Kind::EdgeFile;
    const ast::Expr* path = key_value(rule, matrix ? "matrix" : "file");
    auto text = constant_value(*path, context);
    if (!text || text->kind != sema::Value::Kind::String || text->text.empty()) {
        context.unsupported(path->range, "a connect file path that is not a constant string");
        return;
    }
    plan.path = text->text;
    plan.skip_if_invalid = constant_flag(rule, "skip_if_invalid", false, context);
    for (const auto& [key, item] : rule.keys) {
        static const std::set<std::string> allowed = {"file", "matrix", "weight_column", "threshold", "skip_if_invalid"};
        if (!allowed.count(key) || (key == "threshold" && !matrix)) {
            context.unsupported(item->range, "'" + key + "' with a connect " + (matrix ? "matrix" : "file"));
            return;
        }
    }
    if (!rule.conditions.empty() || rule.all || rule.one_to_one) {
        context.unsupported(rule.conditions.empty() ? path->range : rule.conditions[0]->range,
                            "conditions together with a connect file");
        return;
    }
    if (const ast::Expr* t = key_value(rule, "threshold")) {
        auto v = constant_value(*t, context);
        if (v) plan.threshold = v->number;
    }
    std::string variable;
    if (const ast::Expr* w = key_value(rule, "weight_column")) {
        auto v = constant_value(*w, context);
        variable = v && v->kind == sema::Value::Kind::String ? v->text : "";
        plan.weight_column = variable;
    } else if (matrix) {
        variable = "w";  // a matrix's entries are the weights, when the synapses have a `w`
    }
    // the column's values go to the synapse variable of its name, else to `w`
    for (const std::string& target : {variable, std::string("w")}) {
        for (const auto& [name, array] : syn.variables) {
            if (plan.weight_array < 0 && name == target) plan.weight_array = array;
        }
    }
    if (!plan.weight_column.empty() && plan.weight_array < 0) {
        context.unsupported(key_value(rule, "weight_column")->range,
                            "a weight column '" + variable + "' without a synapse variable of that name or 'w'");
    }
}

}  // namespace

/// `blocks = label` of a fixed-degree rule: a kernel writes each partner-side neuron's label
/// (partners are pre neurons for in_degree, post neurons for out_degree), and the degree is then
/// evaluated once per block with the partner index (i or j) set to the block's first member.
bool lower_blocks(const ast::Expr& label, bool in, rt::SynapsesPlan& syn, ElementScope& degree_scope,
                  LowerContext& context) {
    rt::ConnectPlan& plan = syn.connect;
    int partner_group = in ? syn.pre_group : syn.post_group;
    const char* suffix = in ? "_pre" : "_post";
    const char* index = in ? "i" : "j";
    context.plan.param_names.push_back("block_member:" + syn.name);
    context.plan.params.push_back(0.0);
    plan.line_param = static_cast<int>(context.plan.params.size() - 1);
    add_side(partner_group, suffix, index, ir::param(plan.line_param), degree_scope, context);

    KernelBuilder b = context.new_kernel(syn.name, "connect_blocks");
    ElementScope scope;
    scope.constants = degree_scope.constants;
    add_side(partner_group, suffix, index, ir::loop_index(), scope, context);
    ir::ExprRef value = as_number(lower_expr(label, b, scope, {}, context));
    if (!value) return false;
    if (has_random(value)) {
        context.unsupported(label.range, "random numbers in the block labels of a connect rule");
        return false;
    }
    size_t n = context.plan.groups[static_cast<size_t>(partner_group)].size;
    plan.block_array = context.add_array(syn.name + ".connect_blocks", n, 0.0);
    b.kernel.body.push_back(ir::store(b.slot_for(plan.block_array, syn.name + ".connect_blocks"), value));
    plan.blocks = context.finish(b, 0, n);
    return true;
}

void lower_connect(int id, const std::vector<const std::vector<ast::Item>*>& bodies, LowerContext& context) {
    rt::SynapsesPlan& syn = context.plan.synapses[static_cast<size_t>(id)];
    rt::ConnectPlan& plan = syn.connect;
    const ast::Item* clause = find_clause(bodies, "connect");
    if (!clause) {
        plan.kind = rt::ConnectPlan::Kind::Explicit;  // no rule: no synapses, as in Brian2 before connect()
        return;
    }
    ConnectRule rule = read_rule(*clause);
    if (rule.keys.count("file") || rule.keys.count("matrix")) {
        lower_file(rule, syn, context);
        return;
    }
    for (const char* key : {"weight_column", "threshold"}) {
        if (auto it = rule.keys.find(key); it != rule.keys.end()) {
            context.unsupported(it->second->range, std::string("the connect setting '") + key + "'");
            return;
        }
    }
    plan.autapses = constant_flag(rule, "autapses", true, context);
    plan.multapses = constant_flag(rule, "multapses", false, context);  // fixed degrees: distinct partners
    if (rule.one_to_one) {
        plan.kind = rt::ConnectPlan::Kind::OneToOne;
        return;
    }
    // one index given: generated per line of the other (`j = i`, `j = k for k in ...`)
    for (const char* key : {"i", "j"}) {
        const ast::Expr* value = key_value(rule, key);
        if (value && rule.keys.count(std::string(key) == "i" ? "j" : "i") == 0) {
            lower_generator(key, *value, rule, syn, context);
            return;
        }
    }
    if (rule.keys.count("i") || rule.keys.count("j")) {
        lower_explicit(rule, plan, context);
        return;
    }
    const rt::GroupPlan& pre = context.plan.groups[static_cast<size_t>(syn.pre_group)];
    const rt::GroupPlan& post = context.plan.groups[static_cast<size_t>(syn.post_group)];
    const ast::Expr* in_degree = key_value(rule, "in_degree");
    const ast::Expr* out_degree = key_value(rule, "out_degree");
    if (rule.keys.count("blocks") && !in_degree && !out_degree) {
        context.unsupported(rule.keys.at("blocks")->range, "'blocks' without 'in_degree' or 'out_degree'");
        return;
    }
    KernelBuilder b = context.new_kernel(syn.name, "connect");
    ElementScope scope;
    scope.constants["N_pre"] = static_cast<double>(pre.size);
    scope.constants["N_post"] = static_cast<double>(post.size);
    ir::ExprRef value;
    size_t line_length = post.size;
    if (in_degree || out_degree) {
        if (!rule.conditions.empty() || rule.keys.count("p") || rule.keys.count("n") || (in_degree && out_degree)) {
            context.unsupported(clause->range, "a fixed degree combined with conditions, 'p', 'n' or the other degree");
            return;
        }
        // one kernel call over all lines: each element computes its own degree
        bool in = in_degree != nullptr;
        plan.kind = in ? rt::ConnectPlan::Kind::InDegree : rt::ConnectPlan::Kind::OutDegree;
        line_length = in ? post.size : pre.size;
        if (in) add_side(syn.post_group, "_post", "j", ir::loop_index(), scope, context);
        else add_side(syn.pre_group, "_pre", "i", ir::loop_index(), scope, context);
        if (const ast::Expr* blocks = key_value(rule, "blocks")) {
            if (!lower_blocks(*blocks, in, syn, scope, context)) return;
        }
        value = as_number(lower_expr(in ? *in_degree : *out_degree, b, scope, {}, context));
    } else {
        plan.kind = rt::ConnectPlan::Kind::Pairs;
        context.plan.param_names.push_back("line:" + syn.name);
        context.plan.params.push_back(0.0);
        plan.line_param = static_cast<int>(context.plan.params.size() - 1);
        add_side(syn.pre_group, "_pre", "i", ir::param(plan.line_param), scope, context);
        add_side(syn.post_group, "_post", "j", ir::loop_index(), scope, context);
        ir::ExprRef condition;
        for (const ast::Expr* c : rule.conditions) {
            ir::ExprRef e = as_condition(lower_expr(*c, b, scope, {}, context));
            if (!e) return;
            condition = condition ? ir::logical("and", condition, e) : e;
        }
        const ast::Expr* p = key_value(rule, "p");
        value = p ? as_number(lower_expr(*p, b, scope, {}, context)) : ir::constant(1);
        if (value && condition) value = ir::select(condition, value, ir::constant(0));
        if (const ast::Expr* n = key_value(rule, "n"); n && value) {
            ir::ExprRef count = as_number(lower_expr(*n, b, scope, {}, context));
            if (!count) return;
            plan.count_array = context.add_array(syn.name + ".connect_count", post.size, 0.0);
            b.kernel.body.push_back(ir::store(b.slot_for(plan.count_array, syn.name + ".connect_count"), count));
        }
    }
    if (!value) return;
    if (has_random(value)) {
        context.unsupported(clause->range, "random numbers in a connect rule (use 'p = ...' for random connections)");
        return;
    }
    plan.uniform = plan.kind == rt::ConnectPlan::Kind::Pairs && !varies(value) && plan.count_array < 0;
    plan.row_array = context.add_array(syn.name + ".connect_row", line_length, 0.0);
    b.kernel.body.push_back(ir::store(b.slot_for(plan.row_array, syn.name + ".connect_row"), value));
    plan.row = context.finish(b, 0, line_length);
}

}  // namespace nj::lower
