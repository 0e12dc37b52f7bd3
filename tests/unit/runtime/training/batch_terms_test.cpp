// Batch-level loss terms: batch_mean(G.v) is the mean over the mini-batch's forward passes before
// the loss formula applies to it, its gradients agree with central finite differences of the
// mini-batch loss (noise included: both runs of a pass draw the same numbers), and with one
// pass per mini-batch it is mean(G.v).
#include "tests/unit/runtime/training/train_helpers.h"

#include <iomanip>
#include <sstream>
#include <string>

using nj::rt::testing::first_loss;
using nj::rt::testing::run_model_text;
using nj::rt::testing::train_ok;
using nj::rt::testing::RunOptions;
using nj::rt::testing::RunResult;

namespace {

/// Three neurons driven by a sample-dependent input with noise; the loss is `loss` over G.err
/// (a squared error) and G.x (the driven variable); `a` is trainable and starts at `a0`. The
/// noise scales with `a`, so the gradient depends on which numbers a pass draws.
std::string model(const std::string& loss, const std::string& settings, double a0 = 0.7) {
    std::ostringstream s;
    s << std::setprecision(17) << R"(
param dt = 1 ms
param a = )" << a0 << R"( { trainable: linear }
param s = 0                                  # the sample: its input
group G(3) {
  equations {
    dx/dt = (a * (1 + s) * (i + 1) - x) / (5 ms) + 0.2 * a * xi / sqrt(5 ms) : 1
    derr/dt = (x - 1)**2 / (10 ms) : 1
  }
  method: euler
}
loss L = )" << loss << R"(
train L()" << settings << R"() {
  run 10 ms
}
)";
    return s.str();
}

double gradient(const RunResult& r) { return r.metrics["L"]["gradient_first"]["a"].get<double>(); }

const std::string batch_loss = "mean(G.err) + 3 * (batch_mean(G.x) - 0.5)**2";
const std::string batch_of_3 = "epochs = 1, batch = 3, sample = s";

}  // namespace

TEST_CASE("train: batch_mean(G.v) enters the loss as the mean over the mini-batch") {
    RunResult batch = train_ok(model(batch_loss, batch_of_3));
    // The passes of a mini-batch draw fresh noise one after the other, so each sample's run on its
    // own (first of a mini-batch) would draw other numbers; a mini-batch of mean(G.x) alone gives
    // the mean, and one of mean(G.err) alone the first term, with the same draws.
    double mean_x = first_loss(train_ok(model("mean(G.x)", batch_of_3)));
    double mean_err = first_loss(train_ok(model("mean(G.err)", batch_of_3)));
    CHECK(first_loss(batch) == doctest::Approx(mean_err + 3 * (mean_x - 0.5) * (mean_x - 0.5)).epsilon(1e-12));
    // the square of the mean is not the mean of the squares: the samples' x differ
    double per_pass = first_loss(train_ok(model("mean(G.err) + 3 * (mean(G.x) - 0.5)**2", batch_of_3)));
    CHECK(per_pass > first_loss(batch) + 1e-6);
}

TEST_CASE("train: gradients through batch_mean agree with central finite differences") {
    const double a0 = 0.7, h = 1e-6;
    RunResult r = train_ok(model(batch_loss, batch_of_3, a0));
    double difference = (first_loss(train_ok(model(batch_loss, batch_of_3, a0 + h))) -
                         first_loss(train_ok(model(batch_loss, batch_of_3, a0 - h)))) / (2 * h);
    INFO("compiled ", gradient(r), ", finite difference ", difference);
    CHECK(std::abs(gradient(r) - difference) <= 1e-5 * std::abs(difference));
    // the batch term carries gradient of its own: without it the gradient differs
    CHECK(gradient(train_ok(model("mean(G.err)", batch_of_3, a0))) != doctest::Approx(gradient(r)));
}

TEST_CASE("train: with one pass per mini-batch, batch_mean is mean") {
    RunResult batch = train_ok(model(batch_loss, "epochs = 2"));
    RunResult plain = train_ok(model("mean(G.err) + 3 * (mean(G.x) - 0.5)**2", "epochs = 2"));
    CHECK(first_loss(batch) == doctest::Approx(first_loss(plain)).epsilon(1e-14));
    CHECK(gradient(batch) == doctest::Approx(gradient(plain)).epsilon(1e-14));
    CHECK(batch.metrics["L"]["loss_last"].get<double>() ==
          doctest::Approx(plain.metrics["L"]["loss_last"].get<double>()).epsilon(1e-14));
}

TEST_CASE("train: batch_mean takes one variable") {
    RunResult r = run_model_text(model("batch_mean(G.x, G.err)", "epochs = 1"));
    CHECK_FALSE(r.built);
    CHECK(r.diagnostics.find("'batch_mean' takes one variable") != std::string::npos);
}
