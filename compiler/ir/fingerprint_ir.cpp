// Fingerprints of kernels: length-prefixed strings and exact (hexadecimal) numbers, so that
// no two different kernels give the same text.
#include "compiler/ir/fingerprint_ir.h"

#include <cstdio>

namespace nj::ir {

namespace {

class Writer {
public:
    void text(const std::string& s) { out_ += std::to_string(s.size()) + ":" + s + ";"; }
    void integer(long long v) { out_ += std::to_string(v) + ";"; }
    void real(double v) {
        char buffer[40];
        std::snprintf(buffer, sizeof buffer, "%a;", v);
        out_ += buffer;
    }
    void expr(const ExprRef& e) {
        if (!e) {
            out_ += "-;";
            return;
        }
        out_ += "(";
        integer(static_cast<int>(e->kind));
        integer(static_cast<int>(e->type));
        real(e->value);
        integer(e->slot);
        text(e->op);
        integer(static_cast<long long>(e->args.size()));
        for (const auto& a : e->args) expr(a);
        out_ += ")";
    }
    void block(const std::vector<Stmt>& body) {
        integer(static_cast<long long>(body.size()));
        for (const auto& s : body) {
            integer(static_cast<int>(s.kind));
            integer(s.slot);
            expr(s.value);
            expr(s.index);
            block(s.then_body);
            block(s.else_body);
        }
    }
    std::string take() { return std::move(out_); }

private:
    std::string out_;
};

}  // namespace

std::string fingerprint_kernel(const Kernel& kernel) {
    Writer w;
    w.text(kernel.name);
    w.text(kernel.role);
    w.integer(static_cast<long long>(kernel.arrays.size()));
    for (const auto& a : kernel.arrays) w.text(a);
    w.integer(static_cast<long long>(kernel.single_arrays.size()));
    for (bool single : kernel.single_arrays) w.integer(single);
    w.integer(static_cast<long long>(kernel.params.size()));
    for (const auto& p : kernel.params) w.text(p);
    w.integer(kernel.locals);
    w.integer(kernel.stream);
    w.integer(kernel.indexed);
    w.integer(kernel.serial);
    w.integer(kernel.fits_in_cache);
    w.block(kernel.body);
    return w.take();
}

}  // namespace nj::ir
