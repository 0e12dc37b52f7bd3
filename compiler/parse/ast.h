// The syntax tree of one .nj file: expressions, equations, body items and top-level declarations.
//
// Rules every consumer may assume:
// - Every node carries the source range of the text it came from.
// - The tree is built once by build_ast() and read-only afterwards; later phases keep their
//   results (dimensions, resolved symbols) in side tables keyed by node address.
// - Names are kept as written; nothing is resolved here.
#pragma once

#include "compiler/support/source_manager.h"
#include "compiler/units/rational.h"

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nj::ast {

using support::SourceRange;

/// Expression node kinds (see ast_nodes.def).
enum class ExprKind {
#define NJ_EXPR(kind, description) kind,
#include "compiler/parse/ast_nodes.def"
#undef NJ_EXPR
};

/// Human words for an expression kind, e.g. "generator expression".
const char* describe(ExprKind kind);

struct Expr;
using ExprPtr = std::unique_ptr<const Expr>;

/// One expression node. Fields by kind:
/// - Number: `number`.   Quantity: `number` times unit `text` raised to `exponent` (`20 ms`).
/// - String: `text` (escapes resolved).   Bool: `number` is 1 or 0.   Name: `text`.
/// - Call: children[0] callee, children[1..] arguments; `arg_names[k]` is the keyword of
///   argument k ("" when positional).   Index: children[0] base, children[1..] items.
/// - Member: children[0] object, `text` member name.   Prime: children[0] the function (phi').
/// - Unary: `text` "-" or "+", children[0].   Binary: `text` one of + - * / // % @ **.
/// - Compare: `text` one of < <= > >= == !=.   Logical: `text` "and" / "or".   Not: children[0].
/// - List: children are elements.   Range: children[0] .. children[1].
/// - Generator: children[0] element, `text` loop variable, children[1] iterable,
///   children[2] condition when present.
/// - Slice: children[0] start or null, children[1] stop or null (`0:10`, `:5`).
/// - Pathway: children[0] source, children[1] target; `text` "->" or "<->".
struct Expr {
    ExprKind kind = ExprKind::Number;
    SourceRange range;
    std::string text;
    double number = 0.0;
    units::Rational exponent{1};
    std::vector<ExprPtr> children;
    std::vector<std::string> arg_names;
};

/// One factor of a unit specification: `name ** exponent` (exponent negative after '/').
struct UnitFactor {
    std::string name;  ///< unit name, or "1"
    units::Rational exponent{1};
    SourceRange range;
};

/// A unit as written after ':' in equations (`volt/second`, `metre**-1`, `1`, `boolean`).
struct UnitSpec {
    std::vector<UnitFactor> factors;
    SourceRange range;
};

/// A flag in parentheses after an equation: `unless refractory`, `event-driven`, `constant`.
struct Flag {
    std::string text;  ///< words joined by single spaces or '-' as written
    SourceRange range;
};

/// One Brian2 equation line.
struct Equation {
    enum class Kind { Differential, Subexpression, Parameter };
    Kind kind = Kind::Parameter;
    std::string name;
    SourceRange name_range;
    SourceRange range;
    ExprPtr rhs;  ///< null for parameters
    UnitSpec unit;
    std::vector<Flag> flags;
};

/// Assignment operators of statements.
enum class AssignOp { Set, Add, Sub, Mul, Div };

/// Text of an assignment operator ("=", "+=", ...).
const char* spelling(AssignOp op);

/// Kinds of items that appear in bodies, blocks and the protocol.
enum class ItemKind {
    Equations,  ///< equations { ... }: `equations`
    Clause,     ///< key [name]: items  or  key [name] { items }: `key`, `name`, `children`
    Assign,     ///< exprs[0] op exprs[1]
    ExprStmt,   ///< exprs[0]
    Run,        ///< run exprs[0] [body in children]
    Repeat,     ///< repeat exprs[0] [as name] { children }
    For,        ///< for name in exprs[0] { children }
    If,         ///< if exprs[0] { children } else { else_children }
    Set,        ///< set children (Assign items)
    Freeze,     ///< freeze exprs...
    Unfreeze,   ///< unfreeze exprs...
    Store,      ///< store [name]
    Restore,    ///< restore [name]
    Analyse,    ///< analyse [name =] exprs[0]
    Apply,      ///< apply exprs[0]
    Train,      ///< train exprs[0] [body in children]
    Print,      ///< print exprs...
};

/// Keyword or description of an item kind, for messages ("run statement", "clause").
const char* describe(ItemKind kind);

/// A body, block or protocol item. Which fields are used depends on `kind` (see ItemKind).
struct Item {
    ItemKind kind = ItemKind::ExprStmt;
    SourceRange range;
    std::string key;   ///< clause key (threshold, on_pre, ...)
    SourceRange key_range;
    std::string name;  ///< clause name, loop variable, store/analyse name ("" if absent)
    SourceRange name_range;
    AssignOp op = AssignOp::Set;
    bool block_form = false;  ///< clause written with { } rather than after ':'
    bool has_body = false;    ///< run/train written with a body
    std::vector<ExprPtr> exprs;
    std::vector<Item> children;
    std::vector<Item> else_children;
    bool has_else = false;
    std::vector<Equation> equations;
};

/// import "path" [as alias]
struct ImportDecl {
    std::string path;
    std::string alias;
    SourceRange range, path_range;
};

/// param NAME [: unit] = expr [{ clauses }]   and   let NAME [: unit] = expr
struct ParamDecl {
    bool is_let = false;
    std::string name;
    SourceRange name_range, range;
    std::optional<UnitSpec> unit;
    ExprPtr value;
    std::vector<Item> body;  ///< e.g. trainable: log; bounds: 5 ms .. 50 ms
};

/// mode NAME [extends A, B] { assignments }
struct ModeDecl {
    std::string name;
    SourceRange name_range, range;
    std::vector<std::pair<std::string, SourceRange>> bases;
    std::vector<Item> items;
};

/// A formal parameter of a user function.
struct Formal {
    std::string name;
    SourceRange range;
    std::optional<UnitSpec> unit;
};

/// function NAME(formals) [: unit] = expr
struct FunctionDecl {
    std::string name;
    SourceRange name_range, range;
    std::vector<Formal> formals;
    std::optional<UnitSpec> result_unit;
    ExprPtr body;
};

/// neuron NAME { ... }  or  synapse NAME { ... }
struct TypeDecl {
    enum class Kind { Neuron, Synapse };
    Kind kind = Kind::Neuron;
    std::string name;
    SourceRange name_range, range;
    std::vector<Item> body;
};

/// KIND NAME = expr [{ body }]   or   KIND NAME(args) [{ body }]
/// e.g. `group E = LIF(n_exc)`, `poisson Bg(100, rate = 5 Hz)`, `monitor spikes(E)`.
struct InstanceDecl {
    std::string kind;
    SourceRange kind_range;
    std::string name;
    SourceRange name_range, range;
    bool call_form = false;  ///< `KIND NAME(args)`: the arguments are in `args`
    ExprPtr value;           ///< `= expr` form
    std::vector<ExprPtr> args;
    std::vector<std::string> arg_names;
    bool has_body = false;
    std::vector<Item> body;
};

/// Top-level setting `key: items`, e.g. `schedule: inputs, update, thresholds`.
struct SettingDecl {
    std::string key;
    SourceRange key_range, range;
    std::vector<Item> items;
};

/// Any top-level item, in file order (protocol statements are Items).
using TopItem = std::variant<ImportDecl, ParamDecl, ModeDecl, FunctionDecl, TypeDecl,
                             InstanceDecl, SettingDecl, Item>;

/// One parsed file.
struct ModelFile {
    support::FileId file = 0;
    std::vector<TopItem> items;
};

/// Source range of any top-level item.
SourceRange range_of(const TopItem& item);

}  // namespace nj::ast
