#include "check_helpers.h"
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
using namespace nj::sema::testing;
static void dump(const std::vector<Diag>& ds) {
    for (auto& d : ds) {
        std::cout << "   " << d.code_at() << " | " << d.message;
        for (auto& l : d.labels) std::cout << " [L " << l << "]";
        for (auto& h : d.helps) std::cout << " [H " << h << "]";
        for (auto& n : d.notes) std::cout << " [N " << n << "]";
        std::cout << "\n";
    }
}
TEST_CASE("zz_probe") {
    const char* f = std::getenv("PROBE");
    if (!f) return;
    std::ifstream in(f);
    std::string line, block;
    // format: lines "E <expr>" or "EN <expr>" (noise) or "EG" (generator) ; or "M" ... "END" model block; "S name=val" overrides before M; "O mode"
    std::vector<std::pair<std::string, std::string>> sets;
    std::string mode;
    while (std::getline(in, line)) {
        if (line.rfind("E ", 0) == 0 || line.rfind("EN ", 0) == 0 || line.rfind("EG ", 0) == 0 || line.rfind("ER ", 0) == 0) {
            auto sp = line.find(' ');
            ExprOptions o;
            std::string tag = line.substr(0, sp);
            if (tag == "EN") o.noise = true;
            if (tag == "EG") o.generator = true;
            if (tag == "ER") o.random = false;
            auto t = type_of(line.substr(sp + 1), o);
            std::cout << line << "\n   => " << t.unit() << (t.constant() ? " const " + std::to_string(t.value()) : "") << (t.type.integer ? " int" : "") << "\n";
            dump(t.diags);
        } else if (line.rfind("S ", 0) == 0) {
            auto eq = line.find('=');
            sets.push_back({line.substr(2, eq - 2), line.substr(eq + 1)});
        } else if (line.rfind("O ", 0) == 0) {
            mode = line.substr(2);
        } else if (line == "M") {
            block.clear();
            while (std::getline(in, line) && line != "END") block += line + "\n";
            auto c = check_with(block, mode, sets);
            std::cout << "---- model (mode '" << mode << "')\n" << block << "   => " << c.codes() << "\n";
            dump(c.diags);
            for (auto& p : c.model->params) std::cout << "   param " << p.name << " = " << nj::sema::format_value(p.value) << " (" << p.origin << ")\n";
            sets.clear(); mode.clear();
        }
    }
}
