// Construction, display and JSON text of compile-time values.
#include "compiler/sema/value.h"

#include "compiler/units/format_dimension.h"
#include "compiler/units/quantity.h"

#include <cmath>
#include <cstdio>

namespace nj::sema {

Value Value::quantity(double si_value, units::Dimension dim) {
    Value v;
    v.kind = Kind::Number;
    v.number = si_value;
    v.dim = dim;
    return v;
}

Value Value::boolean(bool value) {
    Value v;
    v.kind = Kind::Boolean;
    v.number = value ? 1.0 : 0.0;
    return v;
}

Value Value::string(std::string text) {
    Value v;
    v.kind = Kind::String;
    v.text = std::move(text);
    return v;
}

Value Value::list(std::vector<Value> items) {
    Value v;
    v.kind = Kind::List;
    if (!items.empty()) v.dim = items.front().dim;
    v.items = std::move(items);
    return v;
}

namespace {

std::string json_number(double x) {
    if (!std::isfinite(x)) return "null";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return buffer;
}

std::string json_string(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\n') {
            out += "\\n";
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
            out += buffer;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace

std::string format_value(const Value& value) {
    switch (value.kind) {
    case Value::Kind::Boolean: return value.number != 0 ? "true" : "false";
    case Value::Kind::String: return json_string(value.text);
    case Value::Kind::List: {
        std::string out = "[";
        for (size_t k = 0; k < value.items.size(); ++k) {
            if (k) out += ", ";
            out += format_value(value.items[k]);
        }
        return out + "]";
    }
    case Value::Kind::Number: break;
    }
    return units::format_quantity(units::Quantity{value.number, value.dim});
}

std::string value_to_json(const Value& value) {
    switch (value.kind) {
    case Value::Kind::Boolean: return value.number != 0 ? "true" : "false";
    case Value::Kind::String: return json_string(value.text);
    case Value::Kind::List: {
        std::string out = "[";
        for (size_t k = 0; k < value.items.size(); ++k) {
            if (k) out += ", ";
            out += value_to_json(value.items[k]);
        }
        return out + "]";
    }
    case Value::Kind::Number: break;
    }
    return "{\"value\": " + json_number(value.number) + ", \"unit\": " +
           json_string(units::format_dimension(value.dim)) + "}";
}

}  // namespace nj::sema
