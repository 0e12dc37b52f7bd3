// CPU features, asked once.
#include "runtime/cpu_features.h"

namespace nj::rt {

bool cpu_has_avx2() {
#if defined(__x86_64__)
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
#else
    return false;
#endif
}

}  // namespace nj::rt
