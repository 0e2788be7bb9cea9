"""The recipe sweep of chapter 05a: DualTaskModel at the small width with the training recipe on FD001-FD004, and on
FD001 with one ingredient left out at a time, 3 seeds each. One JSON line per finished run goes to recipe.jsonl beside
this file (with the time and the commit); checkpoints go to scratch/ (ignored). Runs already logged are skipped, and
two processes can share the sweep (each claims the run it trains):

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/recipe.py > /tmp/recipe.out 2>&1 &

The log holds the runs in the order below as far as the sweep has gone (18 runs: FD001 with the recipe and three
ablations, FD003 and FD002); the rest are planned.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from attention_nb.multitask import SMALL   # the small width, shared with the multi-task sweep
seeds = (0, 1, 2)
base = dict(model_kwargs=SMALL, epochs=100)
R = [RULRecipe('FD001', s, **base) for s in seeds]
abl = [dict(ema=None), dict(plateau=False), dict(warmup=0), dict(patience=None), dict(drop_settings=False), dict(valid_pct=0.1)]
R += [RULRecipe('FD001', s, **{**base, **a}) for a in abl[:3] for s in seeds]
R += [RULRecipe(sub, s, **base) for sub in ('FD003', 'FD002', 'FD004') for s in seeds]
R += [RULRecipe('FD001', s, **{**base, **a}) for a in abl[3:] for s in seeds]
R += [RULRecipe('FD001', s, **{**base, 'model_kwargs': dict(hidden=64)}) for s in seeds]
R += [RULRecipe('FD001', s, **{**base, 'model_kwargs': {}}) for s in seeds]

if __name__ == '__main__': sweep(R, __file__)
