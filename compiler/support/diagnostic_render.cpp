// Renders diagnostics as text: the header line, a source snippet with carets and dashes, notes.
#include "compiler/support/diagnostic_render.h"

#include <algorithm>
#include <ostream>
#include <vector>

namespace nj::support {

namespace {

constexpr const char* ansi_bold = "\x1b[1m";
constexpr const char* ansi_red = "\x1b[1;31m";
constexpr const char* ansi_yellow = "\x1b[1;33m";
constexpr const char* ansi_cyan = "\x1b[1;36m";
constexpr const char* ansi_reset = "\x1b[0m";

// Wraps text in an ANSI style only when color is on, so the plain output has no escapes.
struct Painter {
    bool on;

    std::string operator()(std::string_view text, const char* style) const {
        if (!on || text.empty()) {
            return std::string(text);
        }
        return std::string(style) + std::string(text) + ansi_reset;
    }
};

const char* severity_style(Severity severity) {
    switch (severity) {
    case Severity::Error: return ansi_red;
    case Severity::Warning: return ansi_yellow;
    case Severity::Note: return ansi_cyan;
    }
    return ansi_bold;
}

// One underline on the primary source line, in screen columns [begin, end).
struct Marker {
    size_t begin = 0;
    size_t end = 0;
    bool primary = false;
    std::string_view text;
};

// A line of label texts hung below the marker line.
struct TextRow {
    std::string content;
    size_t width = 0;
};

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void render_header(std::ostream& out, const Diagnostic& d, const SourceManager& sources,
                   const Painter& paint) {
    std::string location = "neurojit";
    if (d.range.valid()) {
        LineCol lc = sources.line_col(d.range.file, d.range.begin);
        location = sources.path(d.range.file) + ":" + std::to_string(lc.line) + ":" +
                   std::to_string(lc.col);
    }
    std::string kind =
        std::string(severity_name(d.severity)) + "[" + std::string(code_name(d.code)) + "]";
    out << paint(location + ":", ansi_bold) << ' ' << paint(kind, severity_style(d.severity))
        << paint(": " + d.message, ansi_bold) << '\n';
}

// Clamps a range to the line starting at `line_begin` and converts it to screen columns.
Marker make_marker(SourceRange range, std::string_view line, uint32_t line_begin) {
    size_t begin = range.begin - line_begin;
    size_t line_end = line_begin + line.size();
    size_t end = std::max<size_t>(std::min<size_t>(range.end, line_end), range.begin) - line_begin;
    Marker marker;
    marker.begin = display_column(line, begin);
    marker.end = std::max(display_column(line, end), marker.begin + 1);
    return marker;
}

// The marker whose text follows the marker line: the one reaching furthest right, preferring
// one with text on ties (a label on exactly the primary range then reads after the carets).
const Marker* inline_marker(const std::vector<Marker>& markers) {
    const Marker* best = nullptr;
    for (const Marker& m : markers) {
        if (best == nullptr || m.end > best->end ||
            (m.end == best->end && best->text.empty() && !m.text.empty())) {
            best = &m;
        }
    }
    return best;
}

// Places each remaining text on the first row where it fits with a space before it.
std::vector<TextRow> hang_texts(const std::vector<Marker>& markers, const Marker* skip,
                                const Painter& paint) {
    std::vector<const Marker*> pending;
    for (const Marker& m : markers) {
        if (&m != skip && !m.text.empty()) {
            pending.push_back(&m);
        }
    }
    std::stable_sort(pending.begin(), pending.end(),
                     [](const Marker* a, const Marker* b) { return a->begin < b->begin; });
    std::vector<TextRow> rows;
    for (const Marker* m : pending) {
        auto fits = [&](const TextRow& row) { return row.width == 0 || row.width < m->begin; };
        auto row = std::find_if(rows.begin(), rows.end(), fits);
        if (row == rows.end()) {
            row = rows.insert(rows.end(), TextRow{});
        }
        row->content += std::string(m->begin - row->width, ' ');
        row->content += paint(m->text, m->primary ? ansi_bold : ansi_cyan);
        row->width = m->begin + m->text.size();
    }
    return rows;
}

// Draws dashes for labels, then carets for the primary range on top of them.
std::string draw_markers(const std::vector<Marker>& markers, Severity severity,
                         const Painter& paint) {
    size_t width = 0;
    for (const Marker& m : markers) {
        width = std::max(width, m.end);
    }
    std::string cells(width, ' ');
    for (bool primary_pass : {false, true}) {
        for (const Marker& m : markers) {
            if (m.primary == primary_pass) {
                size_t length = m.end - m.begin;
                cells.replace(m.begin, length, length, primary_pass ? '^' : '-');
            }
        }
    }
    std::string out;
    for (size_t i = 0; i < cells.size();) {
        size_t j = i;
        while (j < cells.size() && cells[j] == cells[i]) {
            ++j;
        }
        std::string_view run(cells.data() + i, j - i);
        out += cells[i] == '^'   ? paint(run, severity_style(severity))
               : cells[i] == '-' ? paint(run, ansi_cyan)
                                 : std::string(run);
        i = j;
    }
    return out;
}

void render_snippet(std::ostream& out, const Diagnostic& d, const SourceManager& sources,
                    const Painter& paint, std::vector<const Label*>& elsewhere) {
    LineCol lc = sources.line_col(d.range.file, d.range.begin);
    std::string_view line = sources.line_text(d.range.file, lc.line);
    uint32_t line_begin = sources.line_start(d.range.file, lc.line);

    std::vector<Marker> markers;
    for (const Label& label : d.labels) {
        bool same_line = label.range.valid() && label.range.file == d.range.file &&
                         sources.line_col(label.range.file, label.range.begin).line == lc.line;
        if (!same_line) {
            elsewhere.push_back(&label);
            continue;
        }
        markers.push_back(make_marker(label.range, line, line_begin));
        markers.back().text = label.text;
    }
    markers.push_back(make_marker(d.range, line, line_begin));
    markers.back().primary = true;

    std::string number = std::to_string(lc.line);
    size_t gutter = std::max<size_t>(5, number.size());
    std::string source = expand_tabs(line);
    std::string blank_gutter = paint(std::string(gutter + 1, ' ') + "|", ansi_cyan);
    out << paint(std::string(gutter - number.size(), ' ') + number + " |", ansi_cyan)
        << (source.empty() ? "" : " ") << source << '\n';

    const Marker* inline_text = inline_marker(markers);
    out << blank_gutter << ' ' << draw_markers(markers, d.severity, paint);
    if (inline_text != nullptr && !inline_text->text.empty()) {
        out << ' ' << paint(inline_text->text, ansi_cyan);
    }
    out << '\n';
    for (const TextRow& row : hang_texts(markers, inline_text, paint)) {
        out << blank_gutter << ' ' << row.content << '\n';
    }
}

void render_elsewhere(std::ostream& out, const Label& label, const SourceManager& sources,
                      const Painter& paint) {
    if (!label.range.valid()) {
        out << "  " << paint("note:", ansi_bold) << ' ' << label.text << '\n';
        return;
    }
    LineCol lc = sources.line_col(label.range.file, label.range.begin);
    out << "  " << paint("-->", ansi_cyan) << ' ' << sources.path(label.range.file) << ':'
        << lc.line << ':' << lc.col;
    if (!label.text.empty()) {
        out << ": " << label.text;
    }
    out << '\n';
}

}  // namespace

void render_diagnostic(std::ostream& out, const Diagnostic& diagnostic,
                       const SourceManager& sources, bool use_color) {
    Painter paint{use_color};
    render_header(out, diagnostic, sources, paint);
    std::vector<const Label*> elsewhere;
    if (diagnostic.range.valid()) {
        render_snippet(out, diagnostic, sources, paint, elsewhere);
    } else {
        for (const Label& label : diagnostic.labels) {
            elsewhere.push_back(&label);
        }
    }
    for (const Label* label : elsewhere) {
        render_elsewhere(out, *label, sources, paint);
    }
    for (const std::string& note : diagnostic.notes) {
        out << "  " << paint("note:", ansi_bold) << ' ' << note << '\n';
    }
    for (const std::string& help : diagnostic.helps) {
        out << "  " << paint("help:", ansi_cyan) << ' ' << help << '\n';
    }
}

void render_hidden_errors_note(std::ostream& out, size_t hidden_errors, bool use_color) {
    Painter paint{use_color};
    out << paint("neurojit:", ansi_bold) << ' ' << paint("note", ansi_cyan) << ": " << hidden_errors
        << (hidden_errors == 1 ? " more error" : " more errors") << " not shown\n";
}

std::string expand_tabs(std::string_view line) {
    std::string out;
    size_t column = 0;
    for (char c : line) {
        if (c == '\t') {
            size_t next = (column / tab_width + 1) * tab_width;
            out.append(next - column, ' ');
            column = next;
            continue;
        }
        out += c;
        column += is_utf8_continuation(c) ? 0 : 1;
    }
    return out;
}

size_t display_column(std::string_view line, size_t byte_index) {
    size_t column = 0;
    size_t stop = std::min(byte_index, line.size());
    for (size_t i = 0; i < stop; ++i) {
        if (line[i] == '\t') {
            column = (column / tab_width + 1) * tab_width;
        } else if (!is_utf8_continuation(line[i])) {
            ++column;
        }
    }
    return column + (byte_index - stop);
}

}  // namespace nj::support
