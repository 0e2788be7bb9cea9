"""The tuned recipe (tuned.py) without BatchNorm in the front end (DualTaskModel(norm=False)) on FD001-FD004, 3 seeds
each, with the input noise (NOBN) and without it (NOBN_CLEAN), then each refitted on all the training engines as refit.py
does for the tuned recipe. The parts of the model (parts.py) found that leaving BatchNorm out is the change that matters
on FD001, with and without the noise; their FD001 runs are parts.py's first two rows (parts.jsonl) and are not trained
again. The refits train for the median over seeds of the epochs up to the best validation epoch, per subset, once all of
a subset's split runs are logged. One JSON line per finished run goes to nobn.jsonl beside this file; checkpoints and
weights go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/nobn.py > /tmp/nobn.out 2>&1 &

`python nbs/runs/cmapss/nobn.py bundles` then chooses, for each subset, among the tuned recipe (with BatchNorm) and these
two by the mean validation RMSE of their split runs, and where one of these wins writes the bundle of its refit whose
seed gave the split run with the lowest validation RMSE; the other subsets keep refit.py's bundles. The test set never
chooses.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
from final import SUBSETS, bundles
from tuned import TUNED, R as TUNED_R

NOBN = {**TUNED, 'model_kwargs': {**TUNED['model_kwargs'], 'norm': False}}
NOBN_CLEAN = {**NOBN, 'input_noise': 0.}
VARIANTS = {'no BatchNorm': NOBN, 'no BatchNorm, no input noise': NOBN_CLEAN}
SPLIT = {(v, sub): [RULRecipe(sub, s, **kw) for s in (0, 1, 2)] for v, kw in VARIANTS.items() for sub in SUBSETS}
LOGS = {sub: 'parts.jsonl' if sub == 'FD001' else 'nobn.jsonl' for sub in SUBSETS}   # where each subset's split runs are
R = [r for (v, sub), rs in SPLIT.items() if sub != 'FD001' for r in rs]

def refits(variant:str|None=None)->list:
    "The refits of `variant` (None: both), for every subset whose split runs are all logged."
    return [x for (v, sub), rs in SPLIT.items() if variant in (None, v) for x in refits_of(rs, LOGS[sub])]

def choose()->dict:
    "Per subset, 'tuned' or one of VARIANTS: the recipe whose split runs have the lowest mean validation RMSE."
    return {sub: min([('tuned', mean_valid_rmse('tuned.jsonl', [r for r in TUNED_R if r.subset == sub]))] +
                     [(v, mean_valid_rmse(LOGS[sub], SPLIT[v, sub])) for v in VARIANTS], key=lambda t: t[1])[0] for sub in SUBSETS}

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']:
        chosen = choose(); print('chosen by validation RMSE:', chosen)
        for sub, v in chosen.items():
            if v in VARIANTS: bundles('nobn.jsonl', refits_of(SPLIT[v, sub], LOGS[sub]), rank=valid_rmse_of(LOGS[sub], SPLIT[v, sub]), subsets=[sub])
    else:
        sweep(R, __file__)
        sweep(refits(), __file__)
