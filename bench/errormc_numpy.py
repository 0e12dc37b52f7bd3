#!/usr/bin/env python3
"""The errormc student 4-2-1 against an ANN teacher 4-2-1 in plain numpy, timed per step: JSON.

Usage: /usr/bin/python3 bench/errormc_numpy.py [--steps N] [--repeats R] [--settle N] [--seed S]

A peer for models/error_microcircuit.nj --mode errormc with fw_skip = bw_skip = realistic_conn =
false, written from shared/specs/error_microcircuits.md in the style of the original
(kma-code/Error-Neuron-Microcircuits, numpy_model/, which is not available here): per-layer lists
of numpy vectors and matrices, one method evolving the network by one time step in the update
order of spec §0.5, the teacher stepped alongside on the same input. Not bit for bit the original
(other random streams), but the same per-step work:

  teacher (§4, §5.1)  r = tanh(u) per area, then u_k := ĝ_out W_k r_(k-1) (one dt latency
                      per area)
  student (§1)        old copies (rates, input, v_bas, v_den, v_api); ŭ from (u, u_prev) with
                      the population's tau (§0.4); r = tanh(ŭ), φ'(ŭ), error rates ψ(ŭ^I)
                      linear; u_prev := u; v_bas = W r_(k-1), v_api = B^PI r^I,
                      v_den = (W^IP φ') ⊙ (B^II r^I), output error drive W^IP (φ' ⊙ (r* - r))
                      while nudged; du = dt (u_eff - u) / tau; when learning:
                      B^II := W_(k+1)^T + Xi (before this step's dW),
                      dW^PP = dt η (ŭ - ĝ v_bas_old) ⊗ r_old, dW^IP = -dt η_IP (W^IP - I),
                      dB^PI likewise; then u += du, W += dW.
  input (§5.3)        step: i.i.d. U(0, 1)^4 vectors, each held 20 steps, the training set
                      shuffled every epoch (100 samples = 2000 steps).

One repeat: a fresh network (the same seed every repeat), settling (--settle steps, no target, no
learning; untimed), then --steps training steps with nudging and learning, timed with
time.perf_counter around the loop alone. Prints JSON: the per-step wall time of every repeat and
their median, and the squared output error ‖r_L - r*‖² (§1.6) averaged over the first and the
last 2000 training steps of the first repeat (it learns if the second is smaller).
"""
import argparse
import json
import statistics
import sys
import time

import numpy as np

# conductances (1/ms) and time step (ms), spec §0.1, §0.2
gl, gbas, gapi, gden, gntgt = 0.03, 0.1, 0.06, 0.1, 0.06
dt = 0.01
Tpres = 0.2
gP = gl + gbas + gapi
ghat = gbas / gP
ghat_out = gbas / (gl + gbas)


def phi(x):
    return np.tanh(x)


def dphi(x):
    return 1.0 - np.tanh(x) ** 2


def psi(x):  # error_activation = linear
    return x


class ANNTeacher:
    """Layered ANN (§4): u jumps to its drive, r = tanh(u), no lookahead, no learning."""

    def __init__(self, layers, rng):
        self.layers = layers
        self.W = [rng.uniform(-1, 1, size=(layers[k + 1], layers[k]))
                  for k in range(len(layers) - 1)]
        self.u = [rng.normal(0, 1, size=n) for n in layers[1:]]
        self.r = [phi(u) for u in self.u]

    def evolve_system(self, r0):
        self.r = [phi(u) for u in self.u]
        self.u = [ghat_out * self.W[0] @ r0] + [
            ghat_out * self.W[k] @ self.r[k - 1] for k in range(1, len(self.W))]


class ErrorMC:
    """errormc student (§1), layered: W^PP_k (n_k x n_(k-1)), W^IP_k, B^PI_k and
    B^II_k (m_k x m_(k+1))."""

    def __init__(self, layers, error_layers, eta_fw, rng, WT_noise=0.5):
        self.layers = layers
        self.error_layers = error_layers
        L = len(layers) - 1
        self.L = L
        self.eta_fw = eta_fw
        self.eta_IP = [0.0] * L
        self.eta_PI = [0.0] * L
        # voltages u ~ N(0, 1) (§0.7); u_prev starts equal to u
        self.uP = [rng.normal(0, 1, size=n) for n in layers[1:]]
        self.uI = [rng.normal(0, 1, size=m) for m in error_layers[1:]]
        self.uP_old = [u.copy() for u in self.uP]
        self.uI_old = [u.copy() for u in self.uI]
        # tau of each population (§1.3): rep units 1/g_P, hidden error units 1/(gl+gden),
        # output error units 1/(gl+gntgt)
        self.tauP = [1 / gP] * L
        self.tauI = [1 / (gl + gden)] * (L - 1) + [1 / (gl + gntgt)]
        # weights (§1.5)
        self.WPP = [rng.uniform(-1, 1, size=(layers[k + 1], layers[k])) for k in range(L)]
        # rectangular identities
        self.IIP = [np.eye(error_layers[k + 1], layers[k + 1]) for k in range(L)]
        self.IPI = [np.eye(layers[k + 1], error_layers[k + 1]) for k in range(L)]
        self.WIP = [self.IIP[k] + rng.uniform(-0.3, 0.3, size=self.IIP[k].shape) for k in range(L)]
        self.BPI = [self.IPI[k] + rng.uniform(-0.3, 0.3, size=self.IPI[k].shape) for k in range(L)]
        self.Xi = [rng.uniform(-WT_noise, WT_noise,
                               size=(error_layers[k + 1], error_layers[k + 2]))
                   for k in range(L - 1)]
        self.BII = [self.tied_BII(k) for k in range(L - 1)]   # BP: W^T + Xi from the start
        # rates and dendrites of the last step
        self.uP_breve = [u.copy() for u in self.uP]
        self.uI_breve = [u.copy() for u in self.uI]
        self.rP_breve = [phi(u) for u in self.uP_breve]
        self.rI_breve = [psi(u) for u in self.uI_breve]
        self.dphi_P = [dphi(u) for u in self.uP_breve]
        self.r0 = np.zeros(layers[0])
        self.vbas = [np.zeros(n) for n in layers[1:]]
        self.vapi = [np.zeros(n) for n in layers[1:]]
        self.vden = [np.zeros(m) for m in error_layers[1:]]

    def tied_BII(self, k):
        """B^II_k := (Ĩ_IP W_(k+1) Ĩ_PI)^T + Xi_k (model_type BP, §1.4)."""
        return (self.IIP[k + 1] @ self.WPP[k + 1] @ self.IPI[k]).T + self.Xi[k]

    def evolve_system(self, r0, rstar, learn=True, nudge=True):
        L = self.L
        # 1. old copies
        rP_breve_old = [r.copy() for r in self.rP_breve]
        r0_old = self.r0.copy()
        vbas_old = [v.copy() for v in self.vbas]
        self.vden_old = [v.copy() for v in self.vden]
        self.vapi_old = [v.copy() for v in self.vapi]
        # 2. prospective voltages, rates, phi'
        self.uP_breve = [self.uP_old[k] + self.tauP[k] * (self.uP[k] - self.uP_old[k]) / dt
                         for k in range(L)]
        self.uI_breve = [self.uI_old[k] + self.tauI[k] * (self.uI[k] - self.uI_old[k]) / dt
                         for k in range(L)]
        self.rP_breve = [phi(u) for u in self.uP_breve]
        self.dphi_P = [dphi(u) for u in self.uP_breve]
        self.rI_breve = [psi(u) for u in self.uI_breve]
        # 3. u_prev := u, store the input
        self.uP_old = [u.copy() for u in self.uP]
        self.uI_old = [u.copy() for u in self.uI]
        self.r0 = r0.copy()
        # 4. dendrites from the current rates (B^II of the previous step)
        self.vbas = [self.WPP[0] @ self.r0] + [self.WPP[k] @ self.rP_breve[k - 1]
                                               for k in range(1, L)]
        self.vapi = [self.BPI[k] @ self.rI_breve[k] for k in range(L)]
        self.vden = [(self.WIP[k] @ self.dphi_P[k]) * (self.BII[k] @ self.rI_breve[k + 1])
                     for k in range(L - 1)]
        if nudge:
            e_tgt = self.WIP[L - 1] @ (self.dphi_P[L - 1] * (rstar - self.rP_breve[L - 1]))
        else:
            e_tgt = np.zeros(self.error_layers[L])
        # 5. somatic increments
        duP = [dt * (self.tauP[k] * (gbas * self.vbas[k] + gapi * self.vapi[k]) - self.uP[k])
               / self.tauP[k] for k in range(L)]
        duI = [dt * (self.tauI[k] * gden * self.vden[k] - self.uI[k]) / self.tauI[k]
               for k in range(L - 1)]
        duI.append(dt * (self.tauI[L - 1] * gntgt * e_tgt - self.uI[L - 1]) / self.tauI[L - 1])
        # 6. weight increments; tied B^II re-set from the current W first
        if learn:
            self.BII = [self.tied_BII(k) for k in range(L - 1)]
            pre = [r0_old] + rP_breve_old[:L - 1]
            dWPP = [dt * self.eta_fw[k] * np.outer(self.uP_breve[k] - ghat * vbas_old[k], pre[k])
                    for k in range(L)]
            dWIP = [-dt * self.eta_IP[k] * (self.WIP[k] - self.IIP[k]) for k in range(L)]
            dBPI = [-dt * self.eta_PI[k] * (self.BPI[k] - self.IPI[k]) for k in range(L)]
        # 7. apply
        self.uP = [self.uP[k] + duP[k] for k in range(L)]
        self.uI = [self.uI[k] + duI[k] for k in range(L)]
        if learn:
            self.WPP = [self.WPP[k] + dWPP[k] for k in range(L)]
            self.WIP = [self.WIP[k] + dWIP[k] for k in range(L)]
            self.BPI = [self.BPI[k] + dBPI[k] for k in range(L)]


def build(args):
    """Teacher, student and the step data set (§5.3), seeded as in §0.7 (not the same streams)."""
    layers, error_layers = [4, 2, 1], [0, 2, 1]
    eta_fw = [2.0, 0.2]                          # 1/ms, Fig. 3 errormc 4-2-1
    teacher_seed = 123055
    data = np.random.RandomState(teacher_seed).uniform(
        0, 1, size=(3 * args.dataset_size, layers[0]))
    teacher = ANNTeacher(layers, np.random.RandomState(teacher_seed))
    student = ErrorMC(layers, error_layers, eta_fw, np.random.RandomState(args.seed))
    shuffler = np.random.RandomState(args.seed)   # the student's own generator (§0.7)
    return teacher, student, data, shuffler


def one_repeat(args):
    teacher, student, data, shuffler = build(args)
    n_pres = round(Tpres / dt)
    train = data[:args.dataset_size]
    # settling on the training inputs in file order: no target, no learning (untimed)
    for n in range(args.settle):
        r0 = train[(n // n_pres) % args.dataset_size]
        rstar = teacher.r[-1]
        teacher.evolve_system(r0)
        student.evolve_system(r0, rstar, learn=False, nudge=False)
    # training: shuffled every epoch, nudging and learning on (timed)
    steps_per_epoch = args.dataset_size * n_pres
    se = np.empty(args.steps)
    order = None
    t0 = time.perf_counter()
    for n in range(args.steps):
        if n % steps_per_epoch == 0:
            order = shuffler.permutation(args.dataset_size)
        r0 = train[order[(n % steps_per_epoch) // n_pres]]
        rstar = teacher.r[-1]           # the teacher's output rate at the start of the step
        teacher.evolve_system(r0)
        student.evolve_system(r0, rstar, learn=True, nudge=True)
        se[n] = np.sum((student.rP_breve[-1] - rstar) ** 2)
    elapsed = time.perf_counter() - t0
    return elapsed / args.steps, se


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=20000, help="timed training steps per repeat")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--settle", type=int, default=2000)
    ap.add_argument("--dataset-size", type=int, default=100)
    ap.add_argument("--seed", type=int, default=56789)
    args = ap.parse_args()
    window = min(2000, args.steps // 2)
    per_step, first_se = [], None
    for r in range(args.repeats):
        t, se = one_repeat(args)
        per_step.append(t)
        if first_se is None:
            first_se = se
    result = {
        "steps": args.steps,
        "repeats": args.repeats,
        "per_step_s": per_step,
        "per_step_median_s": statistics.median(per_step),
        "mse_window_steps": window,
        "mse_first": float(np.mean(first_se[:window])),
        "mse_last": float(np.mean(first_se[-window:])),
        "python": sys.version.split()[0],
        "numpy": np.__version__,
    }
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
