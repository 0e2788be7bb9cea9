"""What every run script of this folder starts from: the checkout's package and this folder on `sys.path`, the math
libraries at OMP_NUM_THREADS threads (1 unless set; the run log records the threads of each run), and `sweep`, which
trains a script's recipes into the JSON-lines log named after the script, and what a refit on all engines needs (`REFIT`, `refit_epochs`, `refits_of`, `valid_rmse_of`). A script begins with `from script_env import *`.
"""
import os, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
for p in (str(HERE), str(HERE.parents[2])):                  # this folder (final.py's FINAL), the checkout's package
    if p not in sys.path: sys.path.insert(0, p)
os.environ.setdefault('OMP_NUM_THREADS', '1')
import torch; torch.set_num_threads(int(os.environ['OMP_NUM_THREADS']))
import numpy as np
from dataclasses import replace
from attention_nb.rul import RULRecipe, run_sweep, run_key
from attention_nb.runs import RunLog

REFIT = dict(valid_pct=0., patience=None, plateau=False)   # a refit on every training engine: nothing to stop or decay on

def logged(log:str, recipes:list)->list:
    "The records in `log` (a file beside this one) of the runs of `recipes`."
    keys = {run_key(r) for r in recipes}
    return [x for x in RunLog(HERE/log).records() if x['key'] in keys]

def refit_epochs(log:str, recipes:list)->dict:
    "Per subset, the median over seeds of the epochs up to the best validation epoch of the runs of `recipes` in `log`; {} until all are logged."
    recs = logged(log, recipes)
    if len(recs) < len({run_key(r) for r in recipes}): return {}
    return {s: int(np.median([x['best_epoch'] + 1 for x in recs if x['subset'] == s])) for s in sorted({x['subset'] for x in recs})}

def refits_of(recipes:list, log:str)->list:
    "The refits of `recipes` (runs with validation engines, logged in `log`): the same settings with REFIT, for `refit_epochs`; [] until all are logged."
    n = refit_epochs(log, recipes)
    return [replace(r, **REFIT, epochs=n[r.subset]) for r in recipes] if n else []

def valid_rmse_of(log:str, recipes:list):
    "A `rank` for `final.bundles`: the validation RMSE of the run of `recipes` in `log` with the subset and seed of a refit's record."
    v = {(x['subset'], x['seed']): x['valid_rmse'] for x in logged(log, recipes)}
    return lambda x: v[x['subset'], x['seed']]

def mean_valid_rmse(log:str, recipes:list)->float:
    "The mean validation RMSE of the runs of `recipes` in `log`; a clear error until all of them are logged."
    runs = logged(log, recipes)
    if len(runs) < len(recipes): raise ValueError(f"choose: {len(runs)} of the {len(recipes)} split runs of {recipes[0].subset} "
                                                  f"(window {recipes[0].window}, age {recipes[0].cycle_feature}) are in {log}; finish the sweep first")
    return float(np.mean([x['valid_rmse'] for x in runs]))

def common_valid_rmse(r, from_cycle:int)->tuple:
    "The validation RMSE of the run of `r` (weights from scratch/) on all its validation windows and on those ending at `from_cycle` or later."
    from attention_nb.rul import recipe_data, build_model
    from attention_nb.cmapss import predict_cmapss, rmse
    data = recipe_data(r); model = build_model(r, data)
    model.load_state_dict(torch.load(HERE/'scratch'/f'{run_key(r)}.weights.pt')); model.eval()
    pred = predict_cmapss(model, data.valid)[0].clamp(0, data.cap); m = data.valid.cycle >= from_cycle
    return rmse(pred, data.valid.rul), rmse(pred[m], data.valid.rul[m]), len(pred), int(m.sum())

def sweep(recipes, script):
    "Train `recipes` not yet logged into the log named after `script` (a `__file__`), with checkpoints under scratch/."
    run_sweep(recipes, HERE/f'{Path(script).stem}.jsonl', HERE/'scratch')

__all__ = ['os', 'sys', 'Path', 'HERE', 'torch', 'np', 'RULRecipe', 'run_sweep', 'run_key', 'RunLog', 'sweep', 'REFIT', 'logged', 'refit_epochs', 'refits_of', 'valid_rmse_of', 'mean_valid_rmse', 'common_valid_rmse']
