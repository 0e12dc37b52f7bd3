// What a run directory holds, recognised from its .npy file names and shapes (the layout of
// ARCHITECTURE §5: `<monitor>_i/_t` spikes, `<monitor>_rate/_t` rates, `<monitor>_<var>/_t`
// state traces; any other array is a snapshot).
#pragma once

#include "plot/npy_array.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nj::plot {

/// One recognised monitor or array, with the headers of its files (data is read later).
struct RunEntry {
    enum class Kind {
        Spikes,    ///< `files`: indices, times
        Rate,      ///< `files`: rates, bin start times
        State,     ///< `files`: times, then one 2-D (time × element) array per variable
        Snapshot,  ///< `files`: one 1-D array (e.g. the weights of a synapses object)
        Matrix,    ///< `files`: one 2-D array that belongs to no monitor
    };
    Kind kind = Kind::Snapshot;
    std::string name;                    ///< monitor name or file stem
    std::vector<std::string> variables;  ///< State: variable names, in file order
    std::vector<std::filesystem::path> files;
    std::vector<NpyHeader> headers;  ///< one per file
};

/// The run directory's description and arrays.
struct RunContents {
    std::filesystem::path dir;
    std::string model;  ///< from summary.json ("" when absent)
    std::string mode;
    std::optional<double> simulated_s;         ///< summary.json "simulated_time", in seconds
    std::map<std::string, std::string> units;  ///< file stem → unit, from summary.json "units"
    nlohmann::json metrics = nlohmann::json::object();  ///< summary.json "metrics"
    std::vector<RunEntry> entries;                      ///< in file-name order
    std::vector<std::string> skipped;  ///< files seen but not plotted, with the reason
};

/// Recognises the arrays of the run directory `dir`. Fails (with a sentence in `*error`) when
/// `dir` is missing, is not a run directory (no summary.json), summary.json is not JSON, or an
/// .npy file is malformed — before anything is drawn.
bool read_run_contents(const std::filesystem::path& dir, RunContents& contents, std::string* error);

}  // namespace nj::plot
