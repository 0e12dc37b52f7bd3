// Constructors and descriptions of checked expression types.
#include "compiler/sema/expr_type.h"

#include "compiler/sema/symbols.h"
#include "compiler/units/format_dimension.h"

namespace nj::sema {

ExprType ExprType::number(units::Dimension dim, bool integer) {
    ExprType t;
    t.kind = Kind::Number;
    t.dim = dim;
    t.integer = integer;
    return t;
}

ExprType ExprType::boolean() {
    ExprType t;
    t.kind = Kind::Boolean;
    return t;
}

ExprType ExprType::string() {
    ExprType t;
    t.kind = Kind::String;
    return t;
}

ExprType ExprType::list(units::Dimension element_dim) {
    ExprType t;
    t.kind = Kind::List;
    t.dim = element_dim;
    return t;
}

ExprType ExprType::object_ref(const Symbol* symbol) {
    ExprType t;
    t.kind = Kind::Object;
    t.object = symbol;
    return t;
}

ExprType ExprType::poison() { return ExprType{}; }

ExprType ExprType::of_value(const Value& value) {
    ExprType t;
    switch (value.kind) {
    case Value::Kind::Number:
        t = number(value.dim, value.number == static_cast<double>(static_cast<long long>(value.number)));
        break;
    case Value::Kind::Boolean: t = boolean(); break;
    case Value::Kind::String: t = string(); break;
    case Value::Kind::List: t = list(value.dim); break;
    }
    t.constant = value;
    return t;
}

std::string describe_type(const ExprType& type) {
    switch (type.kind) {
    case ExprType::Kind::Number:
        return type.dim.is_dimensionless() ? "dimensionless" : units::format_dimension(type.dim);
    case ExprType::Kind::Boolean: return "boolean";
    case ExprType::Kind::String: return "string";
    case ExprType::Kind::List:
        return type.dim.is_dimensionless() ? "list of numbers" : "list of " + units::format_dimension(type.dim);
    case ExprType::Kind::Object:
        return type.object ? describe_symbol(*type.object) : std::string("object");
    case ExprType::Kind::Poison: break;
    }
    return "erroneous value";
}

}  // namespace nj::sema

namespace nj::sema {

std::string in_unit(const ExprType& type) {
    if (type.is_number()) return in_unit(type.dim);
    return "a " + describe_type(type);
}

std::string value_phrase(const ExprType& type) {
    if (type.is_number() && type.dim.is_dimensionless()) return "a dimensionless value";
    return "a value in " + describe_type(type);
}

std::string in_unit(const units::Dimension& dim) {
    return dim.is_dimensionless() ? "dimensionless" : "in " + units::format_dimension(dim);
}

}  // namespace nj::sema
