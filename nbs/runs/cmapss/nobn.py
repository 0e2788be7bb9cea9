"""The tuned recipe (tuned.py) without BatchNorm in the front end (DualTaskModel(norm=False)) on FD001-FD004, 3 seeds
each, then refitted on all the training engines as refit.py does for the tuned recipe. The parts of the model
(parts.py) found that leaving BatchNorm out is the change that matters on FD001; its FD001 runs are parts.py's first
row (parts.jsonl) and are not trained again. The refits train for the median over seeds of the epochs up to the best
validation epoch, per subset, once all of a subset's split runs are logged. One JSON line per finished run goes to
nobn.jsonl beside this file; checkpoints and weights go to scratch/ (ignored); runs already logged are skipped and two
processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/nobn.py > /tmp/nobn.out 2>&1 &

`python nbs/runs/cmapss/nobn.py bundles` then chooses, for each subset, between this recipe and the tuned one (with
BatchNorm) by the mean validation RMSE of their split runs, and where this one wins writes the bundle of its refit whose
seed gave the split run with the lowest validation RMSE; the other subsets keep refit.py's bundles. The test set never
chooses.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import SUBSETS, bundles
from tuned import TUNED, R as TUNED_R

NOBN = {**TUNED, 'model_kwargs': {**TUNED['model_kwargs'], 'norm': False}}
SPLIT = {sub: [RULRecipe(sub, s, **NOBN) for s in (0, 1, 2)] for sub in SUBSETS}
LOGS = {sub: 'parts.jsonl' if sub == 'FD001' else 'nobn.jsonl' for sub in SUBSETS}   # where each subset's split runs are
R = [r for sub in SUBSETS if sub != 'FD001' for r in SPLIT[sub]]

def refits()->list:
    "The refits of every subset whose split runs are all logged."
    epochs = {sub: refit_epochs(LOGS[sub], SPLIT[sub]).get(sub) for sub in SUBSETS}
    return [RULRecipe(sub, s, **{**NOBN, **REFIT, 'epochs': n}) for sub, n in epochs.items() if n for s in (0, 1, 2)]

def split_valid_rmse(x:dict)->float:
    "The validation RMSE of the split run with the subset and seed of the refit `x`."
    keys = {run_key(r) for r in SPLIT[x['subset']]}
    return next(t['valid_rmse'] for t in RunLog(HERE/LOGS[x['subset']]).records() if t['key'] in keys and t['seed'] == x['seed'])

def choose()->dict:
    "Per subset, 'no BatchNorm' or 'tuned': the recipe whose split runs have the lower mean validation RMSE."
    def valid(log, recipes, sub):
        keys = {run_key(r) for r in recipes if r.subset == sub}
        return np.mean([x['valid_rmse'] for x in RunLog(HERE/log).records() if x['key'] in keys])
    return {sub: 'no BatchNorm' if valid(LOGS[sub], SPLIT[sub], sub) < valid('tuned.jsonl', TUNED_R, sub) else 'tuned' for sub in SUBSETS}

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']:
        chosen = choose(); print('chosen by validation RMSE:', chosen)
        bundles('nobn.jsonl', refits(), rank=split_valid_rmse, subsets=[s for s, c in chosen.items() if c == 'no BatchNorm'])
    else:
        sweep(R, __file__)
        sweep(refits(), __file__)
