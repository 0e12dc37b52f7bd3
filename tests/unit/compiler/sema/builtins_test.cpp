// Tests builtins.cpp: the registry of built-in functions, constructors, analyses and
// declaration kinds read from builtins.def, and folding of constant calls.
#include "compiler/sema/builtins.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

using nj::sema::constructor_names;
using nj::sema::DimRule;
using nj::sema::find_analysis;
using nj::sema::find_constructor;
using nj::sema::find_function;
using nj::sema::find_instance_kind;
using nj::sema::fold_function;
using nj::sema::fold_list_function;
using nj::sema::function_names;
using nj::sema::Value;

namespace {

std::optional<double> fold(const char* name, std::vector<double> args) {
    return fold_function(name, args);
}

Value numbers(std::vector<double> xs) {
    std::vector<Value> items;
    for (double x : xs) items.push_back(Value::quantity(x, {}));
    return Value::list(items);
}

Value number(double x) { return Value::quantity(x, {}); }

}  // namespace

TEST_CASE("builtins: each function has its unit rule and argument counts") {
    struct Expected {
        const char* name;
        DimRule rule;
        int lo, hi;
    };
    for (const Expected& e : {Expected{"exp", DimRule::Dimensionless, 1, 1},
                              Expected{"sqrt", DimRule::Sqrt, 1, 1},
                              Expected{"abs", DimRule::First, 1, 1},
                              Expected{"clip", DimRule::Same, 3, 3},
                              Expected{"min", DimRule::Same, 2, 8},
                              Expected{"where", DimRule::Where, 3, 3},
                              Expected{"rand", DimRule::Random, 0, 0},
                              Expected{"sign", DimRule::Unitless, 1, 1},
                              Expected{"len", DimRule::Length, 1, 1},
                              Expected{"sum", DimRule::Sum, 1, 1},
                              Expected{"crossed", DimRule::Bool, 2, 2},
                              Expected{"surrogate_step", DimRule::Dimensionless, 2, 2}}) {
        INFO(e.name);
        const auto* fn = find_function(e.name);
        REQUIRE(fn);
        CHECK(fn->name == e.name);
        CHECK(fn->rule == e.rule);
        CHECK(fn->min_args == e.lo);
        CHECK(fn->max_args == e.hi);
        CHECK_FALSE(fn->description.empty());
    }
    CHECK(find_function("expp") == nullptr);
}

TEST_CASE("builtins: the language reference's functions are all registered") {
    for (const char* name :
         {"exp", "log", "log10", "expm1", "log1p", "exprel", "sqrt", "sin", "cos", "tan", "sinh",
          "cosh", "tanh", "arcsin", "arccos", "arctan", "arctan2", "abs", "sign", "floor", "ceil",
          "round", "int", "clip", "min", "max", "where", "relu", "sigmoid", "softplus",
          "heaviside", "rand", "randn", "uniform", "normal", "poisson", "binomial", "beta"}) {
        INFO(name);
        CHECK(find_function(name));
    }
    auto names = function_names();
    CHECK(std::is_sorted(names.begin(), names.end()));
    CHECK(std::find(names.begin(), names.end(), "clip") != names.end());
}

TEST_CASE("builtins: constructors belong to their declaration kind") {
    const auto* state = find_constructor("monitor", "state");
    REQUIRE(state);
    CHECK(state->positional == std::vector<std::string>{"source", "variables"});
    CHECK(state->variadic);
    CHECK(std::find(state->keywords.begin(), state->keywords.end(), "every") !=
          state->keywords.end());
    CHECK(find_constructor("table", "state") == nullptr);
    CHECK(constructor_names("monitor") ==
          std::vector<std::string>{"spikes", "state", "rate", "weights"});
    CHECK(constructor_names("loss").empty());
    const auto* timed = find_constructor("table", "timed");
    REQUIRE(timed);
    CHECK(timed->positional.empty());
}

TEST_CASE("builtins: analyses and declaration kinds are registered") {
    const auto* mean_rate = find_analysis("mean_rate");
    REQUIRE(mean_rate);
    CHECK(mean_rate->keywords == std::vector<std::string>{"start", "stop"});
    CHECK_FALSE(mean_rate->open_keywords);
    CHECK(find_analysis("mean_rat") == nullptr);
    for (const char* kind :
         {"group", "poisson", "synapses", "input", "table", "monitor", "learning", "loss"}) {
        INFO(kind);
        CHECK(find_instance_kind(kind));
    }
    CHECK(find_instance_kind("param") == nullptr);
}

TEST_CASE("builtins: unary functions fold on constant arguments") {
    CHECK(*fold("exp", {0}) == 1);
    CHECK(*fold("log", {std::exp(2.0)}) == doctest::Approx(2));
    CHECK(*fold("exprel", {0}) == 1);
    CHECK(*fold("exprel", {1}) == doctest::Approx(std::exp(1.0) - 1));
    CHECK(*fold("sqrt", {9}) == 3);
    CHECK(*fold("abs", {-2}) == 2);
    CHECK(*fold("sign", {-0.5}) == -1);
    CHECK(*fold("sign", {0}) == 0);
    CHECK(*fold("relu", {-3}) == 0);
    CHECK(*fold("heaviside", {0}) == 0);
    CHECK(*fold("int", {-2.7}) == -2);
    CHECK(*fold("round", {2.5}) == 3);
    CHECK(*fold("sigmoid", {0}) == 0.5);
}

TEST_CASE("builtins: functions of several arguments fold") {
    CHECK(*fold("clip", {5, 0, 1}) == 1);
    CHECK(*fold("clip", {-5, 0, 1}) == 0);
    CHECK(*fold("min", {3, 1, 2}) == 1);
    CHECK(*fold("max", {3, 1, 2}) == 3);
    CHECK(*fold("arctan2", {1, 1}) == doctest::Approx(M_PI / 4));
    CHECK(*fold("surrogate_step", {0, 5}) == 0);  // a step: 0 at 0, as heaviside
    CHECK(*fold("surrogate_step", {0.1, 5}) == 1);
    // mod takes the sign of the divisor, as Python's %
    CHECK(*fold("mod", {-7, 3}) == 2);
    CHECK(*fold("mod", {7, -3}) == -2);
    CHECK_FALSE(fold("mod", {7, 0}));
}

TEST_CASE("builtins: random and unknown functions, or wrong counts, do not fold") {
    CHECK_FALSE(fold("rand", {}));
    CHECK_FALSE(fold("uniform", {0, 1}));
    CHECK_FALSE(fold("nosuch", {1}));
    CHECK_FALSE(fold("exp", {1, 2}));
    CHECK_FALSE(fold("clip", {1, 2}));
}

TEST_CASE("builtins: get, segment and segment_start fold on constant lists") {
    Value list = numbers({10, 20, 30});
    CHECK(*fold_list_function("get", {list, number(1), number(-1)}) == 20);
    CHECK(*fold_list_function("get", {list, number(3), number(-1)}) == -1);
    Value sizes = numbers({2, 0, 3});
    CHECK(*fold_list_function("segment", {number(1), sizes}) == 0);
    CHECK(*fold_list_function("segment", {number(2), sizes}) == 2);  // the empty one is skipped
    CHECK(*fold_list_function("segment", {number(5), sizes}) == -1);
    CHECK(*fold_list_function("segment_start", {number(2), sizes}) == 2);
    CHECK(*fold_list_function("segment_start", {number(3), sizes}) == 5);
    CHECK_FALSE(fold_list_function("get", {list}));
    CHECK_FALSE(fold_list_function("exp", {number(1), number(2)}));
}
