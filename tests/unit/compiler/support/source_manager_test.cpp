// Tests SourceManager: buffers, file loading failures and offset-to-line/column mapping.
#include "compiler/support/source_manager.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using nj::support::FileId;
using nj::support::LineCol;
using nj::support::SourceManager;
using nj::support::SourceRange;

namespace {

void check_position(const SourceManager& sm, FileId file, uint32_t offset, uint32_t line,
                    uint32_t col) {
    LineCol lc = sm.line_col(file, offset);
    CHECK(lc.line == line);
    CHECK(lc.col == col);
}

}  // namespace

TEST_CASE("SourceManager: ids start at 1 and keep path and text") {
    SourceManager sm;
    FileId a = sm.add_buffer("a.nj", "alpha");
    FileId b = sm.add_buffer("b.nj", "beta");
    CHECK(a == 1);
    CHECK(b == 2);
    CHECK(sm.file_count() == 2);
    CHECK(sm.path(b) == "b.nj");
    CHECK(sm.text(a) == "alpha");
}

TEST_CASE("SourceManager: views stay valid after more files are added") {
    SourceManager sm;
    FileId first = sm.add_buffer("short.nj", "x");
    std::string_view view = sm.text(first);
    for (int i = 0; i < 100; ++i) {
        sm.add_buffer("more.nj", "y");
    }
    CHECK(view == "x");
    CHECK(view.data() == sm.text(first).data());
}

TEST_CASE("SourceManager: line_col maps offsets to 1-based lines and byte columns") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "ab\ncd\n\nlast");
    check_position(sm, f, 0, 1, 1);
    check_position(sm, f, 1, 1, 2);
    check_position(sm, f, 2, 1, 3);  // the newline itself belongs to its line
    check_position(sm, f, 3, 2, 1);
    check_position(sm, f, 6, 3, 1);  // empty line
    check_position(sm, f, 7, 4, 1);
    check_position(sm, f, 11, 4, 5);  // end of a last line without newline
    CHECK(sm.line_count(f) == 4);
    CHECK(sm.line_text(f, 3) == "");
    CHECK(sm.line_text(f, 4) == "last");
    CHECK(sm.line_start(f, 4) == 7);
}

TEST_CASE("SourceManager: a trailing newline starts an empty last line") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "one\n");
    CHECK(sm.line_count(f) == 2);
    check_position(sm, f, 4, 2, 1);
    CHECK(sm.line_text(f, 1) == "one");
    CHECK(sm.line_text(f, 2) == "");
}

TEST_CASE("SourceManager: an empty file has one empty line") {
    SourceManager sm;
    FileId f = sm.add_buffer("empty.nj", "");
    CHECK(sm.line_count(f) == 1);
    check_position(sm, f, 0, 1, 1);
    CHECK(sm.line_text(f, 1) == "");
}

TEST_CASE("SourceManager: line_text drops CRLF terminators") {
    SourceManager sm;
    FileId f = sm.add_buffer("dos.nj", "a = 1\r\nb = 2\r\n");
    CHECK(sm.line_text(f, 1) == "a = 1");
    CHECK(sm.line_text(f, 2) == "b = 2");
    check_position(sm, f, 7, 2, 1);
}

TEST_CASE("SourceManager: slice returns the text of a range") {
    SourceManager sm;
    FileId f = sm.add_buffer("m.nj", "tau_m = 10*ms");
    CHECK(sm.slice(SourceRange{f, 0, 5}) == "tau_m");
    CHECK(sm.slice(SourceRange{f, 5, 5}) == "");
}

TEST_CASE("SourceManager: SourceRange is valid only with a file and ordered ends") {
    CHECK_FALSE(SourceRange{}.valid());
    CHECK(SourceRange{1, 3, 3}.valid());
    CHECK_FALSE(SourceRange{1, 4, 3}.valid());
    SourceRange joined = nj::support::join(SourceRange{1, 5, 8}, SourceRange{1, 2, 4});
    CHECK(joined.begin == 2);
    CHECK(joined.end == 8);
    CHECK(nj::support::join(SourceRange{}, SourceRange{2, 1, 2}).file == 2);
}

TEST_CASE("SourceManager: load_file on a missing path gives the reason without throwing") {
    SourceManager sm;
    std::string reason;
    std::optional<FileId> id = sm.load_file("/nonexistent/dir/model.nj", &reason);
    CHECK_FALSE(id.has_value());
    CHECK(reason == "no such file");
    CHECK(sm.file_count() == 0);
    CHECK_FALSE(sm.load_file("/nonexistent/model.nj", nullptr).has_value());
}

TEST_CASE("SourceManager: load_file on a directory says so") {
    SourceManager sm;
    std::string reason;
    CHECK_FALSE(sm.load_file(std::filesystem::temp_directory_path(), &reason).has_value());
    CHECK(reason == "is a directory");
}

TEST_CASE("SourceManager: load_file reads a file and keeps the path as given") {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / "nj_source_manager_test.nj";
    {
        std::ofstream out(path, std::ios::binary);
        out << "line one\nline two";
    }
    SourceManager sm;
    std::string reason;
    std::optional<FileId> id = sm.load_file(path, &reason);
    std::filesystem::remove(path);
    REQUIRE(id.has_value());
    CHECK(sm.path(*id) == path.string());
    CHECK(sm.line_text(*id, 2) == "line two");
    CHECK(reason.empty());
}
