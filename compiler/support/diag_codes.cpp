// Tables behind DiagCode: names, default severities, descriptions and the Markdown docs page.
#include "compiler/support/diag_codes.h"

#include "compiler/support/assert.h"

#include <algorithm>
#include <array>
#include <vector>

namespace nj::support {

namespace {

struct CodeInfo {
    DiagCode code;
    std::string_view name;
    Severity severity;
    std::string_view description;
};

constexpr std::array<CodeInfo, diag_code_count> code_table{{
#define NJ_DIAG(name, code, severity, description)                                                 \
    {DiagCode::name, code, Severity::severity, description},
#include "compiler/support/diag_codes.def"
#undef NJ_DIAG
}};

constexpr std::array<DiagCode, diag_code_count> code_list{{
#define NJ_DIAG(name, code, severity, description) DiagCode::name,
#include "compiler/support/diag_codes.def"
#undef NJ_DIAG
}};

const CodeInfo& info(DiagCode code) {
    auto index = static_cast<size_t>(code);
    NJ_ASSERT(index < code_table.size(), "diagnostic code out of range");
    return code_table[index];
}

std::string_view area_of(std::string_view name) { return name.substr(0, name.find('.')); }

// Table cells cannot contain a bare '|'.
std::string escape_cell(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '|') {
            out += '\\';
        }
        out += c;
    }
    return out;
}

}  // namespace

std::span<const DiagCode> all_diag_codes() { return code_list; }

std::string_view code_name(DiagCode code) { return info(code).name; }

Severity default_severity(DiagCode code) { return info(code).severity; }

std::string_view code_description(DiagCode code) { return info(code).description; }

std::optional<DiagCode> code_from_name(std::string_view name) {
    for (const CodeInfo& entry : code_table) {
        if (entry.name == name) {
            return entry.code;
        }
    }
    return std::nullopt;
}

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
    }
    NJ_UNREACHABLE("unknown severity");
}

// One table per area, in order of first appearance, so a code appended at the end of the
// .def still lands in its area's section.
std::string diagnostics_markdown() {
    std::string out =
        "# Diagnostics\n"
        "\n"
        "<!-- Generated from compiler/support/diag_codes.def by `make docs`; "
        "do not edit by hand. -->\n"
        "\n"
        "Every message neurojit prints carries a stable code such as `units.mismatch`, shown as\n"
        "`error[units.mismatch]`. Warnings can be silenced or turned into errors by code.\n";
    std::vector<std::string_view> areas;
    for (const CodeInfo& entry : code_table) {
        if (std::find(areas.begin(), areas.end(), area_of(entry.name)) == areas.end()) {
            areas.push_back(area_of(entry.name));
        }
    }
    for (std::string_view area : areas) {
        out += "\n## ";
        out += area;
        out += "\n\n| Code | Severity | Description |\n|---|---|---|\n";
        for (const CodeInfo& entry : code_table) {
            if (area_of(entry.name) != area) {
                continue;
            }
            out += "| `";
            out += entry.name;
            out += "` | ";
            out += severity_name(entry.severity);
            out += " | ";
            out += escape_cell(entry.description);
            out += " |\n";
        }
    }
    return out;
}

}  // namespace nj::support
