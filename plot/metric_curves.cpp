// Lines over protocol passes from the list metrics of summary.json.
#include "plot/metric_curves.h"

#include <cstdio>
#include <string>

namespace nj::plot {

namespace {

/// The numeric fields of the first entry that every entry has and that change over the passes
/// (a constant such as a sample count is no curve), in the first entry's order.
std::vector<std::string> shared_fields(const nlohmann::json& entries) {
    std::vector<std::string> fields;
    for (const auto& [key, value] : entries[0].items()) {
        if (!value.is_number() || key == "loop") continue;
        bool everywhere = true, changes = false;
        for (const auto& e : entries) {
            everywhere = everywhere && e.contains(key) && e[key].is_number();
            changes = changes || (everywhere && e[key].get<double>() != value.get<double>());
        }
        if (everywhere && changes) fields.push_back(key);
    }
    return fields;
}

/// "k = 0 … 6" / "iloop = 0 … 15, s = 0": the loop variables of the first and last pass.
std::string passes_note(const nlohmann::json& entries) {
    const auto& first = entries.front();
    const auto& last = entries.back();
    if (!first.contains("loop") || !first["loop"].is_object()) return "";
    std::string note;
    for (const auto& [name, value] : first["loop"].items()) {
        if (!value.is_number()) continue;
        double to = last.contains("loop") && last["loop"].contains(name) ? last["loop"][name].get<double>() : 0.0;
        char text[96];
        if (to == value.get<double>()) {
            std::snprintf(text, sizeof text, "%s%s = %g", note.empty() ? "" : ", ", name.c_str(), to);
        } else {
            std::snprintf(text, sizeof text, "%s%s = %g … %g", note.empty() ? "" : ", ", name.c_str(),
                          value.get<double>(), to);
        }
        note += text;
    }
    return note;
}

}  // namespace

std::vector<Figure> metric_curves(const RunContents& contents, std::size_t fields_per_metric) {
    std::vector<Figure> figures;
    for (const auto& [name, entries] : contents.metrics.items()) {
        if (!entries.is_array() || entries.size() < 2 || !entries[0].is_object()) continue;
        bool all_objects = true;
        for (const auto& e : entries) all_objects = all_objects && e.is_object();
        if (!all_objects) continue;
        std::vector<std::string> fields = shared_fields(entries);
        if (fields.size() > fields_per_metric) fields.resize(fields_per_metric);
        std::vector<double> pass;
        for (size_t k = 0; k < entries.size(); ++k) pass.push_back(static_cast<double>(k));
        for (const auto& field : fields) {
            std::vector<double> y;
            for (const auto& e : entries) y.push_back(e[field].get<double>());
            std::string unit = field == "value" && entries[0].contains("unit") && entries[0]["unit"].is_string()
                                   ? entries[0]["unit"].get<std::string>()
                                   : "";
            std::string label = field == "value" ? name : field;
            if (!unit.empty() && unit != "1") label += " (" + unit + ")";
            Figure f = line_figure("curve_" + name + "_" + field, name + ": " + field + " per pass", "pass",
                                   label, pass, std::move(y));
            f.x.whole_numbers = true;
            f.x.min = -0.5;  // half a pass of room, so the first and last points are not on the frame
            f.x.max = static_cast<double>(entries.size()) - 0.5;
            if (entries.size() <= 60) {  // few passes: each one marked on the line
                Series marks = f.series[0];
                marks.style = Series::Style::Dots;
                marks.width = 6.0;
                marks.colour = 0;
                f.series[0].colour = 0;
                f.series.push_back(std::move(marks));
            }
            std::string loops = passes_note(entries);
            f.note = (contents.model.empty() ? "" : contents.model + " · ") + std::to_string(entries.size()) +
                     " passes" + (loops.empty() ? "" : " (" + loops + ")");
            figures.push_back(std::move(f));
        }
    }
    return figures;
}

}  // namespace nj::plot
