// A named, shaped array of doubles: the form in which analyses hand numeric results to their
// caller (who writes them to the run directory). Shared by every analysis library.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace nj::rt {

/// A row-major array of doubles. shape {} is a scalar, {n} a vector, {r, c} a matrix; the
/// product of shape equals values.size().
struct NamedArray {
    std::string name;
    std::vector<double> values;
    std::vector<size_t> shape;
};

}  // namespace nj::rt
