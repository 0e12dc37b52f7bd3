// What the training tests share: a model run that must train to the end, and its first loss.
#pragma once

#include "tests/unit/runtime/run_helpers.h"

#include <string>

namespace nj::rt::testing {

/// Runs `text`, requiring that it builds and that its protocol (a `train` statement named L
/// included) completes without error.
inline RunResult train_ok(const std::string& text, const RunOptions& options = {}) {
    RunResult r = run_model_text(text, options);
    INFO(r.diagnostics, r.outcome.error);
    REQUIRE(r.built);
    REQUIRE(r.outcome.error.empty());
    REQUIRE(r.outcome.complete);
    return r;
}

/// The loss of the first optimiser step of `train L`.
inline double first_loss(const RunResult& r) { return r.metrics["L"]["loss_first"].get<double>(); }

}  // namespace nj::rt::testing
