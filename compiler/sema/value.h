// Constant values the checker computes: parameter values, sizes and folded expressions.
#pragma once

#include "compiler/units/dimension.h"

#include <string>
#include <vector>

namespace nj::sema {

/// A compile-time value. Quantities are stored in SI units (20 ms is 0.02 with dimension second).
struct Value {
    enum class Kind { Number, Boolean, String, List };
    Kind kind = Kind::Number;
    double number = 0.0;  ///< SI magnitude for Number, 0/1 for Boolean
    units::Dimension dim;
    std::string text;          ///< String
    std::vector<Value> items;  ///< List

    static Value quantity(double si_value, units::Dimension dim);
    static Value boolean(bool value);
    static Value string(std::string text);
    static Value list(std::vector<Value> items);
};

/// Readable text of a value: "20 ms", "true", "\"data.csv\"", "[1, 2.5, 3]".
std::string format_value(const Value& value);

/// JSON text of a value for params.json: {"value": 0.02, "unit": "second"} for quantities,
/// plain JSON for booleans, strings and lists.
std::string value_to_json(const Value& value);

}  // namespace nj::sema
