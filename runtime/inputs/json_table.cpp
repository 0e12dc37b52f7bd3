// JSON key-value tables: numbers and nested lists of numbers by name.
#include "runtime/inputs/json_table.h"

#include "runtime/inputs/csv_table.h"

#include <nlohmann/json.hpp>

namespace nj::rt {

namespace {

/// What `value` is, in words, when it is not a number or a list.
std::string describe(const nlohmann::json& value) {
    if (value.is_null()) return "null";
    if (value.is_string()) return "a string";
    if (value.is_boolean()) return "a boolean";
    return "an object";
}

/// Appends the numbers of `value` (a number or nested lists of numbers) to `out`; what it holds
/// besides numbers and lists ("a string"), or "".
std::string flatten(const nlohmann::json& value, std::vector<double>& out) {
    if (value.is_number()) {
        out.push_back(value.get<double>());
        return "";
    }
    if (!value.is_array()) return describe(value);
    for (const auto& item : value) {
        std::string other = flatten(item, out);
        if (!other.empty()) return other;
    }
    return "";
}

/// "path:line:col" of byte offset `byte` (1-based, as nlohmann reports it) in `text`.
std::string position(std::string_view text, size_t byte, const std::string& path) {
    size_t line = 1, col = 1;
    for (size_t k = 0; k + 1 < byte && k < text.size(); ++k) {
        if (text[k] == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return path + ":" + std::to_string(line) + ":" + std::to_string(col);
}

}  // namespace

JsonTable parse_json_table(std::string_view text, const std::string& path) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        // the library's own text names its internals; say where, in the user's words
        throw TableError(position(text, e.byte, path) + ": this is not valid JSON");
    }
    if (!doc.is_object()) {
        throw TableError(path + ": a json table must be a JSON object {\"name\": value, ...}");
    }
    JsonTable table;
    for (const auto& [key, value] : doc.items()) {
        JsonEntry entry;
        entry.scalar = value.is_number();
        std::string other = flatten(value, entry.values);
        if (!other.empty()) {
            entry.problem = value.is_array()
                                ? "is a list holding " + other + "; only numbers are allowed"
                                : "is " + other + ", not a number or a list of numbers";
            entry.values.clear();
        }
        table.emplace(key, std::move(entry));
    }
    return table;
}

JsonTable read_json_table(const std::string& path) {
    return parse_json_table(read_table_file(path), path);
}

}  // namespace nj::rt
