// Lowers calls (built-in functions, random numbers, user functions) and folded constants.
#pragma once

#include "compiler/lower/lower_context.h"

#include <optional>

namespace nj::lower {

/// `f(args)`: built-ins map to IR math, `where` to a select, user functions are inlined.
ir::ExprRef lower_call(const ast::Expr& call, KernelBuilder& builder, const ElementScope& scope,
                       const Bindings& bindings, LowerContext& context);

/// The value the checker computed for a constant expression (numbers, booleans, strings,
/// lists), or nothing when it is not constant. Reports nothing.
std::optional<sema::Value> constant_value(const ast::Expr& expr, LowerContext& context);

/// An expression the checker folds to a constant number or string (`sizes[0]`, `len(layers)`,
/// `"box"`), as a constant; anything else is reported as unsupported.
ir::ExprRef lower_constant(const ast::Expr& expr, LowerContext& context);

/// The number a string stands for in kernels: a 52-bit FNV-1a hash of its text, exact in a
/// double. Kernels only compare strings (==, !=), so equal texts give equal numbers and distinct
/// texts differ except with probability about 2^-52 per pair.
double string_code(const std::string& text);

}  // namespace nj::lower
