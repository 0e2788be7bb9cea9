"""The tuned recipe (tuned.py) on FD001 at a lower learning rate, 3 seeds each: 3e-4 and 1e-4 instead of 1e-3, with a
cap of 200 epochs and early stopping 20 epochs after the best validation epoch (the tuned runs found theirs at epochs
2-9 and stopped 10 later, the training loss still falling). One JSON line per finished run goes to lowlr.jsonl beside
this file; checkpoints go to scratch/ (ignored); two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/lowlr.py > /tmp/lowlr.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from tuned import TUNED

LOWER = {'lr 3e-4': dict(lr=3e-4), 'lr 1e-4': dict(lr=1e-4)}
R = [RULRecipe('FD001', s, **{**TUNED, 'epochs': 200, 'patience': 20, **v}) for v in LOWER.values() for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
