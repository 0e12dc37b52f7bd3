// Arguments of the tables loaded or computed when the network is built, into their TablePlan.
#include "compiler/lower/lower_table_arguments.h"

#include "compiler/lower/lower_calls.h"
#include "compiler/lower/lower_expr.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace nj::lower {

namespace {

/// What an argument must be.
enum class Arg { Path, Text, Texts, NodeTable, Table, Number, Rows };

struct ArgSpec {
    const char* name;
    Arg type;
    bool required = false;
};

struct KindSpec {
    const char* kind;
    std::vector<const char*> positional;  ///< names of the positional arguments, in order
    std::vector<ArgSpec> args;
};

const std::vector<KindSpec>& kind_specs() {
    static const std::vector<KindSpec> specs = {
        {"json", {"path"}, {{"path", Arg::Path, true}}},
        {"node_list",
         {"path"},
         {{"path", Arg::Path, true},
          {"filter_column", Arg::Text},
          {"filter_values", Arg::Texts},
          {"order_column", Arg::Text},
          {"order_values", Arg::Texts},
          {"then_by", Arg::Text},
          {"id_column", Arg::Text}}},
        {"count_matrix",
         {"path"},
         {{"path", Arg::Path, true},
          {"pre", Arg::NodeTable, true},
          {"post", Arg::NodeTable, true},
          {"pre_column", Arg::Text},
          {"post_column", Arg::Text},
          {"weight_column", Arg::Text},
          {"id_column", Arg::Text},
          {"rows", Arg::Table},
          {"row_value", Arg::Number},
          {"permute_seed", Arg::Number}}},
        {"column_mask",
         {"source"},
         {{"source", Arg::NodeTable, true},
          {"column", Arg::Text, true},
          {"values", Arg::Texts, true},
          {"permute_seed", Arg::Number}}},
        {"quantile_split",
         {"matrix"},
         {{"matrix", Arg::Table, true},
          {"q", Arg::Number, true},
          {"rows", Arg::Table},
          {"statistic", Arg::Text}}},
        {"matrix_product",
         {"a", "b"},
         {{"a", Arg::Table, true},
          {"b", Arg::Table, true},
          {"transpose_a", Arg::Number},
          {"transpose_b", Arg::Number}}},
        {"transform",
         {"source"},
         {{"source", Arg::Table, true},
          {"rows", Arg::Rows},
          {"na", Arg::Number},
          {"baseline_row", Arg::Number},
          {"add_baseline", Arg::Number},
          {"na_baseline", Arg::Number},
          {"clip_low", Arg::Number},
          {"clip_high", Arg::Number},
          {"normalise", Arg::Text}}},
        {"combinations",
         {},
         {{"n", Arg::Number, true},
          {"k", Arg::Number, true},
          {"sample", Arg::Number},
          {"seed", Arg::Number}}},
    };
    return specs;
}

const KindSpec* find_kind(const std::string& kind) {
    for (const auto& s : kind_specs()) {
        if (kind == s.kind) return &s;
    }
    return nullptr;
}

void report(LowerContext& context, support::SourceRange range, const std::string& what) {
    context.failed = true;
    context.diags.report(support::DiagCode::ValueRange, range, what);
}

/// A number in a list of strings (node ids, column values): whole numbers as their digits.
std::string number_text(double x) {
    if (x == std::floor(x) && std::fabs(x) < 1e15) return std::to_string(static_cast<long long>(x));
    std::ostringstream s;
    s.precision(17);
    s << x;
    return s.str();
}

/// Postfix form of a lowered expression of constants and parameters; false for anything else.
bool to_postfix(const ir::ExprRef& e, std::vector<rt::TableNumber::Op>& ops) {
    static const std::pair<const char*, char> binary_ops[] = {
        {"+", '+'}, {"-", '-'}, {"*", '*'}, {"/", '/'}, {"min", '<'}, {"max", '>'}};
    switch (e->kind) {
        case ir::ExprKind::Const:
            ops.push_back({'c', e->value, -1});
            return true;
        case ir::ExprKind::Param:
            ops.push_back({'p', 0.0, e->slot});
            return true;
        case ir::ExprKind::Unary:
            if (e->op != "-" || !to_postfix(e->args[0], ops)) return false;
            ops.push_back({'n', 0.0, -1});
            return true;
        case ir::ExprKind::Binary:
            for (const auto& [name, code] : binary_ops) {
                if (e->op != name) continue;
                if (!to_postfix(e->args[0], ops) || !to_postfix(e->args[1], ops)) return false;
                ops.push_back({code, 0.0, -1});
                return true;
            }
            return false;
        default:
            return false;
    }
}

class ArgumentLowering {
public:
    ArgumentLowering(const ast::InstanceDecl& d, rt::TablePlan& plan, LowerContext& context)
        : decl_(d), plan_(plan), context_(context) {}

    bool text(const ast::Expr& a, const std::string& name) {
        auto v = constant_value(a, context_);
        if (!v || v->kind != sema::Value::Kind::String) return bad(a, name, "a constant string");
        (name == "path" ? plan_.path : plan_.texts[name]) = v->text;
        return true;
    }

    bool texts(const ast::Expr& a, const std::string& name) {
        auto v = constant_value(a, context_);
        if (!v) return bad(a, name, "a constant list of strings");
        std::vector<sema::Value> items =
            v->kind == sema::Value::Kind::List ? v->items : std::vector<sema::Value>{*v};
        auto& out = plan_.text_lists[name];
        for (const auto& item : items) {
            if (item.kind == sema::Value::Kind::String)
                out.push_back(item.text);
            else if (item.kind == sema::Value::Kind::Number)
                out.push_back(number_text(item.number));
            else
                return bad(a, name, "a constant list of strings");
        }
        return true;
    }

    bool table(const ast::Expr& a, const std::string& name, bool nodes) {
        auto it =
            a.kind == ast::ExprKind::Name ? context_.tables.find(a.text) : context_.tables.end();
        if (it == context_.tables.end() || it->second.plan_index < 0 || it->second.json) {
            return bad(a, name,
                       nodes
                           ? "a node_list table"
                           : "a table of numbers loaded with the network (csv, count_matrix, ...)");
        }
        const rt::TablePlan& source =
            context_.plan.tables[static_cast<size_t>(it->second.plan_index)];
        if (nodes && source.kind != "node_list") {
            return bad(a, name,
                       "a node_list table, but '" + a.text + "' is a " + source.kind + " table");
        }
        plan_.inputs[name] = it->second.plan_index;
        return true;
    }

    bool number(const ast::Expr& a, const std::string& name) {
        auto v = constant_value(a, context_);
        if (v && (v->kind == sema::Value::Kind::Number || v->kind == sema::Value::Kind::Boolean)) {
            plan_.numbers[name].ops = {{'c', v->number, -1}};
            return true;
        }
        if (v) return bad(a, name, "a number");
        // not constant: an expression of parameters and table shapes, evaluated when loading
        KernelBuilder scratch;
        ir::ExprRef e = lower_expr(a, scratch, ElementScope{}, Bindings{}, context_);
        if (!e) return false;  // already reported
        std::vector<rt::TableNumber::Op> ops;
        if (e->type == ir::Type::Bool || !scratch.array_ids.empty() || !to_postfix(e, ops)) {
            return bad(a, name,
                       "a constant, or an expression of parameters and table shapes such as "
                       "rows_of(T) - 1");
        }
        plan_.numbers[name].ops = std::move(ops);
        return true;
    }

    bool rows(const ast::Expr& a, const std::string& name) {
        if (a.kind != ast::ExprKind::Slice) return bad(a, name, "a slice of rows such as 0:28");
        const char* parts[] = {"rows_start", "rows_stop"};
        for (size_t k = 0; k < 2 && k < a.children.size(); ++k) {
            if (a.children[k] && !number(*a.children[k], parts[k])) return false;
        }
        return true;
    }

    bool bad(const ast::Expr& a, const std::string& name, const std::string& want) {
        report(
            context_, a.range,
            "'" + name + "' of the " + plan_.kind + " table '" + decl_.name + "' must be " + want);
        return false;
    }

private:
    const ast::InstanceDecl& decl_;
    rt::TablePlan& plan_;
    LowerContext& context_;
};

/// Choices that only make sense together, and words with a fixed set of values.
void check_combination(const ast::InstanceDecl& d, const InstanceCall& c, const rt::TablePlan& plan,
                       LowerContext& context) {
    auto pair = [&](const char* a, const char* b) {
        if ((c.keyword(a) != nullptr) != (c.keyword(b) != nullptr)) {
            const ast::Expr* given = c.keyword(a) ? c.keyword(a) : c.keyword(b);
            report(context, given->range,
                   "'" + std::string(a) + "' and '" + b + "' of the " + plan.kind + " table '" +
                       d.name + "' go together; give both");
        }
    };
    auto word = [&](const char* name, std::vector<std::string> allowed) {
        auto it = plan.texts.find(name);
        if (it == plan.texts.end() ||
            std::find(allowed.begin(), allowed.end(), it->second) != allowed.end())
            return;
        std::string list;
        for (const auto& w : allowed) list += (list.empty() ? "\"" : " or \"") + w + "\"";
        report(context, c.keyword(name)->range, "'" + std::string(name) + "' must be " + list);
    };
    if (plan.kind == "node_list") {
        pair("filter_column", "filter_values");
        pair("order_column", "order_values");
    }
    if (plan.kind == "count_matrix") pair("rows", "row_value");
    word("statistic", {"nonzero", "sum"});
    word("normalise", {"max", "range"});
}

}  // namespace

bool is_loaded_table_kind(const std::string& constructor) {
    return find_kind(constructor) != nullptr;
}

void lower_table_arguments(const ast::InstanceDecl& d, const InstanceCall& c,
                           LowerContext& context) {
    const KindSpec& spec = *find_kind(c.name);
    rt::TablePlan& plan =
        context.plan.tables[static_cast<size_t>(context.tables.at(d.name).plan_index)];
    ArgumentLowering lower(d, plan, context);
    std::vector<std::string> given;
    size_t positional = 0;
    for (size_t k = 0; k < c.args.size(); ++k) {
        std::string name = c.names[k];
        if (name.empty())
            name = positional < spec.positional.size() ? spec.positional[positional++] : "";
        auto arg = std::find_if(spec.args.begin(), spec.args.end(),
                                [&](const ArgSpec& a) { return name == a.name; });
        if (arg == spec.args.end()) {
            context.unsupported(c.args[k]->range, "this argument of a '" + c.name + "' table");
            continue;
        }
        given.push_back(name);
        const ast::Expr& a = *c.args[k];
        switch (arg->type) {
            case Arg::Path:
            case Arg::Text:
                lower.text(a, name);
                break;
            case Arg::Texts:
                lower.texts(a, name);
                break;
            case Arg::NodeTable:
                lower.table(a, name, true);
                break;
            case Arg::Table:
                lower.table(a, name, false);
                break;
            case Arg::Number:
                lower.number(a, name);
                break;
            case Arg::Rows:
                lower.rows(a, name);
                break;
        }
    }
    for (const auto& a : spec.args) {
        if (a.required && std::find(given.begin(), given.end(), a.name) == given.end()) {
            report(context, d.range, "a " + c.name + " table needs '" + a.name + " = ...'");
        }
    }
    check_combination(d, c, plan, context);
    // a transform that fills missing cells lets its csv source have them
    if (plan.kind == "transform" && plan.numbers.count("na") && plan.inputs.count("source")) {
        rt::TablePlan& source = context.plan.tables[static_cast<size_t>(plan.inputs["source"])];
        if (source.kind == "csv") source.missing_as_nan = true;
    }
}

}  // namespace nj::lower
