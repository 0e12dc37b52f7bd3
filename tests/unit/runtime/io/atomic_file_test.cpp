// Tests AtomicFile: nothing appears before commit, no temporaries remain, errors are readable.
#include "runtime/io/atomic_file.h"

#include "tests/unit/runtime/io/io_test_helpers.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <utility>

using nj::rt::AtomicFile;
using nj::rt::write_file_atomically;
using nj::rt::test::entry_names;
using nj::rt::test::read_bytes;
using nj::rt::test::TempFolder;

namespace fs = std::filesystem;

TEST_CASE("AtomicFile: commit leaves the final file and no temporary") {
    TempFolder tmp;
    AtomicFile file(tmp / "a.bin");
    REQUIRE(file.ok());
    CHECK(file.temp_path().parent_path() == tmp.path());
    CHECK(file.temp_path().filename().string().rfind("a.bin.tmp-", 0) == 0);
    CHECK_FALSE(fs::exists(tmp / "a.bin"));
    CHECK(file.write("hello ", 6));
    CHECK(file.write("world", 5));
    CHECK(file.size() == 11);
    std::string error;
    REQUIRE(file.commit(&error));
    CHECK(error.empty());
    CHECK(file.committed());
    CHECK(read_bytes(tmp / "a.bin") == "hello world");
    CHECK(entry_names(tmp.path()) == std::set<std::string>{"a.bin"});
}

TEST_CASE("AtomicFile: an uncommitted file leaves neither final file nor temporary") {
    TempFolder tmp;
    {
        AtomicFile file(tmp / "a.bin");
        file.write("data", 4);
        CHECK(fs::exists(file.temp_path()));
    }
    CHECK(entry_names(tmp.path()).empty());
}

TEST_CASE("AtomicFile: an earlier file stays intact until the new one commits") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "a.txt", "old", nullptr));
    AtomicFile file(tmp / "a.txt");
    file.write("new", 3);
    CHECK(read_bytes(tmp / "a.txt") == "old");
    REQUIRE(file.commit(nullptr));
    CHECK(read_bytes(tmp / "a.txt") == "new");
    CHECK(entry_names(tmp.path()).size() == 1);
}

TEST_CASE("AtomicFile: discard removes the temporary and keeps the earlier file") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "a.txt", "old", nullptr));
    AtomicFile file(tmp / "a.txt");
    file.write("new", 3);
    file.discard();
    CHECK(read_bytes(tmp / "a.txt") == "old");
    CHECK(entry_names(tmp.path()).size() == 1);
    std::string error;
    CHECK_FALSE(file.commit(&error));
    CHECK(error.find("already saved or discarded") != std::string::npos);
}

TEST_CASE("AtomicFile: large writes bypass the buffer and keep byte order") {
    TempFolder tmp;
    std::string small(1000, 'a');
    std::string large(3 * 1024 * 1024, 'b');
    AtomicFile file(tmp / "big.bin");
    file.write(small.data(), small.size());
    file.write(large.data(), large.size());
    file.write(small.data(), small.size());
    REQUIRE(file.commit(nullptr));
    CHECK(read_bytes(tmp / "big.bin") == small + large + small);
}

TEST_CASE("AtomicFile: write_at rewrites bytes already written, even buffered ones") {
    TempFolder tmp;
    AtomicFile file(tmp / "h.bin");
    file.write("XXXXbody", 8);
    CHECK(file.write_at(0, "head", 4));
    CHECK_FALSE(file.write_at(6, "toolong", 7));
    std::string error;
    CHECK_FALSE(file.commit(&error));
    CHECK(error == "cannot write '" + (tmp / "h.bin").string() +
                       "': a rewrite went past the end of the file");
    CHECK(entry_names(tmp.path()).empty());

    AtomicFile again(tmp / "h.bin");
    again.write("XXXXbody", 8);
    again.write_at(0, "head", 4);
    REQUIRE(again.commit(nullptr));
    CHECK(read_bytes(tmp / "h.bin") == "headbody");
}

TEST_CASE("AtomicFile: a moved file is committed by its new owner only") {
    TempFolder tmp;
    AtomicFile first(tmp / "m.bin");
    first.write("abc", 3);
    AtomicFile second(std::move(first));
    CHECK(first.temp_path().empty());
    second.write("d", 1);
    REQUIRE(second.commit(nullptr));
    CHECK(read_bytes(tmp / "m.bin") == "abcd");
}

TEST_CASE("AtomicFile: a folder that does not exist gives a readable error") {
    TempFolder tmp;
    fs::path target = tmp / "missing" / "a.npy";
    AtomicFile file(target);
    CHECK_FALSE(file.ok());
    CHECK_FALSE(file.write("x", 1));
    std::string error;
    CHECK_FALSE(file.commit(&error));
    CHECK(error == "cannot write '" + target.string() + "': folder '" +
                       (tmp / "missing").string() + "' does not exist");
    CHECK(entry_names(tmp.path()).empty());
}

TEST_CASE("AtomicFile: a path through a file gives a readable error") {
    TempFolder tmp;
    REQUIRE(write_file_atomically(tmp / "plain", "x", nullptr));
    std::string error;
    CHECK_FALSE(write_file_atomically(tmp / "plain" / "a.npy", "x", &error));
    CHECK(error == "cannot write '" + (tmp / "plain" / "a.npy").string() +
                       "': a part of the path is a file, not a folder");
}

TEST_CASE("AtomicFile: a read-only folder gives a readable error") {
    if (nj::rt::test::running_as_root()) {
        MESSAGE("skipped: running as root, which may write into read-only folders");
        return;
    }
    TempFolder tmp;
    fs::create_directory(tmp / "ro");
    fs::permissions(tmp / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    std::string error;
    CHECK_FALSE(write_file_atomically(tmp / "ro" / "a.npy", "x", &error));
    CHECK(error == "cannot write '" + (tmp / "ro" / "a.npy").string() + "': permission denied");
    fs::permissions(tmp / "ro", fs::perms::owner_all);
    CHECK(entry_names(tmp / "ro").empty());
}

TEST_CASE("AtomicFile: a folder as the final path fails at commit without leftovers") {
    TempFolder tmp;
    fs::create_directory(tmp / "taken");
    fs::create_directory(tmp / "taken" / "inner");
    std::string error;
    CHECK_FALSE(write_file_atomically(tmp / "taken", "x", &error));
    CHECK(error.rfind("cannot write '" + (tmp / "taken").string() + "': ", 0) == 0);
    CHECK(entry_names(tmp.path()) == std::set<std::string>{"taken"});
}
