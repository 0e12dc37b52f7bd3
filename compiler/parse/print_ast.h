// Text dumps of the syntax tree for `neurojit check --dump-ast` and for tests.
#pragma once

#include "compiler/parse/ast.h"
#include "compiler/support/source_manager.h"

#include <string>

namespace nj::parse {

/// An indented dump of a whole file, one line per declaration, item and equation, two spaces
/// per level, e.g.
///   param tau_m = (20 ms)
///   neuron LIF
///     equations
///       dv/dt = ((El - v) / tau_m) : volt (unless refractory)
///     clause threshold: (v > Vt)
/// The text holds no positions, so it stays stable when unrelated lines move.
std::string print_ast(const ast::ModelFile& file, const support::SourceManager& sources);

/// One expression, every operation in parentheses so structure is visible: `-x**2` prints
/// as `(-(x ** 2))`, `20 ms` as `(20 ms)`, a call as `f(a, p = 0.1)`, a slice as `0:10`.
std::string print_expr(const ast::Expr& expr);

/// A unit specification as its flattened factors: `siemens/metre**2` prints as
/// `siemens * metre**-2`.
std::string print_unit(const ast::UnitSpec& unit);

}  // namespace nj::parse
