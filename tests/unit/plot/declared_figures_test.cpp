// Tests declared_figures: line and heat-map figures that analyses declare in summary.json, read
// from the arrays they name; declarations that do not fit their arrays become notes.
#include "plot/declared_figures.h"

#include "runtime/io/npy_writer.h"
#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

using nj::plot::declared_figures;
using nj::plot::RunContents;
using nj::rt::test::TempFolder;

TEST_CASE("declared_figures: a line over a named x, a heat map of a 2-D array, notes for bad ones") {
    TempFolder dir;
    std::string error;
    std::vector<double> x = {0, 1, 2}, u = {1, 4, 9}, map = {1, 2, 3, 4, 5, 6};
    nj::rt::write_npy(dir.path() / "mf_disp.npy", std::span<const double>(x), {3}, &error);
    nj::rt::write_npy(dir.path() / "mf_pot.npy", std::span<const double>(u), {3}, &error);
    nj::rt::write_npy(dir.path() / "tun_map.npy", std::span<const double>(map), {2, 3}, &error);
    RunContents c;
    c.dir = dir.path();
    c.metrics["mf"] = nlohmann::json::array(
        {{{"figures", {{{"name", "well"}, {"kind", "line"}, {"x", "mf_disp"}, {"y", "mf_pot"}, {"y_label", "U"}}}}}});
    c.metrics["tun"] = {{"figures",
                         {{{"name", "tun_map"}, {"kind", "heat_map"}, {"y", "tun_map"}},
                          {{"name", "flat"}, {"kind", "heat_map"}, {"y", "mf_pot"}},
                          {{"name", "gone"}, {"y", "missing"}}}}};
    std::vector<std::string> notes;
    auto figures = declared_figures(c, notes);
    REQUIRE(figures.size() == 2);
    CHECK(figures[0].name == "figure_well");
    CHECK(figures[0].series[0].x == x);
    CHECK(figures[0].series[0].y == u);
    CHECK(figures[0].y.label == "U");
    CHECK(figures[1].name == "figure_tun_map");
    REQUIRE(figures[1].heat_map);
    CHECK(figures[1].heat_map->rows == 2);
    CHECK(figures[1].heat_map->cols == 3);
    REQUIRE(notes.size() == 2);
    CHECK(notes[0].find("not a 2-D array") != std::string::npos);
    CHECK(notes[1].find("'gone'") != std::string::npos);
}
