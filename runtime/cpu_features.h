// What the CPU the runtime runs on can do, for the few loops written for an instruction set.
#pragma once

namespace nj::rt {

/// Whether this CPU runs AVX2 (the batched random numbers and the spike scan use it where it
/// does; results are the same either way).
bool cpu_has_avx2();

}  // namespace nj::rt
