// Key-value tables from JSON files (`table T = json(path)`), read with learned(default, T, "name").
//
// Requires: a JSON object; each value the model reads is a number or a (nested) list of numbers.
// Ensures:  each entry holds its numbers in row-major order and whether it was a single number;
//           an entry that is not a number or a list of numbers keeps a `problem` instead, an
//           error only when the model reads it. Invalid JSON or a top level that is not an
//           object throws TableError "path:line:col: what is wrong" ("path: ..." without a
//           position).
// Example:  {"tau": 0.02, "w": [[1, 2], [3, 4]]} → tau: scalar {0.02}; w: list {1, 2, 3, 4}.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nj::rt {

/// One named entry of a json table.
struct JsonEntry {
    bool scalar = false;         ///< a single number, not a list
    std::vector<double> values;  ///< row-major for nested lists
    std::string problem;         ///< why it is not numbers ("" when it is)
};

/// The entries of a json table by name.
using JsonTable = std::map<std::string, JsonEntry, std::less<>>;

/// Parses `text`; `path` is used in messages only.
JsonTable parse_json_table(std::string_view text, const std::string& path);

/// Reads and parses the file at `path`.
JsonTable read_json_table(const std::string& path);

}  // namespace nj::rt
