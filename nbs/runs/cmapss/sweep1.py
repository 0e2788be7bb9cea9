import os, sys, torch; torch.set_num_threads(1)
sys.path.insert(0, '/work/cmapss_runs')
from attention_nb.rul import *   # the module the chapter exports (was a draft copy of it)
SMALL = dict(hidden=32, channels=(32, 64, 32), fc_sizes=(64, 32, 16), heads=4)
seeds = (0, 1, 2)
base = dict(model_kwargs=SMALL, epochs=100)
R = [RULRecipe('FD001', s, **base) for s in seeds]
abl = [dict(ema=None), dict(plateau=False), dict(warmup=0), dict(patience=None), dict(drop_settings=False), dict(valid_pct=0.1)]
R += [RULRecipe('FD001', s, **{**base, **a}) for a in abl[:3] for s in seeds]
R += [RULRecipe(sub, s, **base) for sub in ('FD003', 'FD002', 'FD004') for s in seeds]
R += [RULRecipe('FD001', s, **{**base, **a}) for a in abl[3:] for s in seeds]
R += [RULRecipe('FD001', s, **{**base, 'model_kwargs': dict(hidden=64)}) for s in seeds]
R += [RULRecipe('FD001', s, **{**base, 'model_kwargs': {}}) for s in seeds]
run_sweep(R, '/work/main/nbs/runs/cmapss/recipe.jsonl', '/work/cmapss_runs/sweep')
