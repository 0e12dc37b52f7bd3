// Tests for writing synthetic connectomes as nodes.csv and edges.csv (connectome_csv_writer.h).
#include "runtime/inputs/connectome_csv_writer.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

using nj::rt::SyntheticConnectome;

namespace {

SyntheticConnectome small_connectome() {
    SyntheticConnectome c;
    nj::rt::SyntheticNode a;
    a.id = 1;
    a.side = "L";
    a.cell_type = "x";
    a.population = "A";
    a.name = "A, first";
    a.pair_id = "1";
    nj::rt::SyntheticNode b = a;
    b.id = 2;
    b.name = "A 2";
    b.receptor = "Or1+Or2";
    c.nodes = {a, b};
    c.edges = {{1, 2, 3, 0}, {2, 1, 1, 0}};
    return c;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("nodes_csv_text: the node_list columns, with commas quoted") {
    CHECK(nj::rt::nodes_csv_text(small_connectome()) ==
          "id,side,cell_type,population,name,pair_id,receptor\n"
          "1,L,x,A,\"A, first\",1,\n"
          "2,L,x,A,A 2,1,Or1+Or2\n");
    CHECK(nj::rt::edges_csv_text(small_connectome()) ==
          "pre_id,post_id,synapse_count\n1,2,3\n2,1,1\n");
}

TEST_CASE("write_connectome_files: both files appear whole, or neither") {
    nj::rt::test::TempFolder folder;
    std::string error;
    REQUIRE(nj::rt::write_connectome_files(small_connectome(), folder / "out/deeper", &error));
    CHECK(read_text(folder / "out/deeper/edges.csv") ==
          "pre_id,post_id,synapse_count\n1,2,3\n2,1,1\n");
    CHECK(std::filesystem::directory_iterator(folder / "out/deeper") !=
          std::filesystem::directory_iterator());
    size_t files = 0;
    for ([[maybe_unused]] const auto& entry :
         std::filesystem::directory_iterator(folder / "out/deeper"))
        ++files;
    CHECK(files == 2);  // no temporaries left behind

    // A file where the folder should be: a clear message and nothing written.
    std::ofstream(folder / "blocked") << "x";
    CHECK_FALSE(nj::rt::write_connectome_files(small_connectome(), folder / "blocked", &error));
    CHECK(error.find("cannot create the folder '") == 0);
}
