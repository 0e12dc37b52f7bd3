// Plain-English wording for file-system failures in the run directory layer.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace nj::rt {

/// Reason for a C `errno` value in lower-case words without a final period, e.g.
/// `ENOSPC` → "no space left on device", `EACCES` → "permission denied".
std::string describe_errno(int errnum);

/// Joins an action, a path and a reason the way every I/O message here reads:
/// `io_failure("write", "runs/x/a.npy", "no space left on device")` →
/// "cannot write 'runs/x/a.npy': no space left on device".
std::string io_failure(std::string_view action, const std::filesystem::path& path,
                       std::string_view reason);

/// Stores `message` in `*error` when `error` is not null; returns false so callers can write
/// `return store_error(error, ...)`.
bool store_error(std::string* error, std::string message);

}  // namespace nj::rt
