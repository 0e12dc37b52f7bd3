// Checks at build time that the kernel interface in abi.h is self-consistent.
#include "runtime/abi.h"

static_assert(nj::rt::abi_version >= 1, "the kernel ABI version starts at 1");
