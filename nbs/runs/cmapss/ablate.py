"""The ablation of chapter 05a's final recipe on FD001, 3 seeds each: the final recipe (final.py) with one ingredient
changed at a time. The rows with every ingredient are final.py's FD001 runs. One JSON line per finished run goes to
ablate.jsonl beside this file (with the time and the commit); checkpoints go to scratch/ (ignored); runs already logged
are skipped, and two processes can share the sweep (each claims the run it trains):

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/ablate.py > /tmp/ablate.out 2>&1 &

The ablations run in the order of ABLATIONS, seeds within each, so a sweep cut short leaves whole rows.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import FINAL

ABLATIONS = {                                   # label: what changes from FINAL
    'no weight EMA': dict(ema=None),
    'no input noise': dict(input_noise=0.0),
    'health weight 0.5': dict(health_weight=0.5),
    'Adam, no weight decay': dict(wd=0.0),
    'dropout 0.2 (FD002/FD004 value)': dict(dropout=0.2),
    'no early stopping (40 epochs)': dict(patience=None),
    'no plateau decay': dict(plateau=False),
}
R = [RULRecipe('FD001', s, **{**FINAL, **a}) for a in ABLATIONS.values() for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
