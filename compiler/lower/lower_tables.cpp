// Tables as plan arrays: tables loaded by the driver (csv files, json, node lists and the
// tables computed from them), inline timed arrays, and their reads.
#include "compiler/lower/lower_tables.h"

#include "compiler/lower/instance_call.h"
#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_expr.h"
#include "compiler/lower/lower_table_arguments.h"
#include "compiler/sema/check_expr.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace nj::lower {

namespace {

using Args = std::vector<ir::ExprRef>;


std::optional<double> constant_number(const ast::Expr& expr, LowerContext& context) {
    auto v = constant_value(expr, context);
    if (!v || (v->kind != sema::Value::Kind::Number && v->kind != sema::Value::Kind::Boolean)) {
        return std::nullopt;
    }
    return v->number;
}

void report(LowerContext& context, support::SourceRange range, const std::string& what) {
    context.failed = true;
    context.diags.report(support::DiagCode::ValueRange, range, what);
}

/// `file:line:col: text` of an expression, for messages given when tables are loaded.
std::string where(const ast::Expr& expr, LowerContext& context) {
    const auto& sources = context.diags.sources();
    std::string text(sources.slice(expr.range));
    if (!expr.range.valid()) return text;
    auto lc = sources.line_col(expr.range.file, expr.range.begin);
    return sources.path(expr.range.file) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.col) +
           ": " + text;
}

void lower_timed(const ast::InstanceDecl& d, const InstanceCall& c, LowerContext& context) {
    LoweredTable t;
    t.timed = true;
    std::vector<double> values;
    bool have_values = false, ok = true;
    for (size_t k = 0; k < c.args.size(); ++k) {
        const ast::Expr& a = *c.args[k];
        if (c.names[k] == "values") {
            auto v = constant_value(a, context);
            have_values = true;
            if (!v || v->kind != sema::Value::Kind::List || v->items.empty()) {
                report(context, a.range, "the values of a timed array must be a non-empty list of numbers");
                ok = false;
                continue;
            }
            t.steps = v->items.size();
            for (const auto& row : v->items) {
                if (row.kind == sema::Value::Kind::Number) {
                    if (t.columns != 0) ok = false;
                    values.push_back(row.number);
                } else if (row.kind == sema::Value::Kind::List && !row.items.empty() &&
                           (t.columns == 0 || t.columns == row.items.size()) &&
                           (values.empty() || t.columns != 0)) {
                    t.columns = row.items.size();
                    for (const auto& x : row.items) {
                        if (x.kind != sema::Value::Kind::Number) ok = false;
                        values.push_back(x.number);
                    }
                } else {
                    ok = false;
                }
            }
            if (!ok) {
                report(context, a.range,
                       "the values of a timed array must be a list of numbers, or a list of equally "
                       "long lists of numbers (one per time step)");
            }
        } else if (c.names[k] == "dt") {
            auto v = constant_number(a, context);
            if (!v || !(*v > 0)) {
                report(context, a.range, "the dt of a timed array must be a positive constant time");
                ok = false;
            } else {
                t.step = *v;
            }
        } else {
            context.unsupported(a.range, "this timed-array argument");
            ok = false;
        }
    }
    if (ok && (!have_values || t.step <= 0)) {
        report(context, d.range, "a timed array needs values = [...] and dt = ...");
        ok = false;
    }
    if (!ok) return;
    t.array = context.add_array("table:" + d.name, values.size(), 0.0);
    context.plan.arrays[static_cast<size_t>(t.array)].values = std::move(values);
    context.tables[d.name] = t;
}

/// A new parameter slot named `name`, 0 until the tables are loaded.
int add_shape_param(const std::string& name, LowerContext& context) {
    context.plan.param_names.push_back(name);
    context.plan.params.push_back(0.0);
    return static_cast<int>(context.plan.params.size() - 1);
}

/// Registers table `d`, loaded by the driver: its plan entry and, unless it is a json table
/// (read only through learned()), its array and its rows, cols and max parameters.
LoweredTable& add_loaded_table(const ast::InstanceDecl& d, rt::TablePlan plan,
                               LowerContext& context) {
    LoweredTable t;
    t.json = plan.kind == "json";
    plan.name = d.name;
    const auto& sources = context.diags.sources();
    if (d.range.valid()) {
        plan.where = sources.path(d.range.file) + ":" +
                     std::to_string(sources.line_col(d.range.file, d.range.begin).line);
    }
    if (!t.json) {
        t.array = context.add_array("table:" + d.name, 0, 0.0);
        t.rows_param = add_shape_param("table:" + d.name + ".rows", context);
        t.cols_param = add_shape_param("table:" + d.name + ".cols", context);
        t.max_param = add_shape_param("table:" + d.name + ".max", context);
    }
    plan.array = t.array;
    plan.rows_param = t.rows_param;
    plan.cols_param = t.cols_param;
    plan.max_param = t.max_param;
    t.plan_index = static_cast<int>(context.plan.tables.size());
    context.plan.tables.push_back(std::move(plan));
    return context.tables[d.name] = t;
}

void lower_csv(const ast::InstanceDecl& d, const InstanceCall& c, LowerContext& context) {
    rt::TablePlan plan;
    double scale = 1.0;
    bool ok = true, have_path = false;
    for (size_t k = 0; k < c.args.size(); ++k) {
        const ast::Expr& a = *c.args[k];
        const std::string& n = c.names[k];
        auto v = constant_value(a, context);
        if (n.empty() || n == "path") {
            // an empty path is allowed: the table is empty (its reads give NaN, rt::load_tables)
            if (!v || v->kind != sema::Value::Kind::String) {
                report(context, a.range, "the path of a csv table must be a constant string");
                ok = false;
            }
            have_path = true;
            if (v) plan.path = v->text;
        } else if (n == "header" && v && v->kind == sema::Value::Kind::Boolean) {
            plan.header = v->number != 0;
        } else if (n == "skip_rows" && v && v->kind == sema::Value::Kind::Number && v->number >= 0 &&
                   v->number == static_cast<double>(static_cast<size_t>(v->number))) {
            plan.skip_rows = static_cast<size_t>(v->number);
        } else if (n == "delimiter" && v && v->kind == sema::Value::Kind::String &&
                   (v->text.size() == 1 || v->text == "\\t")) {
            plan.delimiter = v->text == "\\t" ? '\t' : v->text[0];
        } else if (n == "unit" && v && v->kind == sema::Value::Kind::Number) {
            scale = v->number;
        } else if (n == "index_column" && v && v->kind == sema::Value::Kind::String && !v->text.empty()) {
            plan.index_column = v->text;
        } else if (n == "header" || n == "skip_rows" || n == "delimiter" || n == "unit" || n == "index_column") {
            report(context, a.range,
                   "expected " + std::string(n == "header"         ? "true or false"
                                             : n == "skip_rows"    ? "a whole number >= 0"
                                             : n == "unit"         ? "a unit"
                                             : n == "index_column" ? "a column name"
                                                                   : "a one-character string") +
                       " for '" + n + "'");
            ok = false;
        } else {
            context.unsupported(a.range, "the csv-table argument '" + n + "'");
            ok = false;
        }
    }
    if (!have_path && ok) {
        report(context, d.range, "a csv table needs a path");
        ok = false;
    }
    if (!ok) return;
    add_loaded_table(d, std::move(plan), context).scale = scale;
}

/// max(min(max(trunc(x), 0), hi), 0): NaN becomes 0, and so does any x when hi is -1 (an
/// empty table, whose array holds one NaN)
ir::ExprRef clamp_index(ir::ExprRef x, ir::ExprRef hi) {
    ir::ExprRef low = ir::binary("max", ir::call("trunc", {std::move(x)}), ir::constant(0));
    return ir::binary("max", ir::binary("min", low, std::move(hi)), ir::constant(0));
}

ir::ExprRef minus_one(ir::ExprRef x) { return ir::binary("-", std::move(x), ir::constant(1)); }

ir::ExprRef read_timed(const LoweredTable& t, const ast::Expr& expr, const Args& args, KernelBuilder& builder,
                       const std::string& name, LowerContext& context) {
    size_t want = t.columns == 0 ? 1 : 2;
    if (args.size() != want) {
        report(context, expr.range,
               "timed array '" + name + "' is read as " + name + (want == 1 ? "(t)" : "(t, i)"));
        return nullptr;
    }
    using namespace ir;
    // Brian2's TimedArray (its C++ implementation): K = max(2^ceil(log2(8 * T.dt / dt)), 1),
    // eps = T.dt / K, k = int((t / eps + 0.5) / K) clipped to [0, n - 1]. The fine grid eps
    // keeps t = k * T.dt from rounding into step k - 1.
    double K = std::max(std::exp2(std::ceil(std::log2(8.0 / context.plan.dt * t.step))), 1.0);
    double eps = t.step / K;
    ExprRef k = call("trunc", {binary("/", binary("+", binary("/", args[0], constant(eps)), constant(0.5)),
                                      constant(K))});
    ExprRef step = binary("min", binary("max", k, constant(0)), constant(static_cast<double>(t.steps - 1)));
    ExprRef index = step;
    if (t.columns != 0) {
        ExprRef col = clamp_index(args[1], constant(static_cast<double>(t.columns - 1)));
        index = binary("+", binary("*", step, constant(static_cast<double>(t.columns))), col);
    }
    return load(builder.slot_for(t.array, context.plan.arrays[static_cast<size_t>(t.array)].name), index);
}

ir::ExprRef read_csv(const LoweredTable& t, const ast::Expr& expr, const Args& args, KernelBuilder& builder,
                     const std::string& name, LowerContext& context) {
    using namespace ir;
    rt::TablePlan& plan = context.plan.tables[static_cast<size_t>(t.plan_index)];
    ExprRef rows = param(t.rows_param), cols = param(t.cols_param);
    ExprRef index;
    if (args.size() == 1) {
        plan.one_index = true;
        index = clamp_index(args[0], minus_one(binary("*", rows, cols)));
        if (args[0]->kind == ExprKind::Const) plan.constant_indices.push_back({args[0]->value, -1.0, where(expr, context)});
    } else if (args.size() == 2) {
        index = binary("+", binary("*", clamp_index(args[0], minus_one(rows)), cols),
                       clamp_index(args[1], minus_one(cols)));
        if (args[0]->kind == ExprKind::Const && args[1]->kind == ExprKind::Const) {
            plan.constant_indices.push_back(
                {std::trunc(args[0]->value), std::trunc(args[1]->value), where(expr, context)});
        }
    } else {
        report(context, expr.range,
               "table '" + name + "' is read as " + name + "[row, col], " + name + "(row, col) or " + name + "(k)");
        return nullptr;
    }
    ExprRef value = load(builder.slot_for(t.array, context.plan.arrays[static_cast<size_t>(t.array)].name), index);
    return t.scale == 1.0 ? value : binary("*", value, constant(t.scale));
}

const std::string* shape_function(const ast::Expr& expr) {
    static const std::string rows = "rows_of", cols = "cols_of", max = "max_of";
    if (expr.kind != ast::ExprKind::Call || expr.children.size() != 2) return nullptr;
    const ast::Expr& callee = *expr.children[0];
    if (callee.kind != ast::ExprKind::Name) return nullptr;
    if (callee.text == rows) return &rows;
    if (callee.text == cols) return &cols;
    if (callee.text == max) return &max;
    return nullptr;
}

/// `learned(default, T, "name"[, k])` with T a lowered table.
bool is_learned(const ast::Expr& expr, const LowerContext& context) {
    if (expr.kind != ast::ExprKind::Call || expr.children.size() < 4 || expr.children.size() > 5)
        return false;
    const ast::Expr& callee = *expr.children[0];
    const ast::Expr& table = *expr.children[2];
    return callee.kind == ast::ExprKind::Name && callee.text == "learned" &&
           table.kind == ast::ExprKind::Name && context.tables.count(table.text) > 0;
}

/// The entry `key` of json table `t`, added to its plan on first use.
rt::TableKey& json_key(const LoweredTable& t, const std::string& table, const std::string& key,
                       LowerContext& context) {
    rt::TablePlan& plan = context.plan.tables[static_cast<size_t>(t.plan_index)];
    for (auto& k : plan.keys) {
        if (k.key == key) return k;
    }
    rt::TableKey k;
    k.key = key;
    k.array = context.add_array("table:" + table + "." + key, 0, 0.0);
    k.size_param = add_shape_param("table:" + table + "." + key + ".size", context);
    plan.keys.push_back(k);
    return plan.keys.back();
}

/// learned(default, T, "name"[, k]): the entry's value (element k of a list), or default when
/// T has no such entry or the list no element k. A single number is the value for every k.
ir::ExprRef lower_learned(const ast::Expr& expr, KernelBuilder& builder, const ElementScope& scope,
                          const Bindings& bindings, LowerContext& context) {
    using namespace ir;
    const std::string& name = expr.children[2]->text;
    const LoweredTable& t = context.tables.at(name);
    if (!t.json) {
        report(context, expr.children[2]->range,
               "learned() reads a json table, but '" + name + "' is a " +
                   (t.timed ? std::string("timed")
                            : context.plan.tables[static_cast<size_t>(t.plan_index)].kind) +
                   " table");
        return nullptr;
    }
    auto key = constant_value(*expr.children[3], context);
    if (!key || key->kind != sema::Value::Kind::String) {
        report(context, expr.children[3]->range,
               "the entry learned() reads must be a constant string such as \"tau_m\"");
        return nullptr;
    }
    ExprRef fallback = as_number(lower_expr(*expr.children[1], builder, scope, bindings, context));
    ExprRef k = expr.children.size() == 5
                    ? as_number(lower_expr(*expr.children[4], builder, scope, bindings, context))
                    : nullptr;
    if (!fallback || (expr.children.size() == 5 && !k)) return nullptr;
    rt::TableKey& entry = json_key(t, name, key->text, context);
    if (!k && !entry.scalar_read) {
        entry.scalar_read = true;
        entry.where = where(expr, context);
    } else if (entry.where.empty()) {
        entry.where = where(expr, context);
    }
    int slot =
        builder.slot_for(entry.array, context.plan.arrays[static_cast<size_t>(entry.array)].name);
    ExprRef size = param(entry.size_param);
    ExprRef single = compare("==", size, constant(-1));
    if (!k) return select(single, load(slot, constant(0)), fallback);
    ExprRef inside = logical("and", compare(">=", k, constant(0)), compare("<", k, size));
    ExprRef element = load(slot, clamp_index(k, minus_one(size)));
    return select(single, load(slot, constant(0)), select(inside, element, fallback));
}

}  // namespace

void lower_tables(LowerContext& context) {
    std::vector<std::pair<const ast::InstanceDecl*, InstanceCall>> loaded;
    for (const auto& file : context.model.files) {
        for (const auto& item : file.items) {
            const auto* d = std::get_if<ast::InstanceDecl>(&item);
            if (!d || d->kind != "table") continue;
            InstanceCall c = instance_call(*d);
            if (c.name == "timed") {
                lower_timed(*d, c, context);
            } else if (c.name == "csv") {
                lower_csv(*d, c, context);
            } else if (is_loaded_table_kind(c.name)) {
                rt::TablePlan plan;
                plan.kind = c.name;
                add_loaded_table(*d, std::move(plan), context);
                loaded.emplace_back(d, std::move(c));
            } else {
                context.unsupported(d->kind_range, "a '" + c.name + "' table");
            }
        }
    }
    // after every table is registered, so that arguments may name any of them
    for (const auto& [d, c] : loaded) lower_table_arguments(*d, c, context);
}

bool is_table_read(const ast::Expr& expr, const LowerContext& context) {
    if (expr.kind != ast::ExprKind::Call && expr.kind != ast::ExprKind::Index) return false;
    if (expr.children.empty() || expr.children[0]->kind != ast::ExprKind::Name) return false;
    if (shape_function(expr)) {
        const ast::Expr& arg = *expr.children[1];
        return arg.kind == ast::ExprKind::Name && context.tables.count(arg.text);
    }
    if (is_learned(expr, context)) return true;
    return context.tables.count(expr.children[0]->text) > 0;
}

ir::ExprRef lower_table_read(const ast::Expr& expr, KernelBuilder& builder,
                             const ElementScope& scope, const Bindings& bindings,
                             LowerContext& context) {
    if (is_learned(expr, context)) return lower_learned(expr, builder, scope, bindings, context);
    if (const std::string* fn = shape_function(expr)) {
        const std::string& name = expr.children[1]->text;
        const LoweredTable& t = context.tables.at(name);
        if (t.json) {
            report(context, expr.range,
                   "json table '" + name +
                       "' has no shape; read its entries with learned(default, " + name +
                       ", \"name\")");
            return nullptr;
        }
        if (*fn == "max_of") {
            if (t.max_param >= 0) return ir::param(t.max_param);
            const auto& values = context.plan.arrays[static_cast<size_t>(t.array)].values;
            return ir::constant(values.empty() ? 0.0
                                               : *std::max_element(values.begin(), values.end()));
        }
        bool rows = *fn == "rows_of";
        if (t.timed)
            return ir::constant(
                static_cast<double>(rows ? t.steps : std::max<size_t>(t.columns, 1)));
        return ir::param(rows ? t.rows_param : t.cols_param);
    }
    const std::string& name = expr.children[0]->text;
    const LoweredTable& t = context.tables.at(name);
    if (t.json) {
        report(
            context, expr.range,
            "json table '" + name + "' is read with learned(default, " + name + ", \"name\"[, k])");
        return nullptr;
    }
    if (expr.kind == ast::ExprKind::Index && t.timed) {
        report(context, expr.range,
               "timed array '" + name + "' is read as " + name + "(t), not with [ ]");
        return nullptr;
    }
    Args args;
    for (size_t k = 1; k < expr.children.size(); ++k) {
        const ast::Expr& a = *expr.children[k];
        if (a.kind == ast::ExprKind::Slice) {
            context.unsupported(a.range, "a slice of a table");
            return nullptr;
        }
        ir::ExprRef v = as_number(lower_expr(a, builder, scope, bindings, context));
        if (!v) return nullptr;
        args.push_back(v);
    }
    return t.timed ? read_timed(t, expr, args, builder, name, context)
                   : read_csv(t, expr, args, builder, name, context);
}

}  // namespace nj::lower
