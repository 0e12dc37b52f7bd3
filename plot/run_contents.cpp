// Recognising monitors and snapshots in a run directory from file names and array shapes.
#include "plot/run_contents.h"

#include "runtime/io/io_error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>
#include <system_error>

namespace nj::plot {

namespace fs = std::filesystem;

namespace {

struct NpyFile {
    fs::path path;
    std::string stem;
    NpyHeader header;
    bool used = false;
};

bool one_dimensional(const NpyHeader& h) {
    return h.shape.size() == 1;
}

bool read_summary(const fs::path& dir, RunContents& contents, std::string* error) {
    fs::path summary = dir / "summary.json";
    std::error_code ec;
    if (!fs::exists(summary, ec)) {
        return rt::store_error(error,
                               "'" + dir.string() +
                                   "' is not a run directory (it has no "
                                   "summary.json); give the folder that 'neurojit run' wrote");
    }
    std::ifstream in(summary);
    if (!in) return rt::store_error(error, "'" + summary.string() + "' cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    auto json = nlohmann::json::parse(text.str(), nullptr, false);
    if (json.is_discarded() || !json.is_object()) {
        return rt::store_error(error, "'" + summary.string() + "' is not valid JSON");
    }
    if (json.contains("model") && json["model"].is_string()) contents.model = json["model"];
    if (json.contains("mode") && json["mode"].is_string()) contents.mode = json["mode"];
    if (json.contains("metrics") && json["metrics"].is_object()) contents.metrics = json["metrics"];
    const auto& simulated =
        json.contains("simulated_time") ? json["simulated_time"] : nlohmann::json();
    if (simulated.is_object() && simulated.contains("value") && simulated["value"].is_number()) {
        contents.simulated_s = simulated["value"].get<double>();
    }
    if (json.contains("units") && json["units"].is_object()) {
        for (const auto& [stem, unit] : json["units"].items()) {
            if (unit.is_string()) contents.units[stem] = unit.get<std::string>();
        }
    }
    return true;
}

bool list_npy_files(const fs::path& dir, std::vector<NpyFile>& files, std::string* error) {
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(dir, ec)) {
        std::error_code type_ec;
        if (item.path().extension() != ".npy" || !item.is_regular_file(type_ec)) continue;
        NpyFile f{item.path(), item.path().stem().string(), {}};
        if (!read_npy_header(f.path, f.header, error)) return false;
        files.push_back(std::move(f));
    }
    if (ec)
        return rt::store_error(error, rt::io_failure("list", dir, rt::describe_errno(ec.value())));
    std::sort(files.begin(), files.end(),
              [](const NpyFile& a, const NpyFile& b) { return a.stem < b.stem; });
    return true;
}

NpyFile* find_unused(std::vector<NpyFile>& files, const std::string& stem) {
    for (auto& f : files) {
        if (!f.used && f.stem == stem) return &f;
    }
    return nullptr;
}

void take(RunEntry& entry, NpyFile& f) {
    f.used = true;
    entry.files.push_back(f.path);
    entry.headers.push_back(f.header);
}

/// Builds the monitor whose time file is `times` (stem `<prefix>_t`), or nothing.
std::optional<RunEntry> monitor_for(std::vector<NpyFile>& files, NpyFile& times) {
    std::string prefix = times.stem.substr(0, times.stem.size() - 2);
    std::uint64_t n = times.header.shape[0];
    RunEntry entry;
    entry.name = prefix;
    NpyFile* spikes = find_unused(files, prefix + "_i");
    if (spikes && one_dimensional(spikes->header) && spikes->header.integer &&
        spikes->header.shape[0] == n) {
        entry.kind = RunEntry::Kind::Spikes;
        take(entry, *spikes);
        take(entry, times);
        return entry;
    }
    NpyFile* rate = find_unused(files, prefix + "_rate");
    if (rate && one_dimensional(rate->header) && rate->header.shape[0] == n) {
        entry.kind = RunEntry::Kind::Rate;
        take(entry, *rate);
        take(entry, times);
        return entry;
    }
    entry.kind = RunEntry::Kind::State;
    take(entry, times);
    for (auto& f : files) {
        bool named =
            !f.used && f.stem.size() > prefix.size() + 1 && f.stem.starts_with(prefix + "_");
        if (!named || f.header.shape.size() != 2 || f.header.shape[0] != n) continue;
        entry.variables.push_back(f.stem.substr(prefix.size() + 1));
        take(entry, f);
    }
    if (!entry.variables.empty()) return entry;
    times.used = false;
    return std::nullopt;
}

std::string dimensions(const NpyHeader& h) {
    return std::to_string(h.shape.size()) + "-dimensional";
}

}  // namespace

bool read_run_contents(const fs::path& dir, RunContents& contents, std::string* error) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return rt::store_error(error, fs::exists(dir, ec)
                                          ? "'" + dir.string() + "' is not a folder"
                                          : "run directory '" + dir.string() + "' does not exist");
    }
    contents = RunContents{};
    contents.dir = dir;
    std::vector<NpyFile> files;
    if (!read_summary(dir, contents, error) || !list_npy_files(dir, files, error)) return false;
    // Longer monitor names first, so monitor `a` never claims the files of monitor `a_b`.
    std::vector<NpyFile*> time_files;
    for (auto& f : files) {
        if (f.stem.size() > 2 && f.stem.ends_with("_t") && one_dimensional(f.header))
            time_files.push_back(&f);
    }
    std::stable_sort(time_files.begin(), time_files.end(), [](const NpyFile* a, const NpyFile* b) {
        return a->stem.size() > b->stem.size();
    });
    for (NpyFile* t : time_files) {
        if (t->used) continue;
        if (auto entry = monitor_for(files, *t)) contents.entries.push_back(std::move(*entry));
    }
    for (auto& f : files) {
        if (f.used) continue;
        RunEntry entry;
        entry.name = f.stem;
        std::size_t rank = f.header.shape.size();
        if (rank == 0 || rank > 2 || f.header.count() == 0) {
            contents.skipped.push_back(
                f.path.filename().string() + " (" +
                (f.header.count() == 0 ? std::string("empty") : dimensions(f.header)) + ")");
            continue;
        }
        entry.kind = rank == 1 ? RunEntry::Kind::Snapshot : RunEntry::Kind::Matrix;
        take(entry, f);
        contents.entries.push_back(std::move(entry));
    }
    std::sort(contents.entries.begin(), contents.entries.end(),
              [](const RunEntry& a, const RunEntry& b) { return a.name < b.name; });
    return true;
}

}  // namespace nj::plot
