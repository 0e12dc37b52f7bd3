// The one header shared by generated code and the runtime: kernel signatures and C symbols.
#pragma once

#include <cstdint>

namespace nj::rt {

/// Version of this interface; generated code and runtime must agree.
inline constexpr int abi_version = 1;

}  // namespace nj::rt
