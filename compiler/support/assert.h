// Internal-error checks: NJ_ASSERT and NJ_UNREACHABLE report a compiler bug and exit with code 2.
#pragma once

#include <string_view>

namespace nj::support {

/// Prints "neurojit: internal error: <message> (at file:line) — please report this at the
/// project's issue tracker" to stderr and exits with status 2. Only for compiler bugs; user
/// mistakes go through the DiagnosticEngine instead.
[[noreturn]] void report_internal_error(std::string_view message, const char* file, int line);

}  // namespace nj::support

/// Checks an invariant the compiler itself must uphold; on failure reports an internal error.
/// `msg` is anything convertible to std::string_view and is evaluated only on failure.
#define NJ_ASSERT(cond, msg)                                                                       \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            ::nj::support::report_internal_error((msg), __FILE__, __LINE__);                       \
        }                                                                                          \
    } while (false)

/// Marks a point the compiler can never reach (e.g. a switch over every enumerator).
#define NJ_UNREACHABLE(msg) ::nj::support::report_internal_error((msg), __FILE__, __LINE__)
