// Tests metric_curves: list metrics of summary.json become one line per changing numeric field.
#include "plot/metric_curves.h"

#include <doctest/doctest.h>

#include <algorithm>

using nj::plot::Figure;
using nj::plot::metric_curves;
using nj::plot::RunContents;

namespace {

bool has(const std::vector<Figure>& figures, const std::string& name) {
    return std::any_of(figures.begin(), figures.end(), [&](const Figure& f) { return f.name == name; });
}

}  // namespace

TEST_CASE("metric_curves: one figure per changing field of a per-pass list, none for constants") {
    RunContents c;
    c.model = "m";
    c.metrics["tracking"] = nlohmann::json::array();
    for (int k = 0; k < 3; ++k) {
        c.metrics["tracking"].push_back(
            {{"mse", 1.0 / (k + 1)}, {"samples", 800}, {"label", "x"}, {"loop", {{"iloop", k}, {"s", 0}}}});
    }
    c.metrics["rate"] = {{"value", 5.0}, {"unit", "hertz"}};            // not a list
    c.metrics["single"] = nlohmann::json::array({{{"mse", 1.0}}});      // one pass: no curve
    auto figures = metric_curves(c);
    REQUIRE(figures.size() == 1);
    const Figure& f = figures[0];
    CHECK(f.name == "curve_tracking_mse");
    REQUIRE(!f.series.empty());
    CHECK(f.series[0].x == std::vector<double>{0, 1, 2});
    CHECK(f.series[0].y[2] == doctest::Approx(1.0 / 3));
    CHECK(f.note.find("iloop = 0 … 2") != std::string::npos);
    CHECK(f.note.find("s = 0") != std::string::npos);
    CHECK_FALSE(has(figures, "curve_tracking_samples"));
}

TEST_CASE("metric_curves: a value list is labelled with its metric name and unit") {
    RunContents c;
    c.metrics["rate_ts"] = nlohmann::json::array();
    for (int k = 0; k < 4; ++k) c.metrics["rate_ts"].push_back({{"value", 2.0 * k}, {"unit", "hertz"}, {"loop", {{"trial", k}}}});
    auto figures = metric_curves(c);
    REQUIRE(figures.size() == 1);
    CHECK(figures[0].name == "curve_rate_ts_value");
    CHECK(figures[0].y.label == "rate_ts (hertz)");
}
