// RunDirectory: default and --out folder rules, the fixed files, the summary skeleton.
#include "runtime/io/run_directory.h"

#include "runtime/io/atomic_file.h"
#include "runtime/io/io_error.h"
#include "runtime/io/json_file.h"

#include <cctype>
#include <system_error>
#include <utility>

namespace nj::rt {
namespace {

namespace fs = std::filesystem;

// Far more runs than anyone starts in one second; a bound keeps a broken folder from looping.
constexpr int max_numbered_runs = 10000;

std::optional<RunDirectory> no_directory(std::string* error, std::string message) {
    store_error(error, std::move(message));
    return std::nullopt;
}

}  // namespace

RunDirectory::RunDirectory(fs::path path, bool reused) : path_(std::move(path)), reused_(reused) {}

std::optional<RunDirectory> RunDirectory::create(const std::string& model_name,
                                                 const std::optional<fs::path>& out_dir,
                                                 std::string* error) {
    if (out_dir) {
        return open_explicit(*out_dir, error);
    }
    std::time_t now = std::time(nullptr);
    std::tm local_time{};
    localtime_r(&now, &local_time);
    return create_numbered("runs", model_name, format_run_timestamp(local_time), error);
}

std::optional<RunDirectory> RunDirectory::create_numbered(const fs::path& runs_root,
                                                          std::string_view model_name,
                                                          std::string_view timestamp,
                                                          std::string* error) {
    std::error_code ec;
    fs::create_directories(runs_root, ec);
    if (ec) {
        return no_directory(error,
                            io_failure("create folder", runs_root, describe_errno(ec.value())));
    }
    std::string base = run_name_for_model(model_name) + "-" + std::string(timestamp);
    for (int n = 1; n <= max_numbered_runs; ++n) {
        fs::path candidate = runs_root / (n == 1 ? base : base + "-" + std::to_string(n));
        // create_directory is one mkdir: exactly one of two racing runs gets each name.
        bool created = fs::create_directory(candidate, ec);
        if (created) {
            return RunDirectory(candidate, false);
        }
        if (ec && ec != std::errc::file_exists) {
            return no_directory(error,
                                io_failure("create folder", candidate, describe_errno(ec.value())));
        }
    }
    return no_directory(error, io_failure("create a run folder in", runs_root,
                                          "every name '" + base + "-<n>' is taken"));
}

std::optional<RunDirectory> RunDirectory::open_explicit(const fs::path& out_dir,
                                                        std::string* error) {
    std::error_code ec;
    fs::file_status status = fs::status(out_dir, ec);
    if (status.type() == fs::file_type::not_found) {
        fs::create_directories(out_dir, ec);
        if (ec) {
            return no_directory(error,
                                io_failure("create folder", out_dir, describe_errno(ec.value())));
        }
        return RunDirectory(out_dir, false);
    }
    if (ec) {
        return no_directory(error, io_failure("use", out_dir, describe_errno(ec.value())));
    }
    if (!fs::is_directory(status)) {
        return no_directory(error, io_failure("use", out_dir, "it is a file, not a folder"));
    }
    bool empty = fs::is_empty(out_dir, ec);
    if (ec) {
        return no_directory(error, io_failure("read folder", out_dir, describe_errno(ec.value())));
    }
    if (empty) {
        return RunDirectory(out_dir, false);
    }
    if (fs::is_regular_file(out_dir / "summary.json", ec)) {
        return RunDirectory(out_dir, true);
    }
    return no_directory(error, io_failure("use", out_dir,
                                          "the folder is not empty and holds no summary.json "
                                          "from an earlier run; choose an empty or new folder"));
}

bool RunDirectory::write_model_source(std::string_view text, std::string* error) const {
    return write_file_atomically(file("model.nj"), text, error);
}

bool RunDirectory::write_params(const nlohmann::json& params, std::string* error) const {
    return write_json_file(file("params.json"), params, error);
}

bool RunDirectory::write_summary(const nlohmann::json& summary, std::string* error) const {
    return write_json_file(file("summary.json"), summary, error);
}

std::string format_run_timestamp(const std::tm& local_time) {
    char text[32] = {};
    std::size_t length = std::strftime(text, sizeof text, "%Y%m%d-%H%M%S", &local_time);
    return std::string(text, length);
}

std::string run_name_for_model(std::string_view model_name) {
    std::string name;
    for (char c : model_name) {
        bool safe = std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' ||
                    c == '.';
        name += safe ? c : '_';
    }
    // A leading dot would hide the folder (and ".." would name the parent).
    if (!name.empty() && name[0] == '.') {
        name[0] = '_';
    }
    return name.empty() ? "model" : name;
}

nlohmann::json make_summary_skeleton(std::string_view model, std::string_view mode,
                                     std::uint64_t seed) {
    return nlohmann::json{
        {"model", std::string(model)},
        {"mode", std::string(mode)},
        {"seed", seed},
        {"complete", false},
        {"timings", {{"parse", 0.0}, {"jit", 0.0}, {"build_network", 0.0}, {"simulate", 0.0}}},
        {"counts", {{"neurons", 0}, {"synapses", 0}, {"spikes", 0}}},
        {"metrics", nlohmann::json::object()},
    };
}

}  // namespace nj::rt
