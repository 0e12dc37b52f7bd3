// Tests plot_run_directory end to end on a small run: every figure as a valid PNG and SVG.
#include "plot/plot_run.h"

#include "plot/render_figure.h"
#include "tests/unit/plot/plot_test_helpers.h"

#include <doctest/doctest.h>

using nj::plot::PlotStatus;
using nj::rt::test::read_bytes;
using nj::rt::test::TempFolder;

TEST_CASE("plot_run_directory: writes a PNG and an SVG of every figure, and no temporaries") {
    TempFolder dir;
    nj::plot::test::write_small_run(dir.path());
    nj::plot::PlotReport report;
    std::string error;
    PlotStatus status = nj::plot::plot_run_directory(dir.path(), {}, report, &error);
    if (!nj::plot::plotting_available()) {
        CHECK(status == PlotStatus::Unavailable);
        CHECK(error.find("without plotting") != std::string::npos);
        return;
    }
    REQUIRE_MESSAGE(status == PlotStatus::Ok, error);
    auto names = nj::rt::test::entry_names(dir / "figures");
    for (std::string stem : {"raster_sp", "rate_pop", "state_tr_v", "heatmap_tr_v", "hist_w_final",
                             "metric_w_stats"}) {
        REQUIRE_MESSAGE(names.count(stem + ".png"), stem);
        REQUIRE_MESSAGE(names.count(stem + ".svg"), stem);
        CHECK(read_bytes(dir / "figures" / (stem + ".png")).starts_with("\x89PNG\r\n\x1a\n"));
        std::string svg = read_bytes(dir / "figures" / (stem + ".svg"));
        CHECK(svg.find("<svg") != std::string::npos);
        CHECK(svg.find("</svg>") != std::string::npos);
    }
    CHECK(names.size() == 12);  // nothing else, in particular no temporary files
    CHECK(report.written.size() == 12);
}

TEST_CASE("plot_run_directory: a missing run directory is bad input and creates nothing") {
    TempFolder dir;
    nj::plot::PlotReport report;
    std::string error;
    if (!nj::plot::plotting_available()) return;
    CHECK(nj::plot::plot_run_directory(dir / "missing", {}, report, &error) ==
          PlotStatus::BadInput);
    CHECK(error.find("missing") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "missing"));
}
