// `neurojit info`: what a model declares, as a readable summary or JSON.
#include "cli/commands.h"
#include "cli/model_front.h"
#include "cli/sized_front.h"

#include "compiler/units/format_dimension.h"
#include "runtime/inputs/csv_table.h"

#include <iomanip>
#include <iostream>

namespace nj::cli {

namespace {

std::string size_text(const sema::GroupInfo& g) {
    return g.size ? std::to_string(static_cast<long long>(*g.size)) : std::string("?");
}

void print_text(const sema::CheckedModel& m) {
    std::cout << "model " << m.path << (m.mode.empty() ? "" : " (mode " + m.mode + ")") << "\n";
    if (!m.modes.empty()) {
        std::cout << "\nmodes:";
        for (const auto& mode : m.modes) std::cout << " " << mode;
        std::cout << "\n";
    }
    std::cout << "\nparameters:\n";
    for (const auto& p : m.params) {
        std::cout << "  " << std::left << std::setw(24) << p.name << " "
                  << std::setw(20) << sema::format_value(p.value)
                  << (p.is_let ? " (derived)" : p.origin == "default" ? "" : " (" + p.origin + ")")
                  << (p.trainable ? " (trainable)" : "") << "\n";
    }
    std::cout << "\ngroups:\n";
    for (const auto& g : m.groups) {
        std::cout << "  " << std::setw(16) << g.name << " " << g.kind << "(" << size_text(g) << ")"
                  << (g.type_name.empty() ? "" : " of " + g.type_name)
                  << (g.parent ? " slice of " + g.parent->name : "") << "\n";
        for (const auto& [name, var] : g.variables.by_name) {
            std::cout << "      " << std::setw(16) << name << " " << sema::describe_type(var.type) << "\n";
        }
    }
    std::cout << "\nsynapses:\n";
    for (const auto& s : m.synapses) {
        std::cout << "  " << std::setw(16) << s.name << " " << (s.pre ? s.pre->name : "?") << " -> "
                  << (s.post ? s.post->name : "?")
                  << (s.type_name.empty() ? "" : " of " + s.type_name) << "\n";
    }
    std::cout << "\nother declarations:\n";
    for (const auto& i : m.instances) {
        std::cout << "  " << std::setw(16) << i.name << " " << i.kind
                  << (i.constructor.empty() ? "" : " " + i.constructor) << "\n";
    }
    std::cout << "\nprotocol statements: " << m.protocol_statements << "\n";
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

void print_json(const sema::CheckedModel& m) {
    std::cout << "{\"model\": " << quote(m.path) << ", \"mode\": " << quote(m.mode) << ",\n \"modes\": [";
    for (size_t k = 0; k < m.modes.size(); ++k) std::cout << (k ? ", " : "") << quote(m.modes[k]);
    std::cout << "],\n \"parameters\": {";
    for (size_t k = 0; k < m.params.size(); ++k) {
        std::cout << (k ? ",\n   " : "") << quote(m.params[k].name) << ": "
                  << sema::value_to_json(m.params[k].value);
    }
    std::cout << "},\n \"groups\": [";
    for (size_t k = 0; k < m.groups.size(); ++k) {
        const auto& g = m.groups[k];
        std::cout << (k ? ", " : "") << "{\"name\": " << quote(g.name) << ", \"kind\": " << quote(g.kind)
                  << ", \"size\": " << (g.size ? std::to_string(static_cast<long long>(*g.size)) : "null")
                  << ", \"type\": " << quote(g.type_name) << "}";
    }
    std::cout << "],\n \"synapses\": [";
    for (size_t k = 0; k < m.synapses.size(); ++k) {
        const auto& s = m.synapses[k];
        std::cout << (k ? ", " : "") << "{\"name\": " << quote(s.name)
                  << ", \"pre\": " << quote(s.pre ? s.pre->name : "")
                  << ", \"post\": " << quote(s.post ? s.post->name : "")
                  << ", \"type\": " << quote(s.type_name) << "}";
    }
    std::cout << "],\n \"declarations\": [";
    for (size_t k = 0; k < m.instances.size(); ++k) {
        const auto& i = m.instances[k];
        std::cout << (k ? ", " : "") << "{\"name\": " << quote(i.name) << ", \"kind\": "
                  << quote(i.kind) << ", \"constructor\": " << quote(i.constructor) << "}";
    }
    std::cout << "]}\n";
}

}  // namespace

int run_info(const Command& command) {
    SizedFront front;
    bool ok = false;
    try {
        ok = compile_sized_front(command, front);  // sizes from table shapes need the tables
    } catch (const rt::TableError& e) {
        // without its tables the model is still described; such groups show no size
        std::cerr << "note: group sizes from table shapes are unknown: " << e.what() << "\n";
        front = SizedFront{};
        ok = compile_front(command, *front.session, *front.model);
    }
    driver::CompileSession& session = *front.session;
    const sema::CheckedModel& model = *front.model;
    Command quiet = command;
    quiet.json = false;  // diagnostics stay on stderr; stdout carries the info
    report_diagnostics(quiet, session);
    if (!ok) return 1;
    if (command.json) print_json(model);
    else print_text(model);
    return 0;
}

}  // namespace nj::cli
