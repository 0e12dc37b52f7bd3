#!/usr/bin/python3
"""Numpy port of the 4-2-1 teacher-student experiment of the error-neuron microcircuit paper.

WHAT THIS IS
    A port written from the spec `../shared/specs/error_microcircuits.md` (the shared folder beside the repository) (which
    describes kma-code/Error-Neuron-Microcircuits, numpy_model/). It is NOT the original
    code. It re-implements, with the same `np.random` call order, the four student models
    of Fig 3 (4-2-1 net, step input, ANN teacher, --task fw_only --compare BP):
        errormc         error-neuron microcircuit (skip mode, realistic connectivity, BP + 0.5 noise)
        sacramento2018  dendritic cortical microcircuit (layered, SPS init, dWPP_use_activation)
        dPC             dendritic predictive coding (layered, linear student)
        ann             layered rate ANN with explicit backprop errors
    For each student it also runs the "untrained" twin (epochs=1, all eta=0).

HOW TO RUN
    /usr/bin/python3 tools/errormc_reference_port.py --seed 56789 --epochs 200 \
        [--students errormc,sacramento2018,dPC,ann] [--out FILE.json] [--no-untrained]
        [--compare-ref ../shared/reference_runs/error_microcircuits]   # diff vs the original's outputs
        [--full-compare]      # replay all 211 records for the dW-vs-BP angle (default: first and last)
    Multi-seed statistics (trained + untrained, all students, table with mean/geo-mean/range):
    /usr/bin/python3 tools/errormc_reference_port.py --seeds 1-10 --epochs 200 \
        --out /tmp/errormc_port_seeds.json [--ref-json OUT_OF_THE_SEED_56789_RUN.json]
    Runtime (one core, 200 epochs): errormc ~17 s, sacramento2018 ~18-22 s, dPC ~13-16 s,
    ann ~8 s, untrained twins <1 s each; ~60-70 s per seed for all eight runs.

WHAT IT REPRODUCED
    Seed 56789, 200 epochs, against shared/reference_runs/error_microcircuits (original code):
    all four students, trained and untrained, agree with the original to <= 5e-11 relative in
    every stored number: test MSE (skip10, last-dt), every validation value (all-steps and
    last-dt), all 211 (or 3) train-MSE snapshots, final W, the W^T-vs-B angles (first/last)
    and the dW-vs-BP angles (first/last record; with --full-compare all 211 records of errormc
    agree to 4e-9). E.g. errormc test MSE 1.958034e-4 (ref 1.958034e-4), dW-BP angle at the
    end 13.08455 / 0.1200021 deg (ref identical), W^T-B 38.0680 -> 18.0203 deg.

    Details the spec leaves open, pinned by matching the reference (see OPTS):
      * errormc skip init draws all 3x3 blocks of W row-major (incl. input rows and zero-scaled
        blocks), then B^II blocks, then W^IP_1, W^IP_2, then B^PI_1, B^PI_2. Xi is the first draw
        of the model's RandomState (before any shuffle); the ANN draws nothing there.
      * sacramento2018/dPC: B^PP = W2^T + Xi at construction, SPS is built from that B^PP.
      * teacher targets: rate = the output computed in the previous step; voltage = current u.
      * target delay: the first L steps of the first sample keep that sample's own target.
      * every epoch shuffles the previous epoch's shuffled arrays (not the raw set).
      * ANN: hidden error uses a stored B = W2^T re-set in the synapse routine (one update lag).
      * the compare replay chains on the model state; for the last record the second-to-last
        (same W) is replayed first to reproduce that state.
"""
import argparse
import json
import sys
import time

import numpy as np

# ---------------------------------------------------------------- constants (spec 0.2)
GL, GBAS, GAPI, GDEN, GNI, GNTGT = 0.03, 0.1, 0.06, 0.1, 0.06, 0.06
DT, TPRES = 0.01, 0.2
STEPS = int(round(TPRES / DT))          # 20 steps per sample
SETTLE_STEPS = int(round(20 / DT))      # settling_time 20 ms
REC_PER_STEPS = 2000
WT_NOISE = 0.5
DATASET_SIZE = 100
LAYERS = [4, 2, 1]
L = len(LAYERS) - 1                     # number of weight layers (= target delay, dt_offset)

G_P = GL + GBAS + GAPI                  # rep/pyramidal leak+basal+apical conductance
GHAT = GBAS / G_P                       # basal attenuation
GHAT_OUT = GBAS / (GL + GBAS)           # output attenuation without target (sac/dPC), every layer in the ANN
TAU_P = 1.0 / G_P

# Fig 3 learning rates for 4-2-1 (spec 7.2)
ETA = {
    'errormc': dict(fw=[2.0, 0.2]),
    'sacramento2018': dict(fw=[0.1, 0.02], IP=[0.04]),
    'dPC': dict(fw=[0.1, 0.02], PI=[0.04]),
    'ann': dict(fw=[2.0, 0.2]),
}

# Variants for details the spec leaves open (chosen by matching the reference run).
OPTS = dict(
    teacher_record='attr',   # 'attr': record the output computed in the previous step; 'state': phi(u) of current state
    delay_fill='own',        # first L steps of the delayed series keep the first sample's own target
    shuffle_compose=True,    # each epoch shuffles the previous epoch's (already shuffled) arrays
    teacher_volt_state=True, # voltage targets: record the current state u (not last step's lookahead)
)


# ---------------------------------------------------------------- activations (spec 0.6)
def tanh(x):
    return np.tanh(x)


def dtanh(x):
    # code's derivative: 1 - tanh(x*s - o)^2 with default slope/offset
    return 1.0 - np.tanh(x) ** 2


def lin(x):
    return x


def dlin(x):
    return np.ones_like(x)


def angle(A, B):
    """Angle in degrees between two matrices (trace cosine), snapped to 0 when |1-cos|<1e-6."""
    na, nb = np.linalg.norm(A), np.linalg.norm(B)
    with np.errstate(invalid='ignore', divide='ignore'):
        c = np.sum(A * B) / (na * nb)
    if not np.isfinite(c):
        return 0.0   # NaN from zero updates -> 0 (notebook)
    if abs(1.0 - c) < 1e-6:
        return 0.0
    return float(np.degrees(np.arccos(np.clip(c, -1.0, 1.0))))


# ---------------------------------------------------------------- initialisation (spec 0.7, 1.5)
def init_voltages(seed, sizes_P, sizes_I):
    """u^P ~ N(0,1) per area, then u^I ~ N(0,1), with the global seed = model seed."""
    np.random.seed(seed)
    uP = [np.random.normal(0, 1, size=n) for n in sizes_P]
    uI = [np.random.normal(0, 1, size=n) for n in sizes_I]
    return uP, uI


def init_layered_weights(seed, lay, wpp=(-1, 1), wip=(0, 0), bpp=(-1, 1), bpi=(0, 0)):
    """Layered init: re-seed, then WPP, WIP, BPP, BPI (PAL order) with uniform draws."""
    np.random.seed(seed)
    WPP = [np.random.uniform(wpp[0], wpp[1], size=(lay[i + 1], lay[i])) for i in range(len(lay) - 1)]
    WIP = [np.random.uniform(wip[0], wip[1], size=(lay[i + 2], lay[i + 1])) for i in range(len(lay) - 2)]
    BPP = [np.random.uniform(bpp[0], bpp[1], size=(lay[i + 1], lay[i + 2])) for i in range(len(lay) - 2)]
    BPI = [np.random.uniform(bpi[0], bpi[1], size=(lay[i + 1], lay[i + 2])) for i in range(len(lay) - 2)]
    return WPP, WIP, BPP, BPI


# ---------------------------------------------------------------- model: ANN (spec 4)
class ANN:
    """Layered rate ANN; voltages jump to the drive in one step, errors are one-step state."""
    name = 'ann'
    rate_target = True

    def __init__(self, seed, eta_fw):
        self.seed = seed
        uP, uI = init_voltages(seed, LAYERS[1:], LAYERS[2:])
        self.W = init_layered_weights(seed, LAYERS)[0]
        self.B = self.W[1].T.copy()
        self.rng = np.random.RandomState(seed)
        self.eta = list(eta_fw)
        self.u = [u.copy() for u in uP]
        self.e = [np.zeros(n) for n in LAYERS[1:]]          # error vectors in the u^I slots
        self.r = [tanh(u) for u in self.u]
        self.r0 = np.zeros(LAYERS[0])

    def output_rate(self):
        return self.r[-1]

    def step(self, r0, tgt, learn, compare=False):
        r_old, r0_old = self.r, self.r0
        u1, u2 = self.u
        r1, r2 = tanh(u1), tanh(u2)            # no lookahead
        d1, d2 = dtanh(u1), dtanh(u2)
        e1, e2 = self.e
        self.r, self.r0 = [r1, r2], r0
        W1, W2 = self.W
        vb1, vb2 = W1 @ r0, W2 @ r1
        # new errors from current values (single step)
        ne2 = d2 * (tgt - r2) if tgt is not None else np.zeros_like(e2)
        # hidden error from the stored (one update old) backward matrix B = W2^T
        ne1 = d1 * (self.B @ e2)
        dW = None
        if learn or compare:
            self.B = W2.T                      # tied backward weights re-set in the synapse routine
            pre = [r0_old, r_old[0]]
            post = [e1, e2]
            eta = [1.0, 1.0] if compare else self.eta
            dW = [DT * eta[k] * np.outer(post[k], pre[k]) for k in range(2)]
        self.u = [u1 + (GHAT_OUT * vb1 - u1), u2 + (GHAT_OUT * vb2 - u2)]
        self.e = [ne1, ne2]
        if learn:
            self.W = [self.W[k] + dW[k] for k in range(2)]
        self.out_r, self.out_u = r2, u2
        return dW

    def mse(self, tgt):
        return float(np.sum((self.out_r - tgt) ** 2))

    def forward_mats(self):
        return list(self.W)

    def layer_dW(self, dW):
        return dW

    def snapshot(self):
        return dict(W=[w.copy() for w in self.W])

    def load(self, s):
        self.W = [w.copy() for w in s['W']]


# ---------------------------------------------------------------- model: errormc (spec 1)
class ErrorMC:
    """Error-neuron microcircuit, skip mode over x=[r0; r1; r2] with realistic connectivity."""
    name = 'errormc'
    rate_target = True

    def __init__(self, seed, eta_fw):
        self.seed = seed
        n = LAYERS
        m = [0] + LAYERS[1:]             # error_layers
        uP, uI = init_voltages(seed, n[1:], m[1:])
        # weights: re-seed, then all 3x3 blocks of W row-major (U(range*M)), then B^II blocks,
        # then W^IP, then B^PI (ranges +-0.3 around I)
        np.random.seed(seed)
        N = sum(n)
        off = np.cumsum([0] + n)
        # M: connectivity csv transposed, padded with input row/col; for 4-2-1 only the
        # hierarchical blocks (1<-0, 2<-1) have scale 1, the skip block 2<-0 is 0 after tril
        M = np.zeros((3, 3))
        M[1, 0] = 1.0
        M[2, 1] = 1.0
        W = np.zeros((N, N))
        for i in range(3):
            for j in range(3):
                W[off[i]:off[i + 1], off[j]:off[j + 1]] = np.random.uniform(-1 * M[i, j], 1 * M[i, j], size=(n[i], n[j]))
        self.W = np.tril(W, -1)
        # B^II blocks over the error areas (drawn only to advance the RNG: BP mode overwrites it)
        Mt = sum(m[1:])
        moff = np.cumsum([0] + m[1:])
        BII = np.zeros((Mt, Mt))
        for i in range(2):
            for j in range(2):
                BII[moff[i]:moff[i + 1], moff[j]:moff[j + 1]] = np.random.uniform(-1, 1, size=(m[i + 1], m[j + 1]))
        self.WIP = [np.eye(m[k], n[k]) + np.random.uniform(-0.3, 0.3, size=(m[k], n[k])) for k in (1, 2)]
        self.BPI = [np.eye(n[k], m[k]) + np.random.uniform(-0.3, 0.3, size=(n[k], m[k])) for k in (1, 2)]
        self.n0 = n[0]
        self.rng = np.random.RandomState(seed)      # BP noise first, then all shuffles
        self.Xi = self.rng.uniform(-WT_NOISE, WT_NOISE, size=(Mt, Mt))
        self.BII = self.tied_B()                    # BP mode overrides the drawn B^II at once
        self.eta_blocks = np.zeros((N, N))   # eta matrix, fill_scaled -> diag for 4-2-1
        self.eta_blocks[off[1]:off[2], off[0]:off[1]] = eta_fw[0]
        self.eta_blocks[off[2]:off[3], off[1]:off[2]] = eta_fw[1]
        self.eta_mask = np.zeros((N, N))     # compare mode: eta = 1 on the learned blocks
        self.eta_mask[off[1]:off[2], off[0]:off[1]] = 1.0
        self.eta_mask[off[2]:off[3], off[1]:off[2]] = 1.0
        self.uP = np.concatenate(uP)
        self.uI = np.concatenate(uI)
        self.uP_prev = self.uP.copy()
        self.uI_prev = self.uI.copy()
        self.tauI = np.array([1.0 / (GL + GDEN)] * m[1] + [1.0 / (GL + GNTGT)] * m[2])
        self.x = np.concatenate([np.zeros(n[0]), tanh(self.uP)])
        self.vbas = np.zeros(N - n[0])

    def tied_B(self):
        # B^II := triu(W_rr^T + Xi); triu also keeps noise inside the diagonal (intra-area) blocks
        Wrr = self.W[self.n0:, self.n0:]
        return np.triu(Wrr.T + self.Xi)

    def output_rate(self):
        return self.x[-1:]

    def step(self, r0, tgt, learn, compare=False):
        n0 = self.n0
        x_old, vbas_old = self.x, self.vbas
        # 2. lookahead voltages and rates
        uPb = self.uP_prev + TAU_P * (self.uP - self.uP_prev) / DT
        rP = tanh(uPb)
        dP = dtanh(uPb)
        uIb = self.uI_prev + self.tauI * (self.uI - self.uI_prev) / DT
        rI = uIb                                   # linear error activation
        # 3.
        self.uP_prev, self.uI_prev = self.uP, self.uI
        # 4. dendrites from current rates and input
        x = np.concatenate([r0, rP])
        vbas = (self.W @ x)[n0:]
        vapi = np.concatenate([self.BPI[0] @ rI[:2], self.BPI[1] @ rI[2:]])
        BIIr = self.BII @ rI
        vden = (self.WIP[0] @ dP[:2]) * BIIr[:2]
        # 5. somatic increments
        ueffP = TAU_P * (GBAS * vbas + GAPI * vapi)
        duP = DT * (ueffP - self.uP) / TAU_P
        tI1 = self.tauI[0]
        duI1 = DT * (tI1 * (GDEN * vden) - self.uI[:2]) / tI1
        tIL = self.tauI[2]
        if tgt is not None:
            ueffL = tIL * (GNTGT * (self.WIP[1] @ (dP[2:] * (tgt - rP[2:]))))
        else:
            ueffL = np.zeros(1)
        duI2 = DT * (ueffL - self.uI[2:]) / tIL
        # 6. weight increments (synapse routine), B^II re-set from current W first
        dW = None
        if learn or compare:
            self.BII = self.tied_B()
            post = np.concatenate([np.zeros(n0), uPb - GHAT * vbas_old])
            eta = self.eta_mask if compare else self.eta_blocks
            dW = DT * eta * np.outer(post, x_old)
        # 7. apply
        self.uP = self.uP + duP
        self.uI = self.uI + np.concatenate([duI1, duI2])
        if learn:
            self.W = self.W + dW
        self.x, self.vbas = x, vbas
        self.out_r = rP[2:]
        return dW

    def mse(self, tgt):
        return float(np.sum((self.out_r - tgt) ** 2))

    def forward_mats(self):
        return [self.W[4:6, 0:4], self.W[6:7, 4:6]]

    def layer_dW(self, dW):
        return [dW[4:6, 0:4], dW[6:7, 4:6]]

    def snapshot(self):
        return dict(W=self.W.copy(), BII=self.BII.copy(), WIP=[w.copy() for w in self.WIP],
                    BPI=[b.copy() for b in self.BPI])

    def load(self, s):
        self.W = s['W'].copy()
        self.BII = s['BII'].copy()
        self.WIP = [w.copy() for w in s['WIP']]
        self.BPI = [b.copy() for b in s['BPI']]

    def angle_WT_B(self, s):
        Wrr = s['W'][self.n0:, self.n0:]
        return angle(Wrr.T, s['BII'])


# ---------------------------------------------------------------- models: sacramento2018 / dPC (spec 2, 3)
class Sacramento:
    """Dendritic cortical microcircuit (dpc=False) or dendritic predictive coding (dpc=True)."""
    rate_target = False

    def __init__(self, seed, eta, dpc=False):
        self.seed = seed
        self.dpc = dpc
        self.name = 'dPC' if dpc else 'sacramento2018'
        uP, uI = init_voltages(seed, LAYERS[1:], LAYERS[2:])
        WPP, WIP, BPP, BPI = init_layered_weights(seed, LAYERS)
        self.W = WPP
        self.rng = np.random.RandomState(seed)
        self.Xi = self.rng.uniform(-WT_NOISE, WT_NOISE, size=BPP[0].shape)
        self.BPP = WPP[1].T + self.Xi                          # BP mode at construction
        self.phi, self.dphi = (lin, dlin) if dpc else (tanh, dtanh)
        if dpc:
            # square lateral B^PI, put into the SPS: -ghat_{k+1} B^PP W_{k+1}
            self.BPI = -GHAT_OUT * self.BPP @ WPP[1]
            self.WIP = WIP[0]
        else:
            self.BPI = -self.BPP
            c = GBAS * (GL + GDEN) / (GDEN * (GL + GBAS))      # = 1.0, area 2 is the output
            self.WIP = c * WPP[1]
        self.eta_fw = list(eta['fw'])
        self.eta_IP = eta.get('IP', [0.0])[0]
        self.eta_PI = eta.get('PI', [0.0])[0]
        self.uP = [u.copy() for u in uP]
        self.uP_prev = [u.copy() for u in uP]
        self.uI = uI[0].copy()
        self.uI_prev = uI[0].copy()
        self.tauL = 1.0 / (GL + GBAS + GNTGT)
        self.tauI = 1.0 / (GL + GDEN + GNI)
        self.r1 = self.phi(self.uP[0])
        self.rI = self.r1.copy() if dpc else tanh(self.uI)
        self.r0 = np.zeros(LAYERS[0])
        self.vbas = [np.zeros(2), np.zeros(1)]
        self.vapi = np.zeros(2)
        self.vden = np.zeros(1)

    def output_rate(self):
        return self.out_r

    def step(self, r0, tgt, learn, compare=False):
        phi = self.phi
        r0_old, r1_old, rI_old = self.r0, self.r1, self.rI
        vbas_old, vapi_old, vden_old = self.vbas, self.vapi, self.vden
        # 2. lookahead
        ub1 = self.uP_prev[0] + TAU_P * (self.uP[0] - self.uP_prev[0]) / DT
        ub2 = self.uP_prev[1] + self.tauL * (self.uP[1] - self.uP_prev[1]) / DT
        r1, r2 = phi(ub1), phi(ub2)
        if self.dpc:
            rI = r1_old                       # own rate from the previous step
        else:
            ubI = self.uI_prev + self.tauI * (self.uI - self.uI_prev) / DT
            rI = tanh(ubI)                    # phi_{k+1}
        # 3.
        self.uP_prev = self.uP
        self.uI_prev = self.uI
        # 4. dendrites
        W1, W2 = self.W
        vb1, vb2 = W1 @ r0, W2 @ r1
        vapi = self.BPP @ r2 + self.BPI @ rI
        vden = self.WIP @ r1
        # 5. somatic increments
        du1 = DT * (TAU_P * (GBAS * vb1 + GAPI * vapi) - self.uP[0]) / TAU_P
        if tgt is not None:
            ueff2 = self.tauL * (GBAS * vb2 + GNTGT * tgt)
        else:
            ueff2 = GBAS * vb2 / (GL + GBAS)
        du2 = DT * (ueff2 - self.uP[1]) / self.tauL
        if not self.dpc:
            duI = DT * (self.tauI * (GDEN * vden + GNI * ub2) - self.uI) / self.tauI
        # 6. synapse routine
        dW = None
        if learn or compare:
            self.BPP = W2.T + self.Xi
            if not self.dpc:
                self.BPI = -self.BPP
            eta = [1.0, 1.0] if compare else self.eta_fw
            ghat = [GHAT, GHAT_OUT]
            if self.dpc:
                post = [ub1 - ghat[0] * vbas_old[0], ub2 - ghat[1] * vbas_old[1]]
            else:   # dWPP_use_activation
                post = [phi(ub1) - phi(ghat[0] * vbas_old[0]), phi(ub2) - phi(ghat[1] * vbas_old[1])]
            pre = [r0_old, r1_old]
            dW = [DT * eta[k] * np.outer(post[k], pre[k]) for k in range(2)]
            if learn and not self.dpc and self.eta_IP != 0:
                self.WIP = self.WIP + DT * self.eta_IP * np.outer(rI - tanh(GDEN / (GL + GDEN) * vden_old), r1_old)
            if learn and self.dpc and self.eta_PI != 0:
                self.BPI = self.BPI - DT * self.eta_PI * np.outer(vapi_old, rI_old)
        # 7. apply
        self.uP = [self.uP[0] + du1, self.uP[1] + du2]
        if not self.dpc:
            self.uI = self.uI + duI
        if learn:
            self.W = [W1 + dW[0], W2 + dW[1]]
        self.r0, self.r1, self.rI = r0, r1, rI
        self.vbas, self.vapi, self.vden = [vb1, vb2], vapi, vden
        self.out_r = r2
        return dW

    def mse(self, tgt):
        return float(np.sum((self.out_r - self.phi(tgt)) ** 2))

    def forward_mats(self):
        return list(self.W)

    def layer_dW(self, dW):
        return dW

    def snapshot(self):
        return dict(W=[w.copy() for w in self.W], BPP=self.BPP.copy(), BPI=self.BPI.copy(), WIP=self.WIP.copy())

    def load(self, s):
        self.W = [w.copy() for w in s['W']]
        self.BPP = s['BPP'].copy()
        self.BPI = s['BPI'].copy()
        self.WIP = s['WIP'].copy()

    def angle_WT_B(self, s):
        return angle(s['W'][1].T, s['BPP'])


def make_student(name, seed, untrained=False):
    eta = ETA[name]
    if untrained:
        eta = {k: [0.0] * len(v) for k, v in eta.items()}
    if name == 'errormc':
        return ErrorMC(seed, eta['fw'])
    if name == 'sacramento2018':
        return Sacramento(seed, eta, dpc=False)
    if name == 'dPC':
        return Sacramento(seed, eta, dpc=True)
    if name == 'ann':
        return ANN(seed, eta['fw'])
    raise ValueError(name)


# ---------------------------------------------------------------- teacher and data (spec 5.1, 5.3)
def teacher_seed_for(seed):
    np.random.seed(seed)
    return np.random.randint(100000, 999999)


def make_teacher_data(seed):
    tseed = teacher_seed_for(seed)
    teacher = ANN(tseed, [0.0, 0.0])
    np.random.seed(tseed)
    X = np.random.uniform(0, 1, size=(3 * DATASET_SIZE, LAYERS[0]))
    ex = lambda A: np.repeat(A, STEPS, axis=0)
    Xtr, Xva, Xte = ex(X[:DATASET_SIZE]), ex(X[DATASET_SIZE:2 * DATASET_SIZE]), ex(X[2 * DATASET_SIZE:])
    # settle, then train+validation, then test; record output before each step
    for n in range(SETTLE_STEPS):
        teacher.step(Xtr[n % len(Xtr)], None, False)
    rec_r, rec_u = [], []
    for series in (Xtr, Xva, Xte):
        rr, uu = [], []
        for x in series:
            if OPTS['teacher_record'] == 'attr':
                rr.append(teacher.out_r.copy())     # output computed during the previous step
                uu.append(teacher.u[-1].copy() if OPTS['teacher_volt_state'] else teacher.out_u.copy())
            else:
                rr.append(tanh(teacher.u[-1]))      # output of the current state
                uu.append(teacher.u[-1].copy())
            teacher.step(x, None, False)
        rec_r.append(np.array(rr))
        rec_u.append(np.array(uu))
    return dict(tseed=tseed, teacher_W=[w.tolist() for w in teacher.W], X=(Xtr, Xva, Xte),
                T_rate=rec_r, T_volt=rec_u)


def shuffle_delay(rng, X, T):
    """Shuffle (input, target) sample pairs (last dt of each block), re-expand, delay target by L."""
    xs, ts = X[STEPS - 1::STEPS], T[STEPS - 1::STEPS]
    idx = np.arange(len(xs))
    rng.shuffle(idx)
    xs, ts = xs[idx], ts[idx]
    Xn, Tn = np.repeat(xs, STEPS, axis=0), np.repeat(ts, STEPS, axis=0)
    if OPTS['delay_fill'] == 'roll':
        Tn = np.roll(Tn, L, axis=0)
    elif OPTS['delay_fill'] == 'own':
        Tn = np.concatenate([Tn[:L], Tn[:-L]])
    else:
        Tn = np.concatenate([np.zeros_like(Tn[:L]), Tn[:-L]])
    return Xn, Tn


# ---------------------------------------------------------------- BP reference for the angle (spec 6)
def bp_grads(model, r0, tgt):
    W1, W2 = model.forward_mats()
    phi, dphi = (model.phi, model.dphi) if isinstance(model, Sacramento) else (tanh, dtanh)
    g = GHAT_OUT if isinstance(model, ANN) else GHAT
    v1 = g * (W1 @ r0)
    r1 = phi(v1)
    v2 = g * (W2 @ r1)
    if isinstance(model, Sacramento):
        v2 = v2 * G_P / (GL + GBAS)
    r2 = phi(v2)
    e2 = dphi(v2) * (tgt - r2) if model.rate_target else (tgt - v2)
    e1 = dphi(v1) * (W2.T @ e2)
    return [np.outer(e1, r0), np.outer(e2, r1)]


def compare_replay(model, snap, X, T):
    """Replay the final training set with nudging, weights from snap, no weight change; mean angles."""
    model.load(snap)
    angs = []
    for n in range(len(X)):
        dW = model.step(X[n], T[n], learn=False, compare=True)
        if n % STEPS == STEPS - 1:
            mdW = model.layer_dW(dW)
            bp = bp_grads(model, X[n], T[n])
            angs.append([angle(mdW[k], bp[k]) for k in range(2)])
    return np.mean(np.array(angs), axis=0).tolist()


# ---------------------------------------------------------------- protocol (spec 5.2, 6)
def run_student(name, seed, data, epochs, untrained=False, full_compare=False):
    t0 = time.time()
    model = make_student(name, seed, untrained)
    Xtr, Xva, Xte = data['X']
    Ttr, Tva, Tte = data['T_rate'] if model.rate_target else data['T_volt']
    counter = [0]
    snaps, rec_mse = [], []

    def tick(mse_val):
        counter[0] += 1
        if counter[0] % REC_PER_STEPS == 0:
            snaps.append(model.snapshot())
            if mse_val is not None:
                rec_mse.append(mse_val)

    for n in range(SETTLE_STEPS):
        model.step(Xtr[n % len(Xtr)], None, False)
        tick(None)
    X, T = Xtr, Ttr
    val_X, val_T = Xva, Tva
    val_all, val_last = [], []
    for e in range(epochs):
        if OPTS['shuffle_compose']:
            X, T = shuffle_delay(model.rng, X, T)
        else:
            X, T = shuffle_delay(model.rng, Xtr, Ttr)
        for n in range(len(X)):
            model.step(X[n], T[n], True)
            m = model.mse(T[n]) if (counter[0] + 1) % REC_PER_STEPS == 0 else None
            tick(m)
        if (10 * e) % epochs == 0:
            # validation: no nudging, plasticity stays on; shuffle happens after reading the arrays
            ms = []
            for n in range(len(val_X)):
                model.step(val_X[n], None, True)
                ms.append(model.mse(val_T[n]))
                tick(ms[-1])
            ms = np.array(ms)
            val_all.append(float(ms.mean()))
            val_last.append(float(ms[STEPS - 1::STEPS].mean()))
            val_X, val_T = shuffle_delay(model.rng, val_X, val_T)
    tX, tT = shuffle_delay(model.rng, Xte, Tte)
    ms = []
    for n in range(len(tX)):
        model.step(tX[n], None, False)
        ms.append(model.mse(tT[n]))
        tick(ms[-1])
    ms = np.array(ms)
    t_train = time.time() - t0
    res = dict(student=name, seed=seed, untrained=untrained, epochs=epochs,
               val_mse_mean_per_validation=val_all, val_mse_lastdt_mean_per_validation=val_last,
               test_mse_mean=float(ms.mean()), test_mse_median=float(np.median(ms)),
               test_mse_lastdt_mean=float(ms[STEPS - 1::STEPS].mean()),
               test_mse_mean_skip10=float(ms[10:].mean()),
               train_mse_recorded_every_rec_per_steps=rec_mse,
               final_W=[w.tolist() for w in (model.W if isinstance(model.W, list) else [model.W])])
    if name != 'ann':
        res['angle_WT_B_first'] = model.angle_WT_B(snaps[0])
        res['angle_WT_B_last'] = model.angle_WT_B(snaps[-1])
    # dW-vs-BP angles: records skip the settling snapshot; replays chain on the model state
    # Without --full-compare only the first and last records are replayed; the second-to-last
    # record (same W, end of training) is replayed first to bring the carried-over voltages into
    # the state the full chain would have (the small late-training dW is sensitive to it).
    recs = snaps[1:]
    idx = range(len(recs)) if full_compare else sorted({0, len(recs) - 2, len(recs) - 1})
    per = {}
    for i in idx:
        per[i] = compare_replay(model, recs[i], X, T)
    res['angle_dW_BP_first'] = per[0]
    res['angle_dW_BP_last'] = per[len(recs) - 1]
    if full_compare:
        res['angle_dW_BP_per_record'] = [per[i] for i in range(len(recs))]
    res['runtime_s'] = time.time() - t0
    res['runtime_train_s'] = t_train
    return res


# ---------------------------------------------------------------- reference comparison
def compare_with_reference(results, refdir):
    print('\n=== comparison with reference outputs in', refdir)
    for r in results:
        pre = '421_untrained_' if r['untrained'] else '421_'
        try:
            ref = json.load(open(f"{refdir}/{pre}{r['student']}_metrics.json"))['students'][0]
        except OSError:
            continue
        print(f"-- {pre}{r['student']}")

        def row(lbl, a, b):
            a, b = np.atleast_1d(np.array(a, float)), np.atleast_1d(np.array(b, float))
            if a.shape != b.shape:
                print(f'   {lbl:28s} shape mismatch {a.shape} vs {b.shape}')
                return
            rel = np.max(np.abs(a - b) / np.maximum(np.abs(b), 1e-300)) if b.size else 0
            print(f'   {lbl:28s} port {np.array2string(a[:4], precision=10)} ref {np.array2string(b[:4], precision=10)} max rel diff {rel:.2e}')

        row('test_mse_mean_skip10', r['test_mse_mean_skip10'], ref['test_mse_mean_skip10'])
        row('test_mse_lastdt_mean', r['test_mse_lastdt_mean'], ref['test_mse_lastdt_mean'])
        row('val_mse_mean (all val)', r['val_mse_mean_per_validation'], ref['val_mse_mean_per_validation'])
        row('val_mse_lastdt (all val)', r['val_mse_lastdt_mean_per_validation'], ref['val_mse_lastdt_mean_per_validation'])
        a = np.array(r['train_mse_recorded_every_rec_per_steps'])
        b = np.array(ref['train_mse_recorded_every_rec_per_steps'])
        if a.shape == b.shape:
            rel = np.abs(a - b) / np.abs(b)
            bad = np.where(rel > 1e-6)[0]
            print(f'   train-mse snapshots: max rel diff {rel.max():.2e}; first index with rel>1e-6: {bad[0] if len(bad) else None}')
        key = 'angle_WPPT_BII_time_series' if r['student'] == 'errormc' else 'angle_WPPT_BPP_time_series'
        if r['student'] != 'ann':
            row('angle W^T-B first', r['angle_WT_B_first'], ref[key + '_first'])
            row('angle W^T-B last', r['angle_WT_B_last'], ref[key + '_last'])
        row('angle dW-BP first rec', r['angle_dW_BP_first'], ref['angle_dWPP_vs_BP_first_record_mean'])
        row('angle dW-BP last rec', r['angle_dW_BP_last'], ref['angle_dWPP_vs_BP_last_record_mean'])
        row('final W', np.concatenate([np.ravel(w) for w in r['final_W']]),
            np.concatenate([np.ravel(w) for w in ref['final_WPP']]))


METRICS = [  # (label, key in result, index, which run)
    ('test MSE trained', 'test_mse_mean_skip10', None, 'trained'),
    ('test MSE untrained', 'test_mse_mean_skip10', None, 'untrained'),
    ('W^T-B angle first', 'angle_WT_B_first', None, 'trained'),
    ('W^T-B angle last', 'angle_WT_B_last', None, 'trained'),
    ('dW-BP hidden first', 'angle_dW_BP_first', 0, 'trained'),
    ('dW-BP output first', 'angle_dW_BP_first', 1, 'trained'),
    ('dW-BP hidden last', 'angle_dW_BP_last', 0, 'trained'),
    ('dW-BP output last', 'angle_dW_BP_last', 1, 'trained'),
]


def per_seed_metrics(results):
    """{student: {metric label: value}} from one seed's result list."""
    out = {}
    for r in results:
        d = out.setdefault(r['student'], {})
        run = 'untrained' if r['untrained'] else 'trained'
        for lbl, key, i, which in METRICS:
            if which == run and key in r:
                d[lbl] = r[key] if i is None else r[key][i]
    return out


def print_seed_table(per_seed, ref=None):
    """Per seed values, then mean / geometric mean / range per metric and student."""
    seeds = sorted(per_seed, key=int)
    students = list(per_seed[seeds[0]].keys())
    for st in students:
        print(f'\n### {st}')
        labels = [m[0] for m in METRICS if m[0] in per_seed[seeds[0]][st]]
        print('seed      ' + ''.join(f'{lbl:>20s}' for lbl in labels))
        for sd in seeds:
            print(f'{sd:<10}' + ''.join(f'{per_seed[sd][st].get(lbl, float("nan")):20.4g}' for lbl in labels))
        for name, f in (('mean', np.mean),
                        ('geo-mean', lambda v: float(np.exp(np.mean(np.log(v)))) if np.all(v > 0) else float('nan')),
                        ('min', np.min), ('max', np.max)):
            row = []
            for lbl in labels:
                v = np.array([per_seed[sd][st][lbl] for sd in seeds], float)
                row.append(f(v))
            print(f'{name:<10}' + ''.join(f'{x:20.4g}' for x in row))
        if ref and st in ref:
            print(f'{"ref 56789":<10}' + ''.join(f'{ref[st].get(lbl, float("nan")):20.4g}' for lbl in labels))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    ap.add_argument('--seed', type=int, default=56789)
    ap.add_argument('--epochs', type=int, default=200)
    ap.add_argument('--students', default='errormc,sacramento2018,dPC,ann')
    ap.add_argument('--out', default=None)
    ap.add_argument('--no-untrained', action='store_true')
    ap.add_argument('--untrained-only', action='store_true')
    ap.add_argument('--full-compare', action='store_true', help='replay every record for the dW-BP angle (slow)')
    ap.add_argument('--compare-ref', default=None, help='reference_runs/error_microcircuits directory')
    ap.add_argument('--seeds', default=None, help='e.g. 1-10 or 1,2,3: multi-seed statistics (Goal 2)')
    ap.add_argument('--ref-json', default=None, help='port output for the reference seed (shown next to the table)')
    for k, v in OPTS.items():
        ap.add_argument('--' + k.replace('_', '-'), default=None)
    a = ap.parse_args(argv)
    for k, v in OPTS.items():
        val = getattr(a, k)
        if val is not None:
            OPTS[k] = (val.lower() in ('1', 'true', 'yes')) if isinstance(v, bool) else val
    if a.seeds:
        return run_seeds(a)
    data = make_teacher_data(a.seed)
    print(f'seed {a.seed}: teacher seed {data["tseed"]}', flush=True)
    results = []
    for name in a.students.split(','):
        runs = [] if a.untrained_only else [False]
        if not a.no_untrained:
            runs.append(True)
        for untrained in runs:
            r = run_student(name, a.seed, data, 1 if untrained else a.epochs, untrained, a.full_compare)
            results.append(r)
            print(f"{name:15s} {'untrained' if untrained else 'trained':9s} test_mse_skip10 {r['test_mse_mean_skip10']:.6g}"
                  f" angle dW-BP first {np.round(r['angle_dW_BP_first'], 4)} last {np.round(r['angle_dW_BP_last'], 4)}"
                  f" W^T-B {r.get('angle_WT_B_first', float('nan')):.4f}->{r.get('angle_WT_B_last', float('nan')):.4f}"
                  f" ({r['runtime_s']:.1f}s)", flush=True)
    out = dict(seed=a.seed, teacher_seed=int(data['tseed']), teacher_W=data['teacher_W'], opts=OPTS, results=results)
    if a.out:
        json.dump(out, open(a.out, 'w'), indent=1)
    if a.compare_ref:
        compare_with_reference(results, a.compare_ref)
    return out


def run_seeds(a):
    """Run every seed (trained + untrained, all students), write incrementally, print the table."""
    if '-' in a.seeds:
        lo, hi = a.seeds.split('-')
        seeds = list(range(int(lo), int(hi) + 1))
    else:
        seeds = [int(x) for x in a.seeds.split(',')]
    out_path = a.out or '/tmp/errormc_port_seeds.json'
    per_seed, runtimes = {}, {}
    for sd in seeds:
        t0 = time.time()
        data = make_teacher_data(sd)
        results = []
        for name in a.students.split(','):
            for untrained in (False, True):
                results.append(run_student(name, sd, data, 1 if untrained else a.epochs, untrained))
        per_seed[str(sd)] = per_seed_metrics(results)
        runtimes[str(sd)] = dict(total_s=time.time() - t0,
                                 per_student_s={r['student'] + ('_untrained' if r['untrained'] else ''): r['runtime_s']
                                                for r in results})
        print(f'seed {sd} (teacher seed {data["tseed"]}) done in {time.time() - t0:.1f}s:',
              json.dumps(per_seed[str(sd)]), flush=True)
        json.dump(dict(epochs=a.epochs, seeds=per_seed, runtimes=runtimes, opts=OPTS), open(out_path, 'w'), indent=1)
    ref = None
    if a.ref_json:
        ref = per_seed_metrics(json.load(open(a.ref_json))['results'])
    print_seed_table(per_seed, ref)
    return per_seed


if __name__ == '__main__':
    main()
