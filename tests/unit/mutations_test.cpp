// Mutated library models (tokens deleted, units swapped, names misspelled, files truncated, lines
// duplicated) never crash the checker, and every diagnostic points into a real file or nowhere.
//
// The mutations are drawn from a fixed seed, so a failure names a mutation that reproduces.
#include "compiler/driver/compile_model.h"
#include "compiler/support/diag_codes.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace nj;

namespace {

/// Mutations of each kind drawn per model; the whole test stays well under ten seconds.
constexpr int mutations_per_kind = 6;

struct Token {
    size_t begin = 0;
    size_t end = 0;
    bool is_name = false;
};

/// A rough split into names, numbers, strings and single punctuation characters; comments and
/// blanks are skipped. Good enough to pick tokens to delete or rename.
std::vector<Token> tokenize(const std::string& text) {
    std::vector<Token> tokens;
    size_t k = 0;
    auto is_word = [&](size_t at) {
        unsigned char c = static_cast<unsigned char>(text[at]);
        return std::isalnum(c) || c == '_' || c >= 0x80;
    };
    while (k < text.size()) {
        char c = text[k];
        if (c == '#') {
            while (k < text.size() && text[k] != '\n') ++k;
        } else if (std::isspace(static_cast<unsigned char>(c))) {
            ++k;
        } else if (c == '"') {
            size_t end = text.find_first_of("\"\n", k + 1);
            end = end == std::string::npos ? text.size() : end + 1;
            tokens.push_back({k, end, false});
            k = end;
        } else if (is_word(k)) {
            size_t end = k;
            while (end < text.size() && (is_word(end) || text[end] == '.')) ++end;
            bool name = std::isalpha(static_cast<unsigned char>(c)) || c == '_';
            tokens.push_back({k, end, name});
            k = end;
        } else {
            tokens.push_back({k, k + 1, false});
            ++k;
        }
    }
    return tokens;
}

/// A tiny deterministic generator (the standard distributions differ between libraries).
class Random {
public:
    explicit Random(uint64_t seed) : state_(seed) {}
    size_t below(size_t n) {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return n == 0 ? 0 : static_cast<size_t>((state_ >> 33) % n);
    }

private:
    uint64_t state_;
};

const std::vector<std::string>& unit_names() {
    static const std::vector<std::string> units = {
        "mV", "ms", "nS", "pF", "Hz", "nA", "pA", "uS", "volt", "second", "amp", "siemens",
        "ohm", "Mohm", "metre", "cm", "um", "kHz", "s", "mM", "farad", "1"};
    return units;
}

struct Mutation {
    std::string what;
    std::string text;
};

std::string with_replaced(const std::string& text, size_t begin, size_t end,
                          const std::string& by) {
    return text.substr(0, begin) + by + text.substr(end);
}

std::string line_col(const std::string& text, size_t offset) {
    size_t line = 1 + std::count(text.begin(), text.begin() + offset, '\n');
    size_t start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    size_t col = start == std::string::npos ? offset + 1 : offset - start;
    return std::to_string(line) + ":" + std::to_string(col);
}

std::vector<Mutation> mutations_of(const std::string& text, Random& random) {
    std::vector<Mutation> out;
    std::vector<Token> tokens = tokenize(text);
    std::vector<Token> names, units;
    for (const auto& t : tokens) {
        std::string word = text.substr(t.begin, t.end - t.begin);
        if (std::find(unit_names().begin(), unit_names().end(), word) != unit_names().end()) {
            units.push_back(t);
        } else if (t.is_name && word.size() >= 3) {
            names.push_back(t);
        }
    }
    std::vector<size_t> line_starts{0};
    for (size_t k = 0; k < text.size(); ++k) {
        if (text[k] == '\n' && k + 1 < text.size()) line_starts.push_back(k + 1);
    }
    for (int n = 0; n < mutations_per_kind && !tokens.empty(); ++n) {
        const Token& t = tokens[random.below(tokens.size())];
        out.push_back({"token at " + line_col(text, t.begin) + " deleted",
                       with_replaced(text, t.begin, t.end, "")});
    }
    for (int n = 0; n < mutations_per_kind && !units.empty(); ++n) {
        const Token& t = units[random.below(units.size())];
        const std::string& by = unit_names()[random.below(unit_names().size())];
        out.push_back({"unit at " + line_col(text, t.begin) + " swapped for '" + by + "'",
                       with_replaced(text, t.begin, t.end, by)});
    }
    for (int n = 0; n < mutations_per_kind && !names.empty(); ++n) {
        const Token& t = names[random.below(names.size())];
        std::string word = text.substr(t.begin, t.end - t.begin);
        size_t at = random.below(word.size() - 1);
        std::swap(word[at], word[at + 1]);
        out.push_back({"name at " + line_col(text, t.begin) + " misspelled as '" + word + "'",
                       with_replaced(text, t.begin, t.end, word)});
    }
    for (int n = 0; n < mutations_per_kind && !text.empty(); ++n) {
        size_t at = random.below(text.size());
        out.push_back({"truncated at " + line_col(text, at), text.substr(0, at)});
    }
    for (int n = 0; n < mutations_per_kind; ++n) {
        size_t line = random.below(line_starts.size());
        size_t begin = line_starts[line];
        size_t end = line + 1 < line_starts.size() ? line_starts[line + 1] : text.size();
        std::string copy = text.substr(begin, end - begin);
        if (copy.empty() || copy.back() != '\n') copy += '\n';
        out.push_back({"line " + std::to_string(line + 1) + " duplicated",
                       text.substr(0, end) + copy + text.substr(end)});
    }
    static const std::string stray = "(){}[]:;=,+-*/<>.\"'\\";
    for (int n = 0; n < mutations_per_kind && !tokens.empty(); ++n) {
        const Token& t = tokens[random.below(tokens.size())];
        std::string by(1, stray[random.below(stray.size())]);
        out.push_back({"'" + by + "' inserted at " + line_col(text, t.begin),
                       with_replaced(text, t.begin, t.begin, by)});
    }
    return out;
}

/// Names the mutation being checked if the checker exits on an internal error.
std::string current_mutation;

void name_current_mutation() {
    if (!current_mutation.empty()) {
        std::cerr << "mutations_test: the checker stopped while checking " << current_mutation
                  << "\n";
    }
}

bool range_ok(const support::SourceRange& r, const support::SourceManager& sources) {
    if (r.file == 0) return true;
    return r.valid() && r.file <= sources.file_count() && r.end <= sources.text(r.file).size();
}

/// Checks one mutated text; returns what is wrong with the result (empty when fine).
std::string check_mutation(const fs::path& model, const std::string& text) {
    driver::CompileSession session;
    sema::CheckedModel checked;
    driver::CompileOptions options;
    options.check.library_dirs = driver::default_library_dirs();
    options.check.root_text = text;
    try {
        driver::compile_model(session, model.string(), options, checked);
    } catch (const std::exception& e) {
        return std::string("exception: ") + e.what();
    } catch (...) {
        return "unknown exception";
    }
    std::ostringstream problems;
    for (const auto& d : session.diags().diagnostics()) {
        if (d.code == support::DiagCode::InternalError) problems << "internal error: " << d.message;
        if (!range_ok(d.range, session.sources())) problems << "bad location: " << d.message;
        for (const auto& label : d.labels) {
            if (!range_ok(label.range, session.sources())) {
                problems << "bad label location '" << label.text << "': " << d.message;
            }
        }
    }
    if (problems.tellp() > 0) return problems.str();
    std::ostringstream rendered;  // drawing the source lines under each message must work too
    session.diags().render(rendered, false);
    return "";
}

std::vector<fs::path> library_models() {
    std::vector<fs::path> models;
    for (const auto& entry : fs::directory_iterator(fs::path(NJ_SOURCE_DIR) / "models")) {
        if (entry.is_regular_file() && entry.path().extension() == ".nj") {
            models.push_back(entry.path());
        }
    }
    std::sort(models.begin(), models.end());
    return models;
}

}  // namespace

TEST_CASE("mutations: mutated library models never crash the checker") {
    std::atexit(name_current_mutation);
    std::vector<fs::path> models = library_models();
    REQUIRE_FALSE(models.empty());
    Random random(20240601);
    size_t checked = 0;
    for (const auto& model : models) {
        std::ifstream in(model, std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        for (const auto& mutation : mutations_of(text, random)) {
            current_mutation = model.filename().string() + " with " + mutation.what;
            std::string problem = check_mutation(model, mutation.text);
            if (!problem.empty()) FAIL_CHECK(current_mutation << ": " << problem);
            ++checked;
        }
    }
    current_mutation.clear();
    CHECK(checked >= models.size() * mutations_per_kind * 4);
}
