// Writes JSON documents (summary.json, params.json) atomically and readably.
#pragma once

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace nj::rt {

/// Writes `value` to `path` through an AtomicFile, pretty-printed with a 2-space indent and a
/// final newline.
///
/// JSON has no NaN or infinity: a non-finite number is written as `null` (so a metric that
/// could not be computed reads back as None in Python), never as invalid JSON. Strings that
/// are not valid UTF-8 have the bad bytes replaced by U+FFFD. Never throws; on failure stores
/// a plain-English reason in `*error` and leaves no file.
bool write_json_file(const std::filesystem::path& path, const nlohmann::json& value,
                     std::string* error);

}  // namespace nj::rt
