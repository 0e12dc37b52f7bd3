// The folder a run writes into: naming, creation rules and fixed files (ARCHITECTURE §5).
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace nj::rt {

/// A run's output folder. Every file in it is written atomically (write_file_atomically,
/// write_npy, NpyStreamWriter, write_json_file), so a reader never sees half a file.
///
/// Reusing a folder: `--out DIR` may name a folder that holds an earlier neurojit run (it has
/// a summary.json). Files are then replaced one by one as this run writes them; nothing is
/// deleted, because removing files from a mistyped `--out` would lose data for good. Files of
/// the earlier run that this run does not write (e.g. a monitor since removed) stay, so the
/// caller should write summary.json with `"complete": false` first; summary.json always
/// describes the latest run. Any other non-empty folder is refused.
class RunDirectory {
public:
    /// Opens the run folder: `out_dir` when given (see `open_explicit`), otherwise a new folder
    /// `runs/<model>-<YYYYmmdd-HHMMSS>` under the current directory, with `-2`, `-3`, ...
    /// appended when that name is taken. On failure stores the reason in `*error`.
    static std::optional<RunDirectory> create(const std::string& model_name,
                                              const std::optional<std::filesystem::path>& out_dir,
                                              std::string* error);

    /// Creates `runs_root` if needed and in it a new folder `<model>-<timestamp>`, or the first
    /// free `<model>-<timestamp>-<n>` (n = 2, 3, ...). Creation is atomic, so two runs started
    /// in the same second never share a folder.
    static std::optional<RunDirectory> create_numbered(const std::filesystem::path& runs_root,
                                                       std::string_view model_name,
                                                       std::string_view timestamp,
                                                       std::string* error);

    /// Uses `out_dir` as given by `--out`: created (with parents) when missing; used as is when
    /// empty; reused when it holds summary.json (see the class comment); refused otherwise.
    static std::optional<RunDirectory> open_explicit(const std::filesystem::path& out_dir,
                                                     std::string* error);

    /// The folder.
    const std::filesystem::path& path() const { return path_; }
    /// The path of the file `name` inside the folder.
    std::filesystem::path file(std::string_view name) const { return path_ / name; }
    /// True when the folder held an earlier run whose files are being replaced.
    bool reused() const { return reused_; }

    /// Writes the model source actually run to model.nj.
    bool write_model_source(std::string_view text, std::string* error) const;
    /// Writes the resolved parameters to params.json.
    bool write_params(const nlohmann::json& params, std::string* error) const;
    /// Writes summary.json; call it early (complete false) and again at the end.
    bool write_summary(const nlohmann::json& summary, std::string* error) const;

private:
    RunDirectory(std::filesystem::path path, bool reused);

    std::filesystem::path path_;
    bool reused_ = false;
};

/// The folder-name form of a local time: "YYYYmmdd-HHMMSS".
std::string format_run_timestamp(const std::tm& local_time);

/// `model_name` made safe as part of a folder name: characters other than letters, digits,
/// '-', '_' and '.' become '_', a leading '.' becomes '_', and an empty name becomes "model".
std::string run_name_for_model(std::string_view model_name);

/// A summary.json document before anything has run: `model`, `mode`, `seed`,
/// `"complete": false` (set true only after the protocol finished), `timings` {parse, jit,
/// build_network, simulate} as wall-clock seconds (0 until measured), `counts` {neurons,
/// synapses, spikes} (0 until known) and `metrics` {} (filled by the model's analyses).
nlohmann::json make_summary_skeleton(std::string_view model, std::string_view mode,
                                     std::uint64_t seed);

}  // namespace nj::rt
