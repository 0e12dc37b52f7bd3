// Line and heat-map figures declared by analyses, read from the arrays they name.
#include "plot/declared_figures.h"

#include "plot/npy_array.h"

namespace nj::plot {

namespace {

std::string text_of(const nlohmann::json& d, const char* key, const std::string& fallback) {
    return d.contains(key) && d[key].is_string() ? d[key].get<std::string>() : fallback;
}

/// One declaration as a figure; false (with a note) when its arrays do not fit it.
bool declared_figure(const RunContents& c, const nlohmann::json& d, Figure& out, std::string& note) {
    std::string name = text_of(d, "name", "");
    std::string kind = text_of(d, "kind", "line");
    std::string y_stem = text_of(d, "y", "");
    if (name.empty() || y_stem.empty()) {
        note = "a declared figure without a name or y array";
        return false;
    }
    NpyArray y;
    std::string error;
    if (!read_npy_array(c.dir / (y_stem + ".npy"), y, &error)) {
        note = "figure '" + name + "': " + error;
        return false;
    }
    std::string title = text_of(d, "title", name);
    std::string x_label = text_of(d, "x_label", kind == "line" ? "index" : "column");
    std::string y_label = text_of(d, "y_label", kind == "line" ? y_stem : "row");
    if (kind == "heat_map") {
        if (y.header.shape.size() != 2 || y.values.empty()) {
            note = "figure '" + name + "': '" + y_stem + "' is not a 2-D array";
            return false;
        }
        HeatMap map;
        map.rows = y.header.shape[0];
        map.cols = y.header.shape[1];
        map.values = y.values;
        map.x1 = static_cast<double>(map.cols);
        map.y1 = static_cast<double>(map.rows);
        map.colour_label = text_of(d, "colour_label", y_stem);
        out = heat_map_figure("figure_" + name, title, x_label, y_label, std::move(map));
    } else {
        std::vector<double> x;
        if (std::string x_stem = text_of(d, "x", ""); !x_stem.empty()) {
            NpyArray xs;
            if (!read_npy_array(c.dir / (x_stem + ".npy"), xs, &error)) {
                note = "figure '" + name + "': " + error;
                return false;
            }
            x = std::move(xs.values);
        } else {
            for (size_t k = 0; k < y.values.size(); ++k) x.push_back(static_cast<double>(k));
        }
        if (x.size() != y.values.size() || x.empty()) {
            note = "figure '" + name + "': x and y have different lengths";
            return false;
        }
        out = line_figure("figure_" + name, title, x_label, y_label, std::move(x), std::move(y.values));
    }
    out.note = (c.model.empty() ? "" : c.model + " · ") + "declared by the analysis";
    return true;
}

void collect(const RunContents& c, const nlohmann::json& metric, std::vector<Figure>& figures,
             std::vector<std::string>& notes) {
    if (metric.is_array()) {
        for (const auto& entry : metric) collect(c, entry, figures, notes);
        return;
    }
    if (!metric.is_object() || !metric.contains("figures") || !metric["figures"].is_array()) return;
    for (const auto& d : metric["figures"]) {
        Figure f;
        std::string note;
        if (d.is_object() && declared_figure(c, d, f, note)) figures.push_back(std::move(f));
        else notes.push_back(note.empty() ? "a declared figure that is not an object" : note);
    }
}

}  // namespace

std::vector<Figure> declared_figures(const RunContents& contents, std::vector<std::string>& notes) {
    std::vector<Figure> figures;
    for (const auto& [name, metric] : contents.metrics.items()) collect(contents, metric, figures, notes);
    return figures;
}

}  // namespace nj::plot
