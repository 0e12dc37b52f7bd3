// Prints expressions fully parenthesised, and unit specifications as flat factor lists.
#include "compiler/parse/print_ast.h"

#include "compiler/support/assert.h"

#include <charconv>
#include <initializer_list>
#include <string_view>

namespace nj::parse {

namespace {

using ast::Expr;
using ast::ExprKind;

// Concatenates by appending; `"(" + std::string(...)` trips a false -Wrestrict in GCC 12.
std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view part : parts) {
        out += part;
    }
    return out;
}

std::string number_text(double value) {
    char buffer[64];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return error == std::errc() ? std::string(buffer, end) : std::string("?");
}

std::string exponent_text(units::Rational exponent) {
    if (exponent.is_integer()) {
        return cat({"**", exponent.to_string()});
    }
    return cat({"**(", exponent.to_string(), ")"});
}

std::string quote_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        default: out += c; break;
        }
    }
    return out + "\"";
}

std::string child(const Expr& expr, size_t index) {
    const ast::ExprPtr& node = expr.children.at(index);
    return node ? print_expr(*node) : std::string();
}

std::string joined_children(const Expr& expr, size_t first) {
    std::string out;
    for (size_t i = first; i < expr.children.size(); ++i) {
        out += (i > first ? ", " : "") + child(expr, i);
    }
    return out;
}

std::string call_text(const Expr& expr) {
    std::string out = child(expr, 0) + "(";
    for (size_t i = 1; i < expr.children.size(); ++i) {
        std::string name = i - 1 < expr.arg_names.size() ? expr.arg_names[i - 1] : "";
        out += (i > 1 ? ", " : "") + (name.empty() ? "" : name + " = ") + child(expr, i);
    }
    return out + ")";
}

std::string generator_text(const Expr& expr) {
    std::string out = cat({"(", child(expr, 0), " for ", expr.text, " in ", child(expr, 1)});
    if (expr.children.size() > 2) {
        out += " if " + child(expr, 2);
    }
    return out + ")";
}

std::string infix(const Expr& expr) {
    return cat({"(", child(expr, 0), " ", expr.text, " ", child(expr, 1), ")"});
}

}  // namespace

std::string print_expr(const Expr& expr) {
    switch (expr.kind) {
    case ExprKind::Number: return number_text(expr.number);
    case ExprKind::Quantity: {
        std::string unit = expr.text;
        if (expr.exponent != units::Rational(1)) {
            unit += exponent_text(expr.exponent);
        }
        return cat({"(", number_text(expr.number), " ", unit, ")"});
    }
    case ExprKind::String: return quote_string(expr.text);
    case ExprKind::Bool: return expr.number != 0.0 ? "true" : "false";
    case ExprKind::Name: return expr.text;
    case ExprKind::Call: return call_text(expr);
    case ExprKind::Index: return cat({child(expr, 0), "[", joined_children(expr, 1), "]"});
    case ExprKind::Member: return child(expr, 0) + "." + expr.text;
    case ExprKind::Prime: return child(expr, 0) + "'";
    case ExprKind::Unary: return cat({"(", expr.text, child(expr, 0), ")"});
    case ExprKind::Binary:
    case ExprKind::Compare:
    case ExprKind::Logical:
    case ExprKind::Range: return infix(expr);
    case ExprKind::Not: return cat({"(not ", child(expr, 0), ")"});
    case ExprKind::List: return cat({"[", joined_children(expr, 0), "]"});
    case ExprKind::Generator: return generator_text(expr);
    case ExprKind::Slice: return cat({child(expr, 0), ":", child(expr, 1)});
    case ExprKind::Pathway: return cat({child(expr, 0), " ", expr.text, " ", child(expr, 1)});
    }
    NJ_UNREACHABLE("unknown expression kind");
}

std::string print_unit(const ast::UnitSpec& unit) {
    std::string out;
    for (const ast::UnitFactor& factor : unit.factors) {
        out += (out.empty() ? "" : " * ") + factor.name;
        if (factor.exponent != units::Rational(1)) {
            out += exponent_text(factor.exponent);
        }
    }
    return out;
}

}  // namespace nj::parse
