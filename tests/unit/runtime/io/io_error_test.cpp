// Tests the wording of I/O failures: errno reasons and the "cannot ... 'path': reason" form.
#include "runtime/io/io_error.h"

#include <doctest/doctest.h>

#include <cerrno>

using nj::rt::describe_errno;
using nj::rt::store_error;
using nj::rt::io_failure;

TEST_CASE("describe_errno: common failures read as plain lower-case English") {
    CHECK(describe_errno(ENOSPC) == "no space left on device");
    CHECK(describe_errno(EACCES) == "permission denied");
    CHECK(describe_errno(EROFS) == "the file system is read-only");
    CHECK(describe_errno(ENOTDIR) == "a part of the path is a file, not a folder");
}

TEST_CASE("describe_errno: other values use the C library text starting in lower case") {
    std::string text = describe_errno(EMFILE);
    REQUIRE_FALSE(text.empty());
    CHECK(text[0] == 't');  // "too many open files"
    CHECK(text.back() != '.');
}

TEST_CASE("io_failure: message names the action, the quoted path and the reason") {
    CHECK(io_failure("write", "runs/x/a.npy", describe_errno(ENOSPC)) ==
          "cannot write 'runs/x/a.npy': no space left on device");
}

TEST_CASE("store_error: stores the message when asked and always returns false") {
    std::string error;
    CHECK_FALSE(store_error(&error, "cannot write 'a': disk quota exceeded"));
    CHECK(error == "cannot write 'a': disk quota exceeded");
    CHECK_FALSE(store_error(nullptr, "ignored"));
}
