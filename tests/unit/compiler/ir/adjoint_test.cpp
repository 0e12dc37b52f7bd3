// Tests of the reverse-mode adjoint: JIT-compiled adjoints match central finite differences of
// the JIT-compiled forward kernels, and kernels it cannot differentiate are refused with a reason.
#include "compiler/ir/passes/adjoint.h"

#include "compiler/ir/verify_ir.h"
#include "compiler/jit/kernel_jit.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

using namespace nj;
using namespace nj::ir;

namespace {

constexpr double step_dt = 1e-3;

/// Stand-ins for the runtime's generators: smooth-free functions of the whole key, so a kernel
/// that drew with another stream, step or draw number would see other values.
double key_hash(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw) {
    double x = std::sin(12.9898 * static_cast<double>(index) + 78.233 * draw + 3.7 * stream +
                        1.3 * step + 0.7 * seed);
    return x * 43758.5453 - std::floor(x * 43758.5453);
}
double test_rand(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw) {
    return key_hash(seed, stream, step, index, draw);
}
double test_randn(uint64_t seed, uint32_t stream, uint64_t step, uint32_t index, uint32_t draw) {
    return 3.0 * (key_hash(seed, stream, step, index, draw + 1000) - 0.5);
}

std::unique_ptr<jit::CompiledKernels> compile(const std::vector<Kernel>& kernels) {
    std::string error;
    std::vector<jit::RuntimeSymbol> symbols = {
        {"nj_rt_rand", reinterpret_cast<void*>(&test_rand)},
        {"nj_rt_randn", reinterpret_cast<void*>(&test_randn)}};
    jit::JitOptions options;
    options.use_cache = false;
    auto compiled = jit::compile_kernels(kernels, symbols, options, &error);
    INFO(error);
    REQUIRE(compiled != nullptr);
    return compiled;
}

/// A forward kernel with the start values of its arrays (one vector per slot, equal sizes) and,
/// for an indexed kernel, its element list.
struct Problem {
    Kernel forward;
    std::vector<std::vector<double>> arrays;
    std::vector<double> params;
    std::vector<int> trainable;
    std::vector<int64_t> elements;
};

/// Runs `fn` over elements [0, n), or over `elements` when given.
void run(rt::KernelFn fn, std::vector<std::vector<double>>& arrays,
         const std::vector<double>& params, size_t n, const std::vector<int64_t>& elements = {}) {
    std::vector<double*> bases;
    for (auto& a : arrays) bases.push_back(a.data());
    size_t count = elements.empty() ? n : elements.size();
    rt::KernelArgs args{
        bases.data(), params.data(), 0.25, step_dt, 7, 3, 0, static_cast<int64_t>(count)};
    if (!elements.empty()) args.elements = elements.data();
    fn(&args);
}

/// Runs the forward kernel and the adjoint kernel of a problem and compares dL/d(every start
/// value and trainable parameter) with central differences, L = Σ_A Σ_i c_A[i] A_end[i] over
/// the arrays with adjoints. Returns the largest relative error.
class GradientCheck {
public:
    explicit GradientCheck(Problem p) : p_(std::move(p)), n_(p_.arrays[0].size()) {
        adjoint_ = adjoint_kernel(p_.forward, p_.trainable);
        INFO(adjoint_.error);
        REQUIRE(adjoint_.error.empty());
        std::vector<std::string> violations = verify_kernel(adjoint_.kernel);
        CHECK(violations.empty());
        compiled_ = compile({p_.forward, adjoint_.kernel});
        std::mt19937 generator(11);
        std::uniform_real_distribution<double> weight(-1.0, 1.0);
        weights_.resize(p_.arrays.size());
        for (size_t slot = 0; slot < p_.arrays.size(); ++slot) {
            if (adjoint_.adjoint_slots[slot] < 0) continue;
            for (size_t i = 0; i < n_; ++i) weights_[slot].push_back(weight(generator));
        }
    }

    double max_relative_error() {
        std::vector<double> adjoint, numeric;
        backward(adjoint);
        for (size_t slot = 0; slot < p_.arrays.size(); ++slot) {
            if (adjoint_.adjoint_slots[slot] < 0) continue;
            for (size_t i = 0; i < n_; ++i) {
                numeric.push_back(central_difference(p_.arrays[slot][i], [&](double x) {
                    auto arrays = p_.arrays;
                    arrays[slot][i] = x;
                    return loss(arrays, p_.params);
                }));
            }
        }
        for (int param_slot : p_.trainable) {
            numeric.push_back(central_difference(p_.params[param_slot], [&](double x) {
                auto params = p_.params;
                params[param_slot] = x;
                return loss(p_.arrays, params);
            }));
        }
        REQUIRE(adjoint.size() == numeric.size());
        double scale = 0.0;
        for (double g : numeric) scale = std::max(scale, std::fabs(g));
        double worst = 0.0;
        for (size_t k = 0; k < numeric.size(); ++k) {
            double denominator =
                std::max({std::fabs(numeric[k]), std::fabs(adjoint[k]), 1e-3 * scale, 1e-12});
            worst = std::max(worst, std::fabs(adjoint[k] - numeric[k]) / denominator);
        }
        return worst;
    }

    const AdjointKernel& adjoint() const { return adjoint_; }

private:
    /// The adjoint's gradients, in the order max_relative_error lists the finite differences.
    void backward(std::vector<double>& gradients) {
        std::vector<std::vector<double>> arrays(adjoint_.kernel.arrays.size(),
                                                std::vector<double>(n_, 0.0));
        for (size_t slot = 0; slot < p_.arrays.size(); ++slot) {
            arrays[slot] = p_.arrays[slot];
            if (adjoint_.adjoint_slots[slot] >= 0)
                arrays[adjoint_.adjoint_slots[slot]] = weights_[slot];
        }
        run(compiled_->find(adjoint_.kernel.name), arrays, p_.params, n_, p_.elements);
        for (size_t slot = 0; slot < p_.arrays.size(); ++slot) {
            if (adjoint_.adjoint_slots[slot] < 0) continue;
            const auto& adj = arrays[adjoint_.adjoint_slots[slot]];
            gradients.insert(gradients.end(), adj.begin(), adj.end());
        }
        for (int slot : adjoint_.gradient_slots) {
            double sum = 0.0;
            for (double g : arrays[slot]) sum += g;
            gradients.push_back(sum);
        }
    }

    double loss(std::vector<std::vector<double>> arrays, const std::vector<double>& params) {
        run(compiled_->find(p_.forward.name), arrays, params, n_, p_.elements);
        double sum = 0.0;
        for (size_t slot = 0; slot < arrays.size(); ++slot) {
            for (size_t i = 0; i < weights_[slot].size(); ++i)
                sum += weights_[slot][i] * arrays[slot][i];
        }
        return sum;
    }

    template <class F>
    static double central_difference(double x, const F& f) {
        double h = 1e-6 * std::max(std::fabs(x), 1e-2);
        return (f(x + h) - f(x - h)) / (2 * h);
    }

    Problem p_;
    size_t n_;
    AdjointKernel adjoint_;
    std::unique_ptr<jit::CompiledKernels> compiled_;
    std::vector<std::vector<double>> weights_;
};

double gradient_error(Problem p) {
    double error = GradientCheck(std::move(p)).max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    return error;
}

ExprRef add(ExprRef a, ExprRef b) {
    return binary("+", std::move(a), std::move(b));
}
ExprRef sub(ExprRef a, ExprRef b) {
    return binary("-", std::move(a), std::move(b));
}
ExprRef mul(ExprRef a, ExprRef b) {
    return binary("*", std::move(a), std::move(b));
}
ExprRef div(ExprRef a, ExprRef b) {
    return binary("/", std::move(a), std::move(b));
}
ExprRef fn(const char* name, ExprRef a) {
    return call(name, {std::move(a)});
}
ExprRef num(double v) {
    return constant(v);
}

Kernel kernel(const char* name, std::vector<std::string> arrays, std::vector<std::string> params) {
    Kernel k;
    k.name = name;
    k.role = "state_update";
    k.arrays = std::move(arrays);
    k.params = std::move(params);
    return k;
}

std::string refusal(const Kernel& k, std::vector<int> trainable = {}) {
    AdjointKernel a = adjoint_kernel(k, trainable);
    CHECK_FALSE(a.error.empty());
    return a.error;
}

}  // namespace

TEST_CASE("adjoint: an exponential decay towards a trained rest value matches finite differences") {
    // v ← El + (v - El) e^{-dt/tau} + R I (1 - e^{-dt/tau}): the exact update of a leaky neuron
    Problem p;
    p.forward = kernel("decay", {"v", "I"}, {"tau", "El", "R"});
    ExprRef factor = fn("exp", div(unary("-", dt()), param(0)));
    ExprRef relaxed = add(param(1), mul(sub(load(0), param(1)), factor));
    p.forward.body = {store(0, add(relaxed, mul(mul(param(2), load(1)), sub(num(1), factor))))};
    p.arrays = {{-0.7, -0.65, -0.5, -0.6, 0.3, 1.2}, {0.0, 0.4, 1.1, 2.0, 0.5, -0.3}};
    p.params = {0.02, -0.5, 0.3};
    p.trainable = {0, 1, 2};
    CHECK(gradient_error(p) < 1e-5);

    // the Euler form v ← v + dt (El - v + R I) / tau
    p.forward.body = {store(
        0, add(load(0),
               mul(dt(), div(add(sub(param(1), load(0)), mul(param(2), load(1))), param(0)))))};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: the kernel's layout names adjoint and gradient arrays after the forward ones") {
    Kernel k = kernel("decay", {"v", "table", "unused"}, {"tau", "gain"});
    k.stream = 4;
    k.body = {store(
        0, add(mul(load(0), fn("exp", div(unary("-", dt()), param(0)))), load(1, loop_index())))};
    AdjointKernel a = adjoint_kernel(k, {0});
    REQUIRE(a.error.empty());
    CHECK(a.kernel.name == "decay_adjoint");
    CHECK(a.kernel.stream == 4);
    CHECK(a.kernel.params == k.params);
    CHECK(a.adjoint_slots == std::vector<int>{3, 4, -1});  // an unused array is a constant
    CHECK(a.gradient_slots == std::vector<int>{5});
    CHECK(a.kernel.arrays ==
          std::vector<std::string>{"v", "table", "unused", "adj_v", "adj_table", "grad_tau"});
    // the table's adjoint is scattered to the elements read: the adjoint is serial
    CHECK(a.scatters);
    CHECK(a.kernel.serial);
    CHECK_FALSE(a.kernel.indexed);
    CHECK(verify_kernel(a.kernel).empty());
}

TEST_CASE("adjoint: a coupled update sees the value an earlier statement stored") {
    // FitzHugh-Nagumo-like: w's update reads the v just stored (in-place semantics)
    Problem p;
    p.forward = kernel("fhn", {"v", "w", "I"}, {"a", "b", "eps"});
    ExprRef v = load(0), w = load(1);
    ExprRef dv = add(sub(sub(v, div(mul(v, mul(v, v)), num(3))), w), load(2));
    p.forward.body = {
        store(0, add(v, mul(mul(num(50), dt()), dv))),
        store(1, add(w, mul(mul(dt(), param(2)), sub(add(load(0), param(0)), mul(param(1), w)))))};
    p.arrays = {
        {-1.2, -0.3, 0.4, 1.1, 1.9}, {-0.6, 0.2, 0.5, 0.1, 0.9}, {0.0, 0.5, 1.0, -0.4, 0.3}};
    p.params = {0.7, 0.8, 30.0};
    p.trainable = {0, 1, 2};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: exp, log, sqrt, tanh and pow differentiate through locals") {
    Problem p;
    p.forward = kernel("math", {"x", "y"}, {"p", "q"});
    p.forward.locals = 1;
    ExprRef x = load(0), y = load(1);
    p.forward.body = {set_local(0, mul(fn("exp", mul(x, param(0))), fn("log", y))),
                      store(0, add(add(local(0), fn("sqrt", add(y, mul(x, x)))),
                                   add(fn("tanh", mul(param(1), x)), binary("pow", y, param(0))))),
                      store(1, add(mul(y, fn("tanh", local(0))), binary("pow", load(0), num(3))))};
    p.arrays = {{0.1, 0.3, 0.5, 0.8, 1.0}, {0.5, 0.9, 1.3, 1.7, 2.0}};
    p.params = {0.6, 1.4};
    p.trainable = {0, 1};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: a clip through min and max passes gradients only where it does not clip") {
    Problem p;
    p.forward = kernel("clip", {"x"}, {"g", "lo", "hi"});
    p.forward.body = {
        store(0, binary("min", binary("max", mul(param(0), load(0)), param(1)), param(2)))};
    p.arrays = {{-2.0, -0.5, 0.1, 0.4, 0.9, 3.0}};  // clipped low, free, free, free, high, high
    p.params = {1.5, -1.0, 1.0};
    p.trainable = {0, 1, 2};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: a threshold select is differentiated piecewise away from the kink") {
    Problem p;
    p.forward = kernel("spike", {"v", "spiked"}, {"th", "reset", "k"});
    ExprRef crossed = compare(">", load(0), param(0));
    p.forward.body = {
        store(0, select(crossed, param(1), add(load(0), mul(mul(dt(), param(2)), load(0))))),
        store(1, select(crossed, num(1), num(0)))};
    p.arrays = {{-0.8, -0.2, 0.3, 0.6, 1.4}, {0, 0, 0, 0, 0}};
    p.params = {0.5, -1.0, 20.0};
    p.trainable = {0, 1, 2};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: stores and locals inside an If become selects of the new and old values") {
    Problem p;
    p.forward = kernel("reset", {"v", "count", "I"}, {"th", "reset", "decay"});
    p.forward.locals = 2;
    ExprRef leaked = add(mul(load(0), param(2)), mul(dt(), load(2)));
    p.forward.body = {set_local(0, leaked),
                      if_then(compare(">", local(0), param(0)),
                              {store(0, param(1)), store(1, add(load(1), num(1))),
                               set_local(1, mul(param(1), num(2)))},
                              {store(0, local(0)),
                               set_local(1, mul(load(0), load(0)))}),  // reads the v just stored
                      store(2, add(load(2), mul(mul(num(0.1), local(1)), load(0))))};
    p.arrays = {
        {-0.9, 0.2, 0.7, 1.6, 2.5, -0.1}, {0, 1, 2, 0, 1, 0}, {0.3, -0.5, 1.0, 2.0, 0.1, 0.7}};
    p.params = {1.0, -0.4, 0.9};
    p.trainable = {0, 1, 2};
    CHECK(gradient_error(p) < 1e-5);
}

TEST_CASE("adjoint: random draws are the same numbers in the forward and adjoint kernels") {
    Problem p;
    p.forward = kernel("noisy", {"v"}, {"sigma", "mu"});
    p.forward.stream = 5;
    ExprRef noise = random("randn", 0);
    p.forward.body = {store(0, add(add(load(0), mul(mul(param(0), fn("sqrt", dt())), noise)),
                                   mul(mul(param(1), random("rand", 1)), mul(load(0), load(0)))))};
    p.arrays = {{-0.7, -0.2, 0.1, 0.5, 0.9}};
    p.params = {0.8, 0.3};
    p.trainable = {0, 1};
    GradientCheck check(p);
    CHECK(check.adjoint().kernel.stream == 5);
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-5);
}

TEST_CASE("adjoint: a long chain of in-place updates keeps its adjoint small through locals") {
    // Each statement reads both values twice: as trees the final values would double in size
    // with every statement.
    Problem p;
    p.forward = kernel("chain", {"x", "y"}, {"k"});
    for (int n = 0; n < 24; ++n) {
        p.forward.body.push_back(
            store(0, add(load(0), mul(param(0), fn("tanh", mul(load(0), load(1)))))));
        p.forward.body.push_back(store(1, sub(load(1), mul(num(0.05), mul(load(0), load(1))))));
    }
    p.arrays = {{-0.6, 0.1, 0.4, 0.9}, {0.3, -0.8, 0.5, 1.2}};
    p.params = {0.05};
    p.trainable = {0};
    GradientCheck check(p);
    CHECK(check.adjoint().kernel.locals < 2000);
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-5);
}

TEST_CASE("adjoint: a rounding function of t or of an untrained parameter is accepted") {
    Kernel k = kernel("clocked", {"v"}, {"tau", "period"});
    ExprRef phase = binary("mod", time(), param(1));
    k.body = {store(0, add(load(0), mul(fn("floor", div(time(), dt())), mul(phase, param(0)))))};
    AdjointKernel a = adjoint_kernel(k, {0});
    CHECK(a.error.empty());
    // a draw whose parameters are constants of the derivative is a constant too
    k.body = {store(0, add(load(0), random_poisson(param(1), 0)))};
    CHECK(adjoint_kernel(k, {0}).error.empty());
}

TEST_CASE("adjoint: a read at another element of an array the kernel stores is refused") {
    Kernel k = kernel("diffuse", {"v"}, {});
    k.body = {store(0, add(load(0), load(0, add(loop_index(), num(1)))))};
    std::string error = refusal(k);
    CHECK(error.find("reads v at another element") != std::string::npos);
}

TEST_CASE("adjoint: a table read at an element computed from the state is refused") {
    Kernel k = kernel("lookup", {"v", "table"}, {});
    k.body = {store(0, load(1, fn("floor", mul(load(0), num(10)))))};
    std::string error = refusal(k);
    CHECK(error.find("reads table at an element computed from v") != std::string::npos);
}

TEST_CASE("adjoint: a function without a known derivative is refused by name") {
    // Built by hand: the factories accept only the functions ir.h lists, all of which are known.
    auto unknown = std::make_shared<Expr>();
    unknown->kind = ExprKind::Call;
    unknown->op = "bessel_j0";
    unknown->args = {load(0)};
    Kernel k = kernel("special", {"v"}, {});
    k.body = {store(0, add(load(0), unknown))};
    std::string error = refusal(k);
    CHECK(error.find("bessel_j0 has no known derivative") != std::string::npos);
}

TEST_CASE("adjoint: rounding and mod of the state or a trained parameter are refused as jumps") {
    Kernel k = kernel("jumpy", {"v"}, {"p"});
    k.body = {store(0, add(load(0), fn("floor", load(0))))};
    std::string error = refusal(k);
    CHECK(error.find("floor of a value that depends on v jumps") != std::string::npos);
    k.body = {store(0, binary("mod", load(0), num(1)))};
    CHECK(refusal(k).find("mod of a value that depends on v") != std::string::npos);
    k.body = {store(0, add(load(0), fn("round", param(0))))};
    CHECK(refusal(k, {0}).find("round of a value that depends on parameter p") !=
          std::string::npos);
    CHECK(adjoint_kernel(k, {}).error.empty());  // p not trained: a constant
}

TEST_CASE("adjoint: a distribution draw with a state-dependent parameter is refused") {
    Kernel k = kernel("release", {"v"}, {});
    k.body = {store(0, add(load(0), random_poisson(mul(load(0), load(0)), 0)))};
    CHECK(refusal(k).find("poisson draw depend on v") != std::string::npos);
}

TEST_CASE("adjoint: a local read before it is set and bad parameter slots are refused") {
    Kernel k = kernel("unset", {"v"}, {"p"});
    k.locals = 1;
    k.body = {store(0, add(load(0), local(0)))};
    CHECK(refusal(k).find("reads local 0 before") != std::string::npos);
    k.body = {store(0, mul(load(0), param(0)))};
    CHECK(refusal(k, {1}).find("out of range") != std::string::npos);
    CHECK(refusal(k, {0, 0}).find("twice") != std::string::npos);
}

TEST_CASE("adjoint: an indexed reset differentiates the listed elements and passes the others") {
    Problem p;
    p.forward = kernel("reset", {"v", "w"}, {"a", "c"});
    p.forward.role = "reset";
    p.forward.indexed = true;
    p.forward.body = {store(0, add(mul(load(0), param(0)), param(1))),
                      store(1, add(load(1), mul(load(0), load(0))))};  // reads the reset v
    p.arrays = {{-0.7, 1.2, 0.3, 1.5, 2.0, -0.1}, {0.2, 0.4, -0.3, 0.9, 0.1, 0.5}};
    p.params = {0.6, -0.4};
    p.trainable = {0, 1};
    p.elements = {1, 3, 4};  // elements 0, 2 and 5 keep their values: dL/dv = the weight there
    GradientCheck check(p);
    CHECK(check.adjoint().kernel.indexed);
    CHECK_FALSE(check.adjoint().kernel.serial);
    CHECK_FALSE(check.adjoint().scatters);
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-6);
}

namespace {

/// T[post[s]] += w[s] exp(v[pre[s]] / tau) over six synapses; several share a post- and a
/// pre-synaptic element. Every array has six elements (the harness needs equal sizes).
Problem synaptic_sum() {
    Problem p;
    p.forward = kernel("summed", {"T", "w", "v", "pre", "post"}, {"tau", "decay"});
    p.forward.role = "summed_variable";
    p.forward.serial = true;
    ExprRef post = load(4), pre = load(3);
    ExprRef amount = mul(load(1), fn("exp", div(load(2, pre), param(0))));
    p.forward.body = {store_at(0, post, add(load(0, post), amount))};
    p.arrays = {{0.1, -0.2, 0.3, 0.5, 0.0, 0.7},
                {0.4, -0.3, 0.8, 1.1, -0.6, 0.2},
                {0.3, -0.5, 0.9, 0.2, 1.1, -0.8},
                {1, 1, 0, 3, 1, 0},
                {0, 0, 1, 2, 2, 2}};
    p.params = {1.5, 0.9};
    p.trainable = {0};
    return p;
}

}  // namespace

TEST_CASE("adjoint: a serial sum into other elements scatters to the elements it read") {
    Problem p = synaptic_sum();
    GradientCheck check(p);
    const AdjointKernel& a = check.adjoint();
    CHECK(a.scatters);
    CHECK(a.kernel.serial);
    // index arrays are constants; T, w and v (read at pre[s]) have adjoints
    CHECK(a.adjoint_slots == std::vector<int>{5, 6, 7, -1, -1});
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-6);
}

TEST_CASE("adjoint: a serial sum may follow a store at element i and sit under an If") {
    Problem p = synaptic_sum();
    p.trainable = {0, 1};
    // w decays first (the sum reads the new w), and only positive weights are summed
    ExprRef post = load(4);
    ExprRef amount = mul(load(1), fn("exp", div(load(2, load(3)), param(0))));
    p.forward.body = {
        store(1, mul(load(1), param(1))),
        if_then(compare(">", load(1), num(0)), {store_at(0, post, add(amount, load(0, post)))})};
    GradientCheck check(p);
    CHECK(check.adjoint().kernel.serial);
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-6);
}

TEST_CASE("adjoint: a parallel gather gets a serial adjoint that scatters") {
    // x[i] += a W[5 - i] y[pre[i]] + y[i]^2: y is read at i and elsewhere, so a scatter may add
    // to the element that the pass-through of y[i] stores
    Problem p;
    p.forward = kernel("gather", {"x", "W", "y", "pre"}, {"a"});
    ExprRef gathered = mul(mul(param(0), load(1, sub(num(5), loop_index()))), load(2, load(3)));
    p.forward.body = {store(0, add(add(load(0), gathered), mul(load(2), load(2))))};
    p.arrays = {{0.1, 0.2, -0.3, 0.4, 0.5, -0.6},
                {0.7, -0.8, 0.9, 1.0, -1.1, 1.2},
                {0.3, 0.6, -0.9, 1.2, 0.4, -0.2},
                {2, 2, 0, 5, 1, 2}};
    p.params = {0.8};
    p.trainable = {0};
    GradientCheck check(p);
    CHECK_FALSE(p.forward.serial);
    CHECK(check.adjoint().scatters);
    CHECK(check.adjoint().kernel.serial);
    CHECK(check.adjoint().adjoint_slots == std::vector<int>{4, 5, 6, -1});
    double error = check.max_relative_error();
    MESSAGE("largest relative gradient error: " << error);
    CHECK(error < 1e-6);
}

TEST_CASE("adjoint: stores at other elements other than sums are refused") {
    Kernel k = kernel("on_pre", {"T", "w", "post"}, {});
    k.serial = true;
    ExprRef post = load(2);
    k.body = {store_at(0, post, load(1))};
    CHECK(refusal(k).find("sets T at another element rather than adding to it") !=
          std::string::npos);
    k.body = {store_at(0, post, add(load(0, load(1)), load(1)))};  // another element of T
    CHECK(refusal(k).find("sets T at another element") != std::string::npos);
    k.body = {store_at(0, post, add(load(0, post), mul(load(1), load(0, loop_index()))))};
    CHECK(refusal(k).find("what it adds to T at another element reads T") != std::string::npos);
    k.body = {store(1, load(0)), store_at(0, post, add(load(0, post), num(1)))};
    CHECK(refusal(k).find("it reads T, which it adds to at other elements") != std::string::npos);
    k.body = {store(0, num(0)), store_at(0, post, add(load(0, post), num(1)))};
    CHECK(refusal(k).find("stores T both at its own element and at other elements") !=
          std::string::npos);
}

TEST_CASE("adjoint: an element index computed from a stored array is refused") {
    Kernel k = kernel("moving", {"T", "k"}, {});
    k.serial = true;
    ExprRef at = fn("floor", load(1));
    k.body = {store(1, add(load(1), num(1))), store_at(0, at, add(load(0, at), num(1)))};
    CHECK(refusal(k).find("adds to T at an element computed from k, which jumps") !=
          std::string::npos);
}

TEST_CASE("adjoint: surrogate_step is a step forward and a fast sigmoid backward") {
    Kernel k = kernel("spike", {"y", "x"}, {"a", "beta"});
    k.body = {store(0, call("surrogate_step", {mul(load(1), param(0)), param(1)}))};
    AdjointKernel a = adjoint_kernel(k, {0, 1});
    INFO(a.error);
    REQUIRE(a.error.empty());
    auto compiled = compile({k, a.kernel});
    std::vector<double> x = {-2.0, -1e-300, 0.0, 1e-300, 0.5, 3.0};
    std::vector<double> params = {1.5, 4.0};
    size_t n = x.size();
    std::vector<std::vector<double>> arrays = {std::vector<double>(n, 7.0), x};
    run(compiled->find("spike"), arrays, params, n);
    CHECK(arrays[0] == std::vector<double>{0, 0, 0, 1, 1, 1});  // exactly 0 at x = 0

    std::vector<double> incoming = {0.3, -1.2, 0.7, 2.0, -0.4, 1.1};
    std::vector<std::vector<double>> adjoint(a.kernel.arrays.size(), std::vector<double>(n, 0.0));
    adjoint[0] = std::vector<double>(n, 7.0);
    adjoint[1] = x;
    adjoint[a.adjoint_slots[0]] = incoming;
    adjoint[a.adjoint_slots[1]] = std::vector<double>(n, 0.25);
    run(compiled->find("spike_adjoint"), adjoint, params, n);
    for (size_t i = 0; i < n; ++i) {
        double u = params[0] * x[i], beta = params[1];
        double slope = beta / ((1 + beta * std::fabs(u)) * (1 + beta * std::fabs(u)));
        CHECK(adjoint[a.adjoint_slots[0]][i] == 0.0);  // y is overwritten
        CHECK(adjoint[a.adjoint_slots[1]][i] ==
              doctest::Approx(0.25 + incoming[i] * slope * params[0]).epsilon(1e-14));
        CHECK(adjoint[a.gradient_slots[0]][i] ==
              doctest::Approx(incoming[i] * slope * x[i]).epsilon(1e-14));
        CHECK(adjoint[a.gradient_slots[1]][i] == 0.0);  // beta only shapes the surrogate
    }
}
