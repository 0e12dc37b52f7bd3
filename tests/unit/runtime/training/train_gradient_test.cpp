// Gradient training: the gradients `train` computes by replaying a forward pass backwards agree
// with central finite differences of the loss, for trainable parameters (in every
// parametrisation) and trainable variables, through exact and Euler steps, dense and sparse
// summed couplings and a soft (sigmoid) spike; training lowers the loss; what cannot be
// differentiated is refused with a reason.
#include "tests/unit/runtime/training/train_helpers.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <sstream>

using nj::rt::testing::first_loss;
using nj::rt::testing::run_model_text;
using nj::rt::testing::train_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;

namespace {

/// A rate network: inputs x drive y through W (dense: `connect: all`, a matrix product), y drives z
/// through R (sparse: `connect: i != j`, a serial sum over synapses); y relaxes toward its input
/// by the exact propagator (trainable tau), z follows a nonlinear Euler equation with a sigmoid
/// "soft spike" computed in on_event code. The loss is the time-integrated squared error of z
/// plus a penalty on the weights.
std::string network_model(int epochs, double lr) {
    std::ostringstream text;
    text << R"(
param dt = 1 ms
param tau = 10 ms { trainable: log; bounds: 1 ms .. 100 ms }
param tau_z = 5 ms { trainable: log }
param bias = 0.2 { trainable: linear }
param gain = 1.5 { trainable: softplus }
param leak = 0.3 { trainable: logit; bounds: 0.05 .. 0.95 }
group In(4) {
  equations { x : 1 }
  init: x = 0.5 + 0.25 * i
}
group Mid(3) {
  equations {
    dy/dt = (I - y) / tau : 1
    I : 1
  }
  method: exact
}
group Out(3) {
  equations {
    dz/dt = (-leak * z + tanh(gain * J + bias) + 0.5 * s) / tau_z : 1
    J : 1
    s : 1
    target : 1 (constant)
    derr/dt = (z - target)**2 / (20 ms) : 1
  }
  method: euler
  event step: true
  on_event step: s = 1 / (1 + exp(-(z - 0.4) / 0.05))
  init: target = 0.2 * i
}
synapses W(In -> Mid) {
  equations {
    w : 1 (trainable)
    I_post = w * x_pre : 1 (summed)
  }
  connect: all
  init: w = 0.3 * sin(i + 2 * j)
}
synapses R(Mid -> Out) {
  equations {
    r : 1 (trainable)
    J_post = r * y_pre : 1 (summed)
  }
  connect: i != j
  init: r = 0.5 + 0.1 * i - 0.2 * j
}
loss L = mean(Out.err) + 0.01 * sum(W.w) ** 2
train L(epochs = )" << epochs << ", lr = " << lr << R"() {
  run 20 ms
}
)";
    return text.str();
}

std::string quantity(double value, const char* unit) {
    std::ostringstream s;
    s << std::setprecision(17) << value << unit;
    return s.str();
}

/// Central finite difference of the first loss with respect to element k of array `name` (its
/// value when the protocol starts).
double array_difference(const std::string& text, const std::string& name, size_t k, double h = 1e-6) {
    auto loss_at = [&](double delta) {
        RunOptions options;
        options.before_protocol = [&](nj::rt::Network& network) {
            const auto& arrays = network.plan().arrays;
            for (size_t id = 0; id < arrays.size(); ++id) {
                if (arrays[id].name == name) network.array(static_cast<int>(id))[k] += delta;
            }
        };
        return first_loss(train_ok(text, options));
    };
    return (loss_at(h) - loss_at(-h)) / (2 * h);
}

/// Central finite difference of the first loss with respect to the number x the model text is
/// made from (`model(x)`), per `unit` of x (1e-3 for x in ms against a gradient per second).
template <typename Model>
double text_difference(const Model& model, double x, double unit = 1.0, double h = 1e-6) {
    return (first_loss(train_ok(model(x + h))) - first_loss(train_ok(model(x - h)))) / (2 * h * unit);
}

}  // namespace

TEST_CASE("train: parameter gradients agree with central finite differences") {
    RunResult base = train_ok(network_model(1, 1e-3));
    struct Case {
        const char* name;
        double value;
        const char* unit;
    };
    for (Case c : {Case{"tau", 0.010, "s"}, Case{"tau_z", 0.005, "s"}, Case{"bias", 0.2, ""},
                   Case{"gain", 1.5, ""}, Case{"leak", 0.3, ""}}) {
        double h = 1e-6 * c.value;
        auto loss_at = [&](double v) {
            RunOptions options;
            options.overrides = {{c.name, quantity(v, c.unit)}};
            return first_loss(train_ok(network_model(1, 1e-3), options));
        };
        double difference = (loss_at(c.value + h) - loss_at(c.value - h)) / (2 * h);
        double gradient = base.metrics["L"]["gradient_first"][c.name].get<double>();
        INFO(c.name, ": compiled ", gradient, ", finite difference ", difference);
        CHECK(std::abs(gradient) > 1e-4);  // the parameter matters, so the check is not vacuous
        CHECK(std::abs(gradient - difference) <= 1e-6 * std::abs(difference));
    }
}

TEST_CASE("train: gradients of trainable variables agree with central finite differences") {
    RunResult base = train_ok(network_model(1, 1e-3));
    for (auto [name, size] : {std::pair<std::string, size_t>{"W.w", 12}, {"R.r", 6}}) {
    const std::vector<double>& gradient = base.values("L_" + name + "_gradient_first.npy");
    REQUIRE(gradient.size() == size);
    for (size_t k : {size_t{0}, size / 2, size - 1}) {
        double difference = array_difference(network_model(1, 1e-3), name, k);
        INFO(name, "[", k, "]: compiled ", gradient[k], ", finite difference ", difference);
        CHECK(std::abs(gradient[k]) > 1e-4);
        CHECK(std::abs(gradient[k] - difference) <= 1e-6 * std::abs(difference));
    }
    }
}

TEST_CASE("train: Adam lowers the loss, keeps bounds and leaves the trained values in place") {
    RunResult r = train_ok(network_model(150, 1e-2));
    const std::vector<double>& losses = r.values("L_loss.npy");
    REQUIRE(losses.size() == 150);
    CHECK(losses.back() < 0.2 * losses.front());
    const auto& trained = r.metrics["L"]["trained"];
    CHECK(trained["leak"].get<double>() >= 0.05);
    CHECK(trained["leak"].get<double>() <= 0.95);
    CHECK(trained["tau"].get<double>() >= 1e-3);
    // after training the network is back at its starting state with the trained weights
    CHECK(r.array("W.w") == r.values("L_W.w.npy"));
    CHECK(r.time_s == 0.0);
}

TEST_CASE("train: what cannot be differentiated is refused with its reason") {
    SUBCASE("previous(...)") {
        RunResult r = run_model_text(R"(
param dt = 1 ms
param a = 1 { trainable: linear }
group G(2) {
  equations {
    dv/dt = (a - previous(v)) / (10 ms) : 1
  }
  method: euler
}
loss L = mean(G.v)
train L(epochs = 2) {
  run 3 ms
}
)");
        REQUIRE(r.built);
        CHECK(r.outcome.error.find("previous(...)") != std::string::npos);
    }
    SUBCASE("a loss term that is not a stored variable, and unknown settings") {
        RunResult r = run_model_text(R"(
param dt = 1 ms
param a = 1 { trainable: linear }
group G(2) {
  equations { dv/dt = -a * v / (10 ms) : 1 }
}
loss L = mean(G.v) * 2
train L(epochs = 2, warmup = 3) {
  run 3 ms
}
)");
        CHECK_FALSE(r.built);
        CHECK(r.diagnostics.find("warmup") != std::string::npos);
    }
    SUBCASE("nothing trainable") {
        RunResult r = run_model_text(R"(
param dt = 1 ms
group G(2) {
  equations { dv/dt = -v / (10 ms) : 1 }
}
loss L = mean(G.v)
train L(epochs = 2) {
  run 3 ms
}
)");
        CHECK_FALSE(r.built);
        CHECK(r.diagnostics.find("nothing to train") != std::string::npos);
    }
    SUBCASE("a loss expression of another shape is a checker error") {
        RunResult r = run_model_text(R"(
param dt = 1 ms
param a = 1 { trainable: linear }
group G(2) {
  equations { dv/dt = -a * v / (10 ms) : 1 }
}
loss L = where(a > 0, mean(G.v), 0)
train L(epochs = 2) {
  run 3 ms
}
)");
        CHECK_FALSE(r.built);
        CHECK(r.diagnostics.find("a loss combines") != std::string::npos);
    }
}

TEST_CASE("train: the teaching example learns to tell its two input patterns apart") {
    std::ifstream in(std::string(NJ_SOURCE_DIR) + "/examples/train_spiking_classifier.nj");
    REQUIRE(in.good());
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto accuracy = [](const RunResult& r) {
        double correct = 0;
        for (const auto& trial : r.metrics["correct"]) correct += trial["value"].get<double>();
        return correct / static_cast<double>(r.metrics["correct"].size());
    };
    for (uint64_t seed : {1u, 2u}) {
        RunOptions options;
        options.seed = seed;
        options.mode = "fast";
        options.overrides = {{"n_test", "20"}};
        RunResult trained = train_ok(text, options);
        options.overrides.push_back({"epochs", "0"});
        RunResult untrained = train_ok(text, options);
        INFO("seed ", seed);
        const std::vector<double>& losses = trained.values("L_loss.npy");
        REQUIRE(losses.size() == 25);  // one step per epoch: a mini-batch of one trial per class
        // the last five steps against the first five (each step's loss is of two noisy trials)
        double first = 0, last = 0;
        for (size_t k = 0; k < 5; ++k) {
            first += losses[k];
            last += losses[losses.size() - 1 - k];
        }
        CHECK(last < 0.5 * first);
        // 20 test trials: 16 or more right is far from chance (p < 0.006 for a fair coin)
        CHECK(accuracy(trained) >= 0.8);
        CHECK(accuracy(untrained) <= 0.5);
    }
}

TEST_CASE("train: a loss term over a synapses variable covers every synapse") {
    RunResult r = train_ok(R"(
param dt = 1 ms
group A(2) {
  equations { x : 1 }
}
group B(3) {
  equations { y : 1 }
}
synapses S(A -> B) {
  equations {
    w : 1 (trainable)
    y_post = w * x_pre : 1 (summed)
  }
  connect: all
  init: w = 1 + i
}
loss L = mean(S.w)
train L(epochs = 1) {
  run 1 ms
}
)");
    CHECK(first_loss(r) == doctest::Approx(1.5));  // three synapses with w = 1, three with w = 2
    const std::vector<double>& gradient = r.values("L_S.w_gradient_first.npy");
    REQUIRE(gradient.size() == 6);
    for (double g : gradient) CHECK(g == doctest::Approx(1.0 / 6.0));
}

TEST_CASE("train: threshold, reset and refractoriness replay exactly (gradients between spikes)") {
    // Hard spikes have no gradient, but the membrane between them does: d(mean v at the end)/d tau
    // comes through the steps since each neuron's last reset. Small perturbations move no spike
    // to another step, so finite differences see the same spikes. A few neurons spike at a time,
    // so the resets run per spiking element (taped one element at a time).
    auto model = [](double tau_ms) {
        std::ostringstream text;
        text << std::setprecision(17) << R"(
param dt = 0.1 ms
param tau = )" << tau_ms << R"( ms { trainable: log }
param drive = 1.3 { trainable: linear }
group G(40) {
  equations {
    dv/dt = (drive * (0.8 + 0.02 * i) - v) / tau : 1 (unless refractory)
  }
  threshold: v > 1
  reset: v = 0
  refractory: 2 ms
  method: exact
}
loss L = mean(G.v)
train L(epochs = 1) {
  run 30 ms
}
)";
        return text.str();
    };
    RunResult base = train_ok(model(10.0));
    double gradient = base.metrics["L"]["gradient_first"]["tau"].get<double>();
    double difference = text_difference(model, 10.0, 1e-3);
    INFO("compiled ", gradient, ", finite difference ", difference);
    CHECK(std::abs(gradient) > 1.0);
    CHECK(std::abs(gradient - difference) <= 1e-5 * std::abs(difference));
}

TEST_CASE("train: cross-entropy over trials: its value and gradients") {
    // two trials of three classes; the logits relax toward a * drive, the labels are classes 0 and 2
    auto model = [](double a) {
        std::ostringstream text;
        text << std::setprecision(17) << R"(
param dt = 1 ms
param a = )" << a << R"( { trainable: linear }
param tau = 4 ms { trainable: log }
group Out(6) {
  equations {
    dz/dt = (a * drive - z) / tau : 1
    drive : 1 (constant)
    target : 1 (constant)
    trial : 1 (constant)
  }
  method: exact
  init: z = 0.3 * i - 0.5; drive = sin(1.7 * i); trial = floor(i / 3); target = int(i == 0 or i == 5)
}
loss L = cross_entropy(Out.z, Out.target, Out.trial)
train L(epochs = 1) {
  run 5 ms
}
)";
        return text.str();
    };
    RunResult base = train_ok(model(2.0));
    // the logits at the end of the 5 ms forward pass, by the exact solution of their equation
    double e = std::exp(-5.0 / 4.0);
    std::vector<double> z;
    for (int i = 0; i < 6; ++i) z.push_back((0.3 * i - 0.5) * e + 2.0 * std::sin(1.7 * i) * (1 - e));
    auto nll = [&](int first, int label) {
        double sum = 0;
        for (int i = first; i < first + 3; ++i) sum += std::exp(z[i]);
        return std::log(sum) - z[label];
    };
    CHECK(first_loss(base) == doctest::Approx((nll(0, 0) + nll(3, 5)) / 2).epsilon(1e-12));
    double difference = text_difference(model, 2.0);
    double gradient = base.metrics["L"]["gradient_first"]["a"].get<double>();
    INFO("compiled ", gradient, ", finite difference ", difference);
    CHECK(std::abs(gradient) > 1e-3);
    CHECK(std::abs(gradient - difference) <= 1e-6 * std::abs(difference));
}

TEST_CASE("train: a mini-batch averages the losses and gradients of its samples") {
    auto model = [](const std::string& settings) {
        return R"(
param dt = 1 ms
param a = 0.7 { trainable: linear }
param s = 0                                  # the sample: its input
group G(3) {
  equations {
    dv/dt = (a * (1 + s) * (i + 1) - v) / (5 ms) : 1
    derr/dt = (v - 1)**2 / (10 ms) : 1
  }
  method: euler
}
loss L = mean(G.err)
train L()" + settings + R"() {
  run 10 ms
}
)";
    };
    auto single = [&](const char* s) {
        RunOptions options;
        options.overrides = {{"s", s}};
        return train_ok(model("epochs = 1"), options);
    };
    RunResult zero = single("0"), one = single("1");
    RunResult batch = train_ok(model("epochs = 1, batch = 2, sample = s"));
    auto gradient = [](const RunResult& r) { return r.metrics["L"]["gradient_first"]["a"].get<double>(); };
    CHECK(first_loss(batch) == doctest::Approx((first_loss(zero) + first_loss(one)) / 2).epsilon(1e-12));
    CHECK(gradient(batch) == doctest::Approx((gradient(zero) + gradient(one)) / 2).epsilon(1e-12));
    CHECK(gradient(zero) != doctest::Approx(gradient(one)));  // the samples differ
}

TEST_CASE("train: 1 and 2 threads give the same losses, gradients and trained values") {
    // 6000 elements: above the size at which kernel calls and their adjoints are split over threads
    const std::string text = R"(
param dt = 1 ms
param tau = 8 ms { trainable: log }
param gain = 0.8 { trainable: softplus }
group G(6000) {
  equations {
    dv/dt = (gain * sin(0.01 * i) + 0.1 * randn() - v) / tau : 1
    derr/dt = (tanh(v) - 0.3)**2 / (10 ms) : 1
  }
  method: euler
}
loss L = mean(G.err)
train L(epochs = 3, lr = 0.01) {
  run 8 ms
}
)";
    RunOptions one, two;
    two.threads = 2;
    RunResult a = train_ok(text, one), b = train_ok(text, two);
    CHECK(a.values("L_loss.npy") == b.values("L_loss.npy"));
    CHECK(a.metrics["L"]["gradient_first"] == b.metrics["L"]["gradient_first"]);
    CHECK(a.metrics["L"]["trained"] == b.metrics["L"]["trained"]);
}

TEST_CASE("train: exact steps of coupled linear equations with per-element coefficients differentiate") {
    // two compartments coupled by a per-element conductance: the exact step is a matrix exponential
    // computed per element by scaling and squaring, with a data-dependent number of squarings
    auto model = [](double tau_ms) {
        std::ostringstream text;
        text << std::setprecision(17) << R"(
param dt = 1 ms
param tau = )" << tau_ms << R"( ms { trainable: log }
group C(5) {
  equations {
    da/dt = (1 - a) / tau + g * (b - a) / (2 ms) : 1
    db/dt = -b / (3 ms) + g * (a - b) / (2 ms) : 1
    g : 1 (trainable)
    err : 1
  }
  method: exact
  event step: true
  on_event step: err = err + (b - 0.4)**2
  init: g = 0.8 * (1 + 0.5 * i)
}
loss L = mean(C.err)
train L(epochs = 1) {
  run 12 ms
}
)";
        return text.str();
    };
    RunResult base = train_ok(model(4.0));
    double by_tau = text_difference(model, 4.0, 1e-3);
    double gradient = base.metrics["L"]["gradient_first"]["tau"].get<double>();
    INFO("tau: compiled ", gradient, ", finite difference ", by_tau);
    CHECK(gradient == doctest::Approx(by_tau).epsilon(1e-6));
    const std::vector<double>& by_g = base.values("L_C.g_gradient_first.npy");
    REQUIRE(by_g.size() == 5);
    for (size_t k : {size_t{0}, size_t{4}}) {
        double difference = array_difference(model(4.0), "C.g", k);
        INFO("g[", k, "]: compiled ", by_g[k], ", finite difference ", difference);
        CHECK(std::abs(by_g[k]) > 1e-4);
        CHECK(by_g[k] == doctest::Approx(difference).epsilon(1e-6));
    }
}

TEST_CASE("train: detach(x) is x going forward and stops the gradient going back") {
    auto model = [](const char* expression) {
        return std::string(R"(
param dt = 1 ms
param a = 0.5 { trainable: linear }
group G(2) {
  equations {
    dv/dt = (a - v) / (5 ms) : 1
    w : 1
  }
  method: euler
  event step: true
  on_event step: w = )") + expression + R"(
}
loss L = mean(G.w)
train L(epochs = 1) {
  run 4 ms
}
)";
    };
    RunResult plain = train_ok(model("2 * v + a")), detached = train_ok(model("2 * detach(v) + a"));
    CHECK(first_loss(detached) == first_loss(plain));
    CHECK(detached.metrics["L"]["gradient_first"]["a"].get<double>() == doctest::Approx(1.0));
    CHECK(plain.metrics["L"]["gradient_first"]["a"].get<double>() > 1.1);
}

TEST_CASE("train: spikes delivered through a delayed on_pre pathway carry gradients of what they deliver") {
    // hard spikes: no gradient through spike times, but the delivered amounts (w0 * w added by
    // one pathway, 0.4 w0 subtracted by another) and the decay between deliveries are
    // differentiable
    auto model = [](double w0) {
        std::ostringstream text;
        text << std::setprecision(17) << R"(
param dt = 0.5 ms
param w0 = )" << w0 << R"( { trainable: linear }
param tau_s = 5 ms { trainable: log }
group Src(4) {
  equations { dv/dt = (1.2 + 0.1 * i - v) / (4 ms) : 1 }
  threshold: v > 1
  reset: v = 0
  method: exact
}
group T(3) {
  equations {
    dv/dt = -v / tau_s : 1
    err : 1
  }
  event step: true
  on_event step: err = err + (v - 0.5)**2
  method: euler
}
synapses S(Src -> T) {
  equations { w : 1 (trainable) }
  on_pre: v_post += w0 * w
  connect: all
  delay: 1 ms
  init: w = 0.5 + 0.1 * i - 0.05 * j
}
synapses Inh(Src -> T) {
  on_pre: v_post -= 0.4 * w0
  connect: i == j
}
loss L = mean(T.err)
train L(epochs = 1) {
  run 20 ms
}
)";
        return text.str();
    };
    RunResult base = train_ok(model(0.3));
    CHECK(base.spike_count > 0);  // the sources did spike in the forward passes
    double difference = text_difference(model, 0.3);
    double gradient = base.metrics["L"]["gradient_first"]["w0"].get<double>();
    INFO("w0: compiled ", gradient, ", finite difference ", difference);
    CHECK(std::abs(gradient) > 1e-2);
    CHECK(gradient == doctest::Approx(difference).epsilon(1e-6));
    const std::vector<double>& by_w = base.values("L_S.w_gradient_first.npy");
    REQUIRE(by_w.size() == 12);
    for (size_t k : {size_t{0}, size_t{7}}) {
        double by_fd = array_difference(model(0.3), "S.w", k);
        INFO("w[", k, "]: compiled ", by_w[k], ", finite difference ", by_fd);
        CHECK(by_w[k] == doctest::Approx(by_fd).epsilon(1e-6));
    }
}

TEST_CASE("train: two train statements each differentiate their own loss (adjoints shared)") {
    // v(3 steps) = a (1 - 0.8^3) = 0.488 a for both cells, so dL1/da = 0.488 and
    // dL2/da = 2 (2 * 0.488)^2 a, at the value the first statement left behind
    RunResult r = train_ok(R"(
param dt = 1 ms
param a = 0.5 { trainable: linear }
group G(2) {
  equations {
    dv/dt = (a - v) / (5 ms) : 1
  }
  method: euler
}
loss L1 = mean(G.v)
loss L2 = sum(G.v) ** 2
train L1(epochs = 2) {
  run 3 ms
}
train L2(epochs = 2) {
  run 3 ms
}
)");
    double c = 1 - std::pow(0.8, 3);
    CHECK(r.metrics["L1"]["gradient_first"]["a"].get<double>() == doctest::Approx(c).epsilon(1e-12));
    double a = r.metrics["L1"]["trained"]["a"].get<double>();
    CHECK(a != doctest::Approx(0.5));  // the first statement moved a
    CHECK(r.metrics["L2"]["gradient_first"]["a"].get<double>() == doctest::Approx(2 * 4 * c * c * a).epsilon(1e-9));
}

TEST_CASE("train: a trainable variable keeps its own bounds and learning rate") {
    // dL/dv = -1 and dL/dw = +1 at every step: Adam moves each value by its lr per step
    RunResult r = train_ok(R"(
param dt = 1 ms
group G(3) {
  equations { v : 1 (trainable) }
  trainable v { bounds: -1 .. 0.5; lr: 0.1 }
  init: v = 0.25 * i
}
synapses S(G -> G) {
  equations { w : 1 (trainable) }
  connect: i == j
  init: w = 1
}
synapses T(G -> G) {
  equations { u : 1 (trainable) }
  trainable u { lr: 0.01 }
  connect: i == j
  init: u = 1
}
loss L = sum(S.w) - sum(G.v) + sum(T.u)
train L(epochs = 3, lr = 0.001) {
  run 1 ms
}
)");
    const std::vector<double>& v = r.values("L_G.v.npy");
    REQUIRE(v.size() == 3);
    CHECK(v[0] == doctest::Approx(0.3).epsilon(1e-6));  // 0 + 3 x 0.1
    CHECK(v[1] == 0.5);                                 // 0.25 + 0.3, clamped at the third step
    CHECK(v[2] == 0.5);                                 // 0.5 + 0.1, clamped at the first
    for (double w : r.values("L_S.w.npy")) CHECK(w == doctest::Approx(1 - 3 * 0.001).epsilon(1e-6));  // statement's lr
    for (double u : r.values("L_T.u.npy")) CHECK(u == doctest::Approx(1 - 3 * 0.01).epsilon(1e-6));
}

TEST_CASE("train: a loss weighted by the epoch parameter follows the epoch (a ramped term)") {
    // w(e) = min(1, e / 2): the losses of 4 epochs of 2 steps are w(e) * 3 * v with v fixed at 1
    // (lr 1e-30 moves it by less than its last bit), read when each step's loss is taken
    RunResult r = train_ok(R"(
param dt = 1 ms
param ep = 0
group G(3) {
  equations { v : 1 (trainable) }
  init: v = 1
}
loss L = min(1, ep / 2) * sum(G.v)
train L(epochs = 4, batches = 2, lr = 1e-30, epoch = ep) {
  run 1 ms
}
)");
    CHECK(r.values("L_loss.npy") == std::vector<double>{0, 0, 1.5, 1.5, 3, 3, 3, 3});
}
