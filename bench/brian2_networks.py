#!/usr/bin/env python3
"""Brian2's CUBA, COBA, STDP or Brunel network (the parameters of models/cuba.nj, coba.nj, stdp_song.nj, brunel_sparse.nj), timed: JSON.

Usage: /usr/bin/python3 bench/brian2_networks.py [--network cuba|coba|stdp|brunel] [--neurons N] [--exc N]
           [--p P] [--duration S] [--seed S] [--target cython|numpy|cpp_standalone]
           [--cache-dir D]

Timings (seconds, wall-clock): "import" (import brian2), "build" (creating the groups and
synapses, connecting, generating and compiling every code object: everything up to the first
simulated step) and "simulate" (Brian2's own measure of its main loop, device._last_run_time).
The Cython target falls back to numpy when a test compilation fails; "target" says which ran.
With cpp_standalone (project in --cache-dir, or a temporary folder), "build" is Python's part and
"standalone" splits the rest: "codegen" (writing the C++ project), "make" (compiling it),
"binary" (running the program) and "main_loop" (the program's own measure of its run).
"""
import argparse
import json
import sys
import time
import warnings

t_import_start = time.perf_counter()
warnings.filterwarnings("ignore")  # Debian's pythran warns about numpy aliases on import
import brian2 as b2  # noqa: E402
from brian2 import mV, ms, nS, pF, second  # noqa: E402
from brian2.devices.device import get_device  # noqa: E402
t_import = time.perf_counter() - t_import_start


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", choices=["cuba", "coba", "stdp", "brunel"], default="cuba")
    ap.add_argument("--inputs", type=int, default=1000, help="stdp: Poisson inputs")
    ap.add_argument("--neurons", type=int, default=4000)
    ap.add_argument("--exc", type=int, default=3200)
    ap.add_argument("--p", type=float, default=0.02)
    ap.add_argument("--duration", type=float, default=1.0, help="seconds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--target", choices=["cython", "numpy", "cpp_standalone"], default="cython")
    ap.add_argument("--cache-dir", default=None, help="Cython cache (default: Brian2's)")
    return ap.parse_args()


def choose_target(args):
    """Cython if a test compilation works, else numpy; returns (target, reason or None)."""
    if args.target in ("numpy", "cpp_standalone"):
        return args.target, None
    if args.cache_dir:
        b2.prefs.codegen.runtime.cython.cache_dir = args.cache_dir
    from brian2.codegen.runtime.cython_rt import CythonCodeObject
    if CythonCodeObject.is_available():
        return "cython", None
    return "numpy", "cython test compilation failed"


def with_projections(P, ns, args):
    """Both benchmarks' synapses: the first N_exc neurons excite, the rest inhibit, each pair
    connected with probability p; and a spike monitor."""
    Ce = b2.Synapses(P, P, on_pre="ge += we", namespace=ns)
    Ci = b2.Synapses(P, P, on_pre="gi += wi", namespace=ns)
    Ce.connect(f"i<{args.exc}", p=args.p)
    Ci.connect(f"i>={args.exc}", p=args.p)
    mon = b2.SpikeMonitor(P)
    return b2.Network(P, Ce, Ci, mon), mon, (Ce, Ci)


def build_coba(args):
    """Conductance-based LIF with the parameters of models/coba.nj (Brette et al. 2007, bench 2)."""
    ns = dict(Cm=200 * pF, gl=10 * nS, taue=5 * ms, taui=10 * ms, El=-60 * mV, Ee=0 * mV,
              Ei=-80 * mV, Vt=-50 * mV, Vr=-60 * mV, we=6 * nS, wi=67 * nS)
    eqs = """
    dv/dt = (gl*(El-v) + ge*(Ee-v) + gi*(Ei-v))/Cm : volt (unless refractory)
    dge/dt = -ge/taue : siemens
    dgi/dt = -gi/taui : siemens
    """
    P = b2.NeuronGroup(args.neurons, eqs, threshold="v>Vt", reset="v = Vr",
                       refractory=5 * ms, method="euler", namespace=ns)
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = "(randn() * 1.5 + 4) * 10*nS"
    P.gi = "(randn() * 12 + 20) * 10*nS"
    return with_projections(P, ns, args)


def build_stdp(args):
    """Song, Miller & Abbott (2000) as models/stdp_song.nj: Poisson inputs at 15 Hz onto one
    conductance-driven LIF neuron through additive STDP synapses (all-to-one), weights clipped
    to [0, gmax]; spike monitors on the neuron and the inputs, two recorded weights."""
    taupre = taupost = 20 * ms
    gmax, rel = 0.01, 0.01
    ns = dict(taum=10 * ms, taue=5 * ms, Ee=0 * mV, vt=-54 * mV, vr=-60 * mV, El=-74 * mV,
              taupre=taupre, taupost=taupost, gmax=gmax, dApre=rel * gmax,
              dApost=-rel * taupre / taupost * 1.05 * gmax)
    eqs = """
    dv/dt = (ge * (Ee - vr) + El - v) / taum : volt
    dge/dt = -ge / taue : 1
    """
    inputs = b2.PoissonGroup(args.inputs, rates=15 * b2.Hz)
    neuron = b2.NeuronGroup(1, eqs, threshold="v>vt", reset="v = vr", method="exact", namespace=ns)
    S = b2.Synapses(inputs, neuron, """w : 1
                    dApre/dt = -Apre / taupre : 1 (event-driven)
                    dApost/dt = -Apost / taupost : 1 (event-driven)""",
                    on_pre="""ge += w
                    Apre += dApre
                    w = clip(w + Apost, 0, gmax)""",
                    on_post="""Apost += dApost
                    w = clip(w + Apre, 0, gmax)""", namespace=ns)
    S.connect()
    S.w = "rand() * gmax"
    mon = b2.SpikeMonitor(neuron)
    traces = b2.StateMonitor(S, "w", record=[0, 1], dt=100 * ms)
    return b2.Network(inputs, neuron, S, mon, b2.SpikeMonitor(inputs), traces), mon, (S,)


def build_brunel(args):
    """Brunel (2000) model A as models/brunel_sparse.nj: delta synapses with delay D, fixed
    in-degrees C_E = 80 and C_I = 20 (sources drawn without repetition per target), C_E external
    Poisson inputs per neuron at eta * nu_thr (PoissonInput)."""
    import numpy as np
    c_exc, c_inh, J, g, eta, theta, tau = 80, 20, 1 * mV, 5, 2, 20 * mV, 20 * ms
    ns = dict(tau=tau, theta=theta, V_r=10 * mV, J=J, g=g)
    P = b2.NeuronGroup(args.neurons, "dV/dt = -V / tau : volt (unless refractory)",
                       threshold="V > theta", reset="V = V_r", refractory=2 * ms,
                       method="exact", namespace=ns)
    P.V = "V_r + rand() * (theta - V_r)"
    rng = np.random.default_rng(args.seed)

    def fixed_in_degree(first, count, degree):
        pre = np.concatenate([rng.choice(count, degree, replace=False) + first
                              for _ in range(args.neurons)])
        return pre, np.repeat(np.arange(args.neurons), degree)

    Ce = b2.Synapses(P, P, on_pre="V_post += J", delay=1.5 * ms, namespace=ns)
    Ci = b2.Synapses(P, P, on_pre="V_post += -g * J", delay=1.5 * ms, namespace=ns)
    pre, post = fixed_in_degree(0, args.exc, c_exc)
    Ce.connect(i=pre, j=post)
    pre, post = fixed_in_degree(args.exc, args.neurons - args.exc, c_inh)
    Ci.connect(i=pre, j=post)
    nu_thr = theta / (J * c_exc * tau)
    ext = b2.PoissonInput(P, "V", N=c_exc, rate=eta * nu_thr, weight=J)
    mon = b2.SpikeMonitor(P)
    return b2.Network(P, Ce, Ci, ext, mon), mon, (Ce, Ci)


def build(args):
    """The network of Brian2's examples/CUBA.py with N, N_exc and p as arguments."""
    if args.network == "coba":
        return build_coba(args)
    if args.network == "brunel":
        return build_brunel(args)
    if args.network == "stdp":
        args.neurons = args.exc = 1  # rates below are the output neuron's
        return build_stdp(args)
    taum, taue, taui = 20 * ms, 5 * ms, 10 * ms
    Vt, Vr, El = -50 * mV, -60 * mV, -49 * mV
    we = (60 * 0.27 / 10) * mV
    wi = (-20 * 4.5 / 10) * mV
    eqs = """
    dv/dt  = (ge+gi-(v-El))/taum : volt (unless refractory)
    dge/dt = -ge/taue : volt
    dgi/dt = -gi/taui : volt
    """
    ns = dict(taum=taum, taue=taue, taui=taui, Vt=Vt, Vr=Vr, El=El, we=we, wi=wi)
    P = b2.NeuronGroup(args.neurons, eqs, threshold="v>Vt", reset="v = Vr",
                       refractory=5 * ms, method="exact", namespace=ns)
    P.v = "Vr + rand() * (Vt - Vr)"
    P.ge = 0 * mV
    P.gi = 0 * mV
    return with_projections(P, ns, args)


def main():
    args = parse_args()
    b2.BrianLogger.log_level_error()
    target, fallback = choose_target(args)
    standalone = None
    if target == "cpp_standalone":
        import tempfile
        project = args.cache_dir or tempfile.mkdtemp(prefix="brian2-standalone-")
        b2.set_device("cpp_standalone", directory=project, build_on_run=False)
    else:
        b2.prefs.codegen.target = target
    b2.seed(args.seed)

    t0 = time.perf_counter()
    net, mon, projections = build(args)
    net.run(args.duration * second, namespace={})
    if target == "cpp_standalone":
        device = get_device()
        t_python = time.perf_counter() - t0
        device.build(directory=project, compile=True, run=True, with_output=False)
        total_build = time.perf_counter() - t0 - t_python
        make = (device.timers["compile"]["clean"] or 0) + device.timers["compile"]["make"]
        binary = device.timers["run_binary"]
        standalone = {"codegen": total_build - make - binary, "make": make, "binary": binary,
                      "main_loop": device._last_run_time}
    total = time.perf_counter() - t0
    simulate = get_device()._last_run_time
    synapses = sum(len(p) for p in projections)  # standalone: known only after the run

    i = mon.i[:]
    n_inh = args.neurons - args.exc
    result = {
        "brian2": b2.__version__,
        "network": args.network,
        "target": target,
        "target_fallback_reason": fallback,
        "counts": {"neurons": args.neurons, "synapses": int(synapses),
                   "spikes": int(mon.num_spikes)},
        "rates_hz": {
            "all": mon.num_spikes / args.neurons / args.duration,
            "exc": int((i < args.exc).sum()) / args.exc / args.duration,
            "inh": int((i >= args.exc).sum()) / n_inh / args.duration if n_inh else 0.0,
        },
        "timings": {"import": t_import, "build": total - simulate, "simulate": simulate},
    }
    if standalone:
        result["standalone"] = standalone
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
