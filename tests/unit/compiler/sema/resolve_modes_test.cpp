// Tests resolve_modes.cpp: selecting a mode, `extends` chains and their cycles, unknown modes,
// and the order in which modes and --set overrides apply.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::check_with;
using nj::sema::testing::src;

namespace {

// Parameters tau, n, w (lines 1-3) and modes fast (line 4), faster extends fast (line 5),
// wide (line 6) and both extends fast, wide (line 7); every parameter is printed.
const char* const with_modes = R"(
    param tau = 20 ms
    param n = 10
    param w = 1
    mode fast { tau = 10 ms; n = 5 }
    mode faster extends fast { n = 2 }
    mode wide { n = 50; w = 3 }
    mode both extends fast, wide { w = 4 }
    print tau, n, w
)";

double value_of(const Checked& c, const std::string& name) {
    REQUIRE(c.param(name));
    return c.param(name)->value.number;
}

}  // namespace

TEST_CASE("resolve_modes: without a mode every parameter has its default") {
    Checked c = check(src(with_modes));
    CHECK(c.codes() == "");
    CHECK(value_of(c, "n") == 10);
    CHECK(c.model->mode == "");
    CHECK(c.model->modes == std::vector<std::string>{"fast", "faster", "wide", "both"});
}

TEST_CASE("resolve_modes: a mode assigns new defaults and records where they came from") {
    Checked c = check_with(src(with_modes), "fast");
    CHECK(c.codes() == "");
    CHECK(value_of(c, "tau") == doctest::Approx(0.01));
    CHECK(value_of(c, "n") == 5);
    CHECK(c.param("n")->origin == "mode fast");
    CHECK(c.param("w")->origin == "default");
    CHECK(c.model->mode == "fast");
}

TEST_CASE("resolve_modes: a mode applies the modes it extends first, then its own values") {
    Checked c = check_with(src(with_modes), "faster");
    CHECK(c.codes() == "");
    CHECK(value_of(c, "tau") == doctest::Approx(0.01));
    CHECK(c.param("tau")->origin == "mode fast");
    CHECK(value_of(c, "n") == 2);
    CHECK(c.param("n")->origin == "mode faster");
}

TEST_CASE("resolve_modes: several bases apply left to right") {
    Checked c = check_with(src(with_modes), "both");
    CHECK(c.codes() == "");
    CHECK(value_of(c, "n") == 50);  // wide comes after fast
    CHECK(c.param("n")->origin == "mode wide");
    CHECK(value_of(c, "tau") == doctest::Approx(0.01));
    CHECK(value_of(c, "w") == 4);
}

TEST_CASE("resolve_modes: --set wins over the selected mode") {
    Checked c = check_with(src(with_modes), "faster", {{"n", "7"}});
    CHECK(c.codes() == "");
    CHECK(value_of(c, "n") == 7);
    CHECK(c.param("n")->origin == "--set");
    CHECK(c.param("tau")->origin == "mode fast");
}

TEST_CASE("resolve_modes: --set of a string parameter takes unquoted text as the string") {
    const char* const files = R"(
    param data_file = "data.csv"
    param other_file = "other.csv"
    print data_file, other_file
)";
    auto text_of = [](const Checked& c, const std::string& name) {
        REQUIRE(c.param(name));
        return c.param(name)->value.text;
    };
    // a path, which is no expression, and a file name, which would read as `data.csv` of `data`
    Checked path = check_with(src(files), "", {{"data_file", "/tmp/run 1/x.csv"}, {"other_file", "y.csv"}});
    CHECK(path.codes() == "");
    CHECK(text_of(path, "data_file") == "/tmp/run 1/x.csv");
    CHECK(text_of(path, "other_file") == "y.csv");
    // quoted text as before, and the name of another parameter copies its value
    Checked quoted = check_with(src(files), "", {{"data_file", "\"q.csv\""}, {"other_file", "data_file"}});
    CHECK(quoted.codes() == "");
    CHECK(text_of(quoted, "data_file") == "q.csv");
    CHECK(text_of(quoted, "other_file") == "q.csv");
}

TEST_CASE("resolve_modes: an unknown mode suggests the closest one") {
    auto d = check_with(src(with_modes), "fsat").only();
    CHECK(d.code == nj::support::DiagCode::ModeUnknown);
    CHECK(d.where == "");
    CHECK(d.message == "unknown mode 'fsat'");
    CHECK(d.help() == "did you mean 'fast'?");
}

TEST_CASE("resolve_modes: an unknown mode with no close match lists the modes") {
    auto d = check_with(src(with_modes), "turbo").only();
    CHECK(d.help() == "this model's modes are: both, fast, faster, wide");
    CHECK(check_with("print 1\n", "fast").only().helps.empty());
}

TEST_CASE("resolve_modes: an unknown base mode is reported at the extends") {
    Checked c = check(src(R"(
        param n = 1
        mode fast { n = 2 }
        mode broken extends fsat { n = 3 }
        print n
    )"));
    auto d = c.only();
    CHECK(d.code_at() == "mode.unknown 3:21");
    CHECK(d.help() == "did you mean 'fast'?");
}

TEST_CASE("resolve_modes: modes that extend each other are a cycle, reported for each") {
    Checked c = check(src(R"(
        param tau = 20 ms
        mode a extends b { tau = 10 ms }
        mode b extends a { tau = 30 ms }
        print tau
    )"));
    CHECK(c.codes() == "mode.cycle 3:16, mode.cycle 2:16");
    CHECK(c.diags[0].message == "mode 'a' extends itself through 'b'");
    CHECK(c.diags[1].message == "mode 'b' extends itself through 'a'");
}

TEST_CASE("resolve_modes: a mode that extends itself is a cycle") {
    auto d = check("param n = 1\nmode c extends c { n = 2 }\nprint n\n").only();
    CHECK(d.code_at() == "mode.cycle 2:16");
    CHECK(d.message == "mode 'c' extends itself through 'c'");
}

TEST_CASE("resolve_modes: selecting a mode in a cycle reports the cycle once") {
    Checked c = check_with(src(R"(
        param tau = 20 ms
        mode a extends b { tau = 10 ms }
        mode b extends a { tau = 30 ms }
        print tau
    )"), "a");
    CHECK(c.codes() == "mode.cycle 2:16, mode.cycle 3:16");
}

TEST_CASE("resolve_modes: a mode defined twice is names.duplicate") {
    auto d = check("param n = 1\nmode m { n = 2 }\nmode m { n = 3 }\nprint n\n").only();
    CHECK(d.code_at() == "names.duplicate 3:6");
    CHECK(d.message == "mode 'm' is defined twice");
    CHECK(d.labels[0] == "2:6 first defined here");
}

TEST_CASE("resolve_modes: a mode may only assign parameters with '='") {
    auto d = check("param tau = 1 ms\nmode m { tau += 1 ms }\nprint tau\n").only();
    CHECK(d.code_at() == "protocol.invalid 2:10");
    CHECK(d.message == "a mode may only assign parameters, as in 'n_exc = 800'");
}

TEST_CASE("resolve_modes: a mode that sets an unknown name is names.unknown, selected or not") {
    std::string text = "param tau = 1 ms\nmode m { tua = 2 ms }\nprint tau\n";
    auto d = check(text).only();
    CHECK(d.code_at() == "names.unknown 2:10");
    CHECK(d.message == "mode m sets 'tua', which is not a parameter of this model");
    CHECK(d.help() == "did you mean 'tau'?");
    CHECK(check_with(text, "m").only().code_at() == "names.unknown 2:10");
}

TEST_CASE("resolve_modes: a mode value in the wrong unit is reported even when not selected") {
    std::string text = "param tau = 1 ms\nmode slow { tau = 3 mV }\nprint tau\n";
    auto d = check(text).only();
    CHECK(d.code_at() == "units.mismatch 2:13");
    CHECK(d.message == "mode slow gives 'tau' a value in volt, but the parameter is in second");
    CHECK(d.labels[0] == "1:7 declared here as second");
    CHECK(check_with(text, "slow").only().code_at() == "units.mismatch 2:13");
}
