// Tests load_model.cpp: imports relative to the importing file and in library folders, each
// file loaded once, import cycles, missing files, and where mistakes in imports are reported.
#include "check_helpers.h"

#include <doctest/doctest.h>

using nj::sema::CheckOptions;
using nj::sema::testing::check;
using nj::sema::testing::Checked;
using nj::sema::testing::check_file;
using nj::sema::testing::TempDir;

namespace {

const char* const lif_library =
    "param tau = 10 ms\n"
    "neuron LIF {\n"
    "  equations {\n"
    "    dv/dt = -v / tau : volt\n"
    "  }\n"
    "  threshold: v > 1 mV\n"
    "}\n";

bool ends_with(const std::string& text, const std::string& suffix) {
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(),
                                                        suffix) == 0;
}

}  // namespace

TEST_CASE("load_model: an import is found relative to the importing file") {
    TempDir dir("relative");
    dir.write("lib/lif.nj", lif_library);
    Checked c = check("import \"lib/lif.nj\"\ngroup E = LIF(10)\n", {}, dir.path() + "/main.nj");
    CHECK(c.codes() == "");
    REQUIRE(c.model->files.size() == 2);
    CHECK(c.group("E"));
    CHECK(c.group("E")->type_name == "LIF");
}

TEST_CASE("load_model: an import inside an imported file is relative to that file") {
    TempDir dir("nested");
    dir.write("lib/lif.nj", lif_library);
    dir.write("lib/net.nj", "import \"lif.nj\"\ngroup E = LIF(10)\n");
    Checked c = check("import \"lib/net.nj\"\nrun 1 s\n", {}, dir.path() + "/main.nj");
    CHECK(c.codes() == "");
    CHECK(c.model->files.size() == 3);
}

TEST_CASE("load_model: an import not next to the file is looked up in the library folders") {
    TempDir dir("library");
    dir.write("library/lif.nj", lif_library);
    CheckOptions options;
    options.library_dirs = {dir.path() + "/library"};
    Checked c = check("import \"lif.nj\"\ngroup E = LIF(10)\n", options, dir.path() + "/main.nj");
    CHECK(c.codes() == "");
    Checked without = check("import \"lif.nj\"\ngroup E = LIF(10)\n", {}, dir.path() + "/main.nj");
    CHECK(without.codes() == "io.missing_file 1:8");
}

TEST_CASE("load_model: a missing import is io.missing_file at its path, and stops the check") {
    TempDir dir("missing");
    Checked c = check("import \"lib/nothere.nj\"\nparam y = 1 mV + 1 ms\n", {},
                      dir.path() + "/main.nj");
    auto d = c.only();
    CHECK(d.code_at() == "io.missing_file 1:8");
    CHECK(d.message == "cannot find the imported file 'lib/nothere.nj'");
    REQUIRE(d.notes.size() == 1);
    CHECK(d.notes[0].find("and in the model library") != std::string::npos);
}

TEST_CASE("load_model: a folder is not an importable file") {
    TempDir dir("folder");
    dir.write("lib/lif.nj", lif_library);
    CHECK(check("import \"lib\"\n", {}, dir.path() + "/main.nj").only().code_at() ==
          "io.missing_file 1:8");
}

TEST_CASE("load_model: files that import each other are an import cycle") {
    TempDir dir("cycle");
    dir.write("lib/a.nj", "import \"b.nj\"\nparam pa = 1\n");
    dir.write("lib/b.nj", "import \"a.nj\"\nparam pb = 2\n");
    Checked c = check("import \"lib/a.nj\"\nprint pa\n", {}, dir.path() + "/main.nj");
    auto d = c.only();
    CHECK(d.code_at() == "io.import_cycle 1:8");
    CHECK(ends_with(d.file, "lib/b.nj"));
    CHECK(d.message == "'" + dir.path() + "/lib/a.nj' imports itself through this import");
    CHECK(d.help() == "remove one of the imports that form the cycle");
}

TEST_CASE("load_model: a file that imports itself is an import cycle") {
    TempDir dir("self");
    std::string path = dir.write("main.nj", "import \"main.nj\"\nprint 1\n");
    auto d = check_file(path).only();
    CHECK(d.code_at() == "io.import_cycle 1:8");
    CHECK(d.file == path);
}

TEST_CASE("load_model: a file imported twice is loaded once") {
    TempDir dir("diamond");
    dir.write("lib/lif.nj", lif_library);
    dir.write("lib/d1.nj", "import \"lif.nj\"\nparam d1 = 1\n");
    dir.write("lib/d2.nj", "import \"lif.nj\"\nparam d2 = 2\n");
    Checked c = check("import \"lib/d1.nj\"\nimport \"lib/d2.nj\"\ngroup E = LIF(d1 + d2)\n", {},
                      dir.path() + "/main.nj");
    CHECK(c.codes() == "");
    CHECK(c.model->files.size() == 4);
    CHECK(*c.group("E")->size == 3);
}

TEST_CASE("load_model: a mistake in an imported file is reported in that file") {
    TempDir dir("bad");
    dir.write("lib/bad.nj", "param bad = 1 mV + 1 ms\n");
    auto d = check("import \"lib/bad.nj\"\nprint bad\n", {}, dir.path() + "/main.nj").only();
    CHECK(d.code_at() == "units.mismatch 1:18");
    CHECK(ends_with(d.file, "lib/bad.nj"));
}

TEST_CASE("load_model: an imported file may not hold protocol statements") {
    TempDir dir("protocol");
    dir.write("lib/runs.nj", "param p = 1\nrun 1 s\n");
    auto d = check("import \"lib/runs.nj\"\nprint p\n", {}, dir.path() + "/main.nj").only();
    CHECK(d.code_at() == "protocol.invalid 2:1");
    CHECK(ends_with(d.file, "lib/runs.nj"));
    CHECK(d.message.find("an imported file may only declare things") == 0);
}

TEST_CASE("load_model: a syntax error in an import stops the check after parsing") {
    TempDir dir("syntax");
    dir.write("lib/broken.nj", "param x = (1 + 2\n");
    Checked c = check("import \"lib/broken.nj\"\nparam y = 1 mV + 1 ms\n", {},
                      dir.path() + "/main.nj");
    CHECK(c.codes() == "syntax.expected 1:17");
}

TEST_CASE("load_model: a root file that cannot be read is io.missing_file without a location") {
    TempDir dir("unreadable");
    auto d = check_file(dir.path() + "/nothere.nj").only();
    CHECK(d.code == nj::support::DiagCode::IoMissingFile);
    CHECK(d.where == "");
    CHECK(d.message.find("cannot read '" + dir.path() + "/nothere.nj'") == 0);
}
