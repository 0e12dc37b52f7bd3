// The checked model: what `check` established and what `info` and later phases read.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/symbols.h"
#include "compiler/sema/value.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace nj::sema {

/// A resolved parameter (or derived value) and where its value came from.
struct ParamInfo {
    std::string name;
    Value value;
    bool is_let = false;
    bool trainable = false;
    std::string origin;  ///< "default", "mode fast", "--set"
    SourceRange decl;
};

/// A declared instance that is neither a group nor synapses (monitor, input, table, ...).
struct InstanceInfo {
    std::string kind;
    std::string name;
    std::string constructor;  ///< e.g. "state" for `monitor v = state(E, v)`
    SourceRange decl;
};

/// Everything `check` resolved. Groups and synapses live in deques so pointers stay valid.
struct CheckedModel {
    std::string path;
    std::string mode;
    std::vector<std::string> modes;
    std::vector<ParamInfo> params;
    std::deque<GroupInfo> groups;
    std::deque<SynapsesInfo> synapses;
    std::vector<InstanceInfo> instances;
    std::vector<std::string> neuron_types;
    std::vector<std::string> synapse_types;
    size_t protocol_statements = 0;
    std::vector<ast::ModelFile> files;  ///< the parsed files, importer last
    /// Every global name the checker resolved (parameters, functions, groups, instances), so
    /// later phases resolve names exactly as the checker did.
    std::unique_ptr<Scope> globals = std::make_unique<Scope>();
};

}  // namespace nj::sema
