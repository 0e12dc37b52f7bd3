// Text form of IR expressions, statements and kernels.
#include "compiler/ir/print_ir.h"

#include <cstdio>

namespace nj::ir {

namespace {

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value);
    return buffer;
}

std::string name_of(const std::vector<std::string>* names, int slot, const char* kind) {
    if (names && slot >= 0 && slot < static_cast<int>(names->size())) return (*names)[slot];
    return std::string(kind) + std::to_string(slot);
}

std::string list(const std::vector<std::string>& names) {
    std::string out = "[";
    for (size_t k = 0; k < names.size(); ++k) out += (k ? ", " : "") + names[k];
    return out + "]";
}

void print_block(const std::vector<Stmt>& body, const Kernel& kernel, int depth, std::string& out);

void print_stmt(const Stmt& s, const Kernel& kernel, int depth, std::string& out) {
    std::string indent(2 * depth, ' ');
    switch (s.kind) {
    case StmtKind::Store:
        out += indent + name_of(&kernel.arrays, s.slot, "array") + "[" +
               (s.index ? print_expr(s.index, &kernel) : std::string("i")) + "] = " +
               print_expr(s.value, &kernel) + "\n";
        break;
    case StmtKind::SetLocal:
        out += indent + "%" + std::to_string(s.slot) + " = " + print_expr(s.value, &kernel) + "\n";
        break;
    case StmtKind::If:
        out += indent + "if " + print_expr(s.value, &kernel) + "\n";
        print_block(s.then_body, kernel, depth + 1, out);
        if (!s.else_body.empty()) {
            out += indent + "else\n";
            print_block(s.else_body, kernel, depth + 1, out);
        }
        break;
    }
}

void print_block(const std::vector<Stmt>& body, const Kernel& kernel, int depth, std::string& out) {
    for (const auto& s : body) print_stmt(s, kernel, depth, out);
}

}  // namespace

std::string print_expr(const ExprRef& e, const Kernel* kernel) {
    if (!e) return "i";
    auto arg = [&](size_t k) { return print_expr(e->args[k], kernel); };
    switch (e->kind) {
    case ExprKind::Const: return number(e->value);
    case ExprKind::Param: return name_of(kernel ? &kernel->params : nullptr, e->slot, "param");
    case ExprKind::Load:
        return name_of(kernel ? &kernel->arrays : nullptr, e->slot, "array") + "[" + arg(0) + "]";
    case ExprKind::LoopIndex: return "i";
    case ExprKind::Time: return "t";
    case ExprKind::Dt: return "dt";
    case ExprKind::Local: return "%" + std::to_string(e->slot);
    case ExprKind::Unary: return "(" + e->op + (e->op == "not" ? " " : "") + arg(0) + ")";
    case ExprKind::Binary:
        if (e->op == "pow" || e->op == "min" || e->op == "max" || e->op == "mod") {
            return e->op + "(" + arg(0) + ", " + arg(1) + ")";
        }
        return "(" + arg(0) + " " + e->op + " " + arg(1) + ")";
    case ExprKind::Compare:
    case ExprKind::Logical: return "(" + arg(0) + " " + e->op + " " + arg(1) + ")";
    case ExprKind::Select: return "select(" + arg(0) + ", " + arg(1) + ", " + arg(2) + ")";
    case ExprKind::Call: {
        std::string out = e->op + "(";
        for (size_t k = 0; k < e->args.size(); ++k) out += (k ? ", " : "") + arg(k);
        return out + ")";
    }
    case ExprKind::Random: {
        std::string out = e->op + "#" + std::to_string(e->slot) + "(";
        for (size_t k = 0; k < e->args.size(); ++k) out += (k ? ", " : "") + arg(k);
        return out + ")";
    }
    }
    return "?";
}

std::string print_kernel(const Kernel& kernel) {
    std::string out = "kernel " + kernel.name + " (" + kernel.role +
                      (kernel.indexed ? ", indexed" : "") + (kernel.serial ? ", serial" : "") + ") arrays " +
                      list(kernel.arrays) + " params " + list(kernel.params) + "\n";
    std::vector<std::string> singles;
    for (size_t k = 0; k < kernel.single_arrays.size() && k < kernel.arrays.size(); ++k) {
        if (kernel.single_arrays[k]) singles.push_back(kernel.arrays[k]);
    }
    if (!singles.empty()) out += "  float arrays " + list(singles) + "\n";
    print_block(kernel.body, kernel, 1, out);
    return out;
}

}  // namespace nj::ir
