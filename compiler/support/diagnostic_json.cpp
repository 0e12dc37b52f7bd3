// Writes diagnostics as a JSON array with hand-written escaping.
#include "compiler/support/diagnostic_json.h"

#include <cstdio>
#include <ostream>

namespace nj::support {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is malformed.
size_t utf8_sequence_length(std::string_view text, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char lead = byte(i);
    size_t length = lead >= 0xF0 && lead <= 0xF4   ? 4
                    : lead >= 0xE0                 ? 3
                    : lead >= 0xC2 && lead <= 0xDF ? 2
                                                   : 0;
    if (length == 0 || i + length > text.size()) {
        return 0;
    }
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) {
            return 0;
        }
    }
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    unsigned char second = byte(i + 1);
    bool bad = (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second >= 0xA0) ||
               (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second >= 0x90);
    return bad ? 0 : length;
}

void append_escaped_control(std::string& out, char c) {
    switch (c) {
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    default: break;
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(c));
    out += buffer;
}

std::string json_string(std::string_view text) { return "\"" + json_escape(text) + "\""; }

// The "file", "line", "col", "end_line", "end_col" members shared by diagnostics and labels.
void write_location(std::ostream& out, SourceRange range, const SourceManager& sources) {
    if (!range.valid()) {
        out << R"("file": null, "line": null, "col": null, "end_line": null, "end_col": null)";
        return;
    }
    LineCol begin = sources.line_col(range.file, range.begin);
    LineCol end = sources.line_col(range.file, range.end);
    out << "\"file\": " << json_string(sources.path(range.file)) << ", \"line\": " << begin.line
        << ", \"col\": " << begin.col << ", \"end_line\": " << end.line
        << ", \"end_col\": " << end.col;
}

void write_strings(std::ostream& out, std::span<const std::string> items) {
    out << '[';
    for (size_t i = 0; i < items.size(); ++i) {
        out << (i == 0 ? "" : ", ") << json_string(items[i]);
    }
    out << ']';
}

void write_diagnostic(std::ostream& out, const Diagnostic& d, const SourceManager& sources) {
    out << '{';
    write_location(out, d.range, sources);
    out << ", \"severity\": " << json_string(severity_name(d.severity))
        << ", \"code\": " << json_string(code_name(d.code))
        << ", \"message\": " << json_string(d.message) << ", \"labels\": [";
    for (size_t i = 0; i < d.labels.size(); ++i) {
        out << (i == 0 ? "{" : ", {");
        write_location(out, d.labels[i].range, sources);
        out << ", \"text\": " << json_string(d.labels[i].text) << '}';
    }
    out << "], \"notes\": ";
    write_strings(out, d.notes);
    out << ", \"helps\": ";
    write_strings(out, d.helps);
    out << '}';
}

}  // namespace

std::string json_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        char c = text[i];
        auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (byte < 0x20 || byte == 0x7F) {
            append_escaped_control(out, c);
        } else if (byte >= 0x80) {
            size_t length = utf8_sequence_length(text, i);
            out += length == 0 ? std::string_view("\\ufffd") : text.substr(i, length);
            i += length == 0 ? 1 : length;
            continue;
        } else {
            out += c;
        }
        ++i;
    }
    return out;
}

void render_diagnostics_json(std::ostream& out, std::span<const Diagnostic> diagnostics,
                             const SourceManager& sources) {
    if (diagnostics.empty()) {
        out << "[]\n";
        return;
    }
    out << "[\n";
    for (size_t i = 0; i < diagnostics.size(); ++i) {
        out << "  ";
        write_diagnostic(out, diagnostics[i], sources);
        out << (i + 1 < diagnostics.size() ? ",\n" : "\n");
    }
    out << "]\n";
}

}  // namespace nj::support
