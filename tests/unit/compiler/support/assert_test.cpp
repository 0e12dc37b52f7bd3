// Tests NJ_ASSERT / NJ_UNREACHABLE: message on stderr and exit status 2, checked in a child.
#include "compiler/support/assert.h"

#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct ChildResult {
    int exit_status = -1;
    std::string stderr_text;
};

// Runs `body` in a forked child with stderr captured, since a failed assert ends the process.
template <typename Body>
ChildResult run_in_child(Body body) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    std::fflush(nullptr);
    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        body();
        _exit(0);
    }
    close(fds[1]);
    ChildResult result;
    char buffer[512];
    ssize_t n = 0;
    while ((n = read(fds[0], buffer, sizeof buffer)) > 0) {
        result.stderr_text.append(buffer, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status)) {
        result.exit_status = WEXITSTATUS(status);
    }
    return result;
}

}  // namespace

TEST_CASE("NJ_ASSERT: a failed check reports an internal error and exits with 2") {
    ChildResult result = run_in_child([] { NJ_ASSERT(1 + 1 == 3, "arithmetic is broken"); });
    CHECK(result.exit_status == 2);
    CHECK(result.stderr_text.starts_with("neurojit: internal error: arithmetic is broken (at "));
    CHECK(result.stderr_text.find("assert_test.cpp:") != std::string::npos);
    CHECK(result.stderr_text.ends_with(") — please report this at the project's issue tracker\n"));
}

TEST_CASE("NJ_ASSERT: a passing check does nothing") {
    ChildResult result = run_in_child([] { NJ_ASSERT(true, std::string("never shown")); });
    CHECK(result.exit_status == 0);
    CHECK(result.stderr_text.empty());
}

TEST_CASE("NJ_UNREACHABLE: reports an internal error and exits with 2") {
    ChildResult result = run_in_child([] { NJ_UNREACHABLE("fell off the switch"); });
    CHECK(result.exit_status == 2);
    CHECK(result.stderr_text.find("internal error: fell off the switch") != std::string::npos);
}

#endif
