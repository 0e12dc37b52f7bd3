// What the checker knows about an expression: its kind, its dimension and, if constant, its value.
#pragma once

#include "compiler/sema/value.h"
#include "compiler/units/dimension.h"

#include <optional>
#include <string>

namespace nj::sema {

struct Symbol;

/// The checked type of an expression.
/// - Number: a quantity of dimension `dim` (dimensionless for plain numbers).
/// - Boolean: a condition.   String: text.   List: elements of dimension `dim`.
/// - Object: a reference to a declared thing (a group, synapses, table, monitor...) in `object`.
/// - Poison: an error was already reported for this expression; it suppresses follow-on errors.
struct ExprType {
    enum class Kind { Number, Boolean, String, List, Object, Poison };
    Kind kind = Kind::Poison;
    units::Dimension dim;
    bool integer = false;  ///< known to hold whole numbers (indices, counts)
    std::optional<Value> constant;
    const Symbol* object = nullptr;

    static ExprType number(units::Dimension dim, bool integer = false);
    static ExprType boolean();
    static ExprType string();
    static ExprType list(units::Dimension element_dim);
    static ExprType object_ref(const Symbol* symbol);
    static ExprType poison();
    static ExprType of_value(const Value& value);

    bool is_poison() const { return kind == Kind::Poison; }
    bool is_number() const { return kind == Kind::Number; }
    bool is_boolean() const { return kind == Kind::Boolean; }
    /// A constant number, boolean or string.
    bool is_constant() const { return constant.has_value(); }
};

/// "volt", "dimensionless", "boolean", "string", "list of second", "group 'E'" — for messages.
std::string describe_type(const ExprType& type);

/// "in volt", or "dimensionless" for a plain number — for "x is ..." in messages.
std::string in_unit(const ExprType& type);

/// "in volt" or "dimensionless" for a dimension (what a unit must be).
std::string in_unit(const units::Dimension& dim);

/// "a value in volt" or "a dimensionless value".
std::string value_phrase(const ExprType& type);

}  // namespace nj::sema
