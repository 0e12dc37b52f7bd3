// Checks the arguments of constructor and analysis calls against their registered signatures.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/sema/check_expr.h"

#include <string>
#include <vector>

namespace nj::sema {

/// A registered signature: positional parameter names (the last may repeat), keywords.
struct CallSignature {
    std::string name;
    std::vector<std::string> positional;
    bool variadic = false;
    std::vector<std::string> keywords;
    bool open_keywords = false;
    bool open_positional = false;  ///< analyses: any number of positional arguments
};

/// Checks `args` (with keyword names, "" for positional) against `sig`. Positional parameters
/// named `variable` or `variables` are variable names of the first argument's group or
/// synapses. Returns the type of the first argument (poison when absent).
ExprType check_call_args(const std::vector<const ast::Expr*>& args,
                         const std::vector<std::string>& names, const CallSignature& sig,
                         SourceRange call_range, const CodeContext& context);

}  // namespace nj::sema
