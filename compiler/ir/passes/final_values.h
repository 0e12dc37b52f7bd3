// Symbolic execution of one kernel body for one element: what it leaves in the arrays it
// stores at element i and what it adds to other elements, as expressions of the values at the
// start of the body. The reverse-mode adjoint (adjoint.h) differentiates these.
//
// Semantics. Statements run in order (a Load after a Store of the same array sees the stored
// value); SetLocal values are substituted where read. A Store under If stores only when its
// condition holds: it becomes select(cond, new, old), the condition read at the If. A Store at
// another element (serial kernels) must add to it, A[j] = A[j] + e, e + A[j] or A[j] - e with both
// j the same expression: it becomes the increment (e, or -e) at element j (select(cond, e, 0)
// under If); A's
// own values are not tracked (the caller refuses other reads of A).
//
// Renaming, so that one differentiation by array slot covers every quantity:
// - parameter `renamed_params[k]` becomes load(first_free_slot + k);
// - a load of an array at another element, in a value (not inside an element index), becomes
//   load(first_free_slot + renamed_params.size() + m) for the m-th distinct (array, index);
//   `elsewhere[m]` says what it reads. Element indices keep their loads: they are constants of
//   the derivative, and the caller checks that they do not vary.
// Every random draw number becomes one shared node (verify_kernel asks it of any kernel).
//
// Requires: `kernel` passes verify_kernel.   Ensures: `kernel` is not changed; `error` is empty
// or says, as a sentence fragment, which statement could not be interpreted.
//   body     v[i] = (v[i] * a);  T[post[i]] = (T[post[i]] + (v[i] * x[pre[i]]))   a renamed
//   stores   v ↦ (v[i] * array5[i])
//   adds     T at post[i] += ((v[i] * array5[i]) * array6[i]);   elsewhere  array6 = x[pre[i]]
#pragma once

#include "compiler/ir/ir.h"

#include <map>
#include <string>
#include <vector>

namespace nj::ir {

/// A read or write of one array at an element computed by `index` (an F64 expression).
struct ElementRef {
    int array = 0;
    ExprRef index;
};

/// What one element's run of a kernel body does; see the file comment.
struct FinalValues {
    std::map<int, ExprRef> stores;  ///< array stored at element i → its value at the end
    /// Accumulations at other elements: target and increment, in statement order.
    std::vector<std::pair<ElementRef, ExprRef>> additions;
    std::vector<ElementRef> elsewhere;  ///< renamed loads at other elements, by number m
    std::map<int, ExprRef> draws;       ///< draw number → its one node
    std::string error;
};

/// Runs `kernel`'s body symbolically, renaming as the file comment says.
FinalValues final_values(const Kernel& kernel, const std::vector<int>& renamed_params,
                         int first_free_slot);

}  // namespace nj::ir
