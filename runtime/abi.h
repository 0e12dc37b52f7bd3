// The one header shared by generated code and the runtime: kernel signatures and C symbols.
#pragma once

#include <cstdint>

namespace nj::rt {

/// Version of this interface; generated code and runtime must agree.
inline constexpr int abi_version = 1;

/// What every kernel receives. The field order is part of the ABI: codegen mirrors it.
struct KernelArgs {
    double* const* arrays;  ///< array slot → element 0 of that variable's values
    const double* params;   ///< parameter slot → value (SI)
    double t;               ///< time at the start of the step, in seconds
    double dt;              ///< the step, in seconds
    uint64_t step;          ///< step number; part of every random-number key
    uint64_t seed;          ///< run seed; part of every random-number key
    int64_t begin;          ///< first element index to process
    int64_t end;            ///< one past the last element index
};

/// A compiled kernel: runs its body for each element index in [begin, end).
using KernelFn = void (*)(const KernelArgs*);

}  // namespace nj::rt
