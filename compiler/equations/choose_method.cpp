// Default integration method, in Brian2's order of preference.
#include "compiler/equations/choose_method.h"

#include "compiler/equations/cannot_integrate.h"

namespace nj::equations {

Method choose_method(const OdeSystem& system) {
    for (Method m : {Method::Exact, Method::Euler}) {
        if (cannot_integrate(m, system, {}).empty()) return m;
    }
    return Method::Heun;
}

}  // namespace nj::equations
