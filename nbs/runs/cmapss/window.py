"""The window length on the chosen recipe (nobn.py's NOBN_CLEAN: the tuned recipe without front-end BatchNorm or input
noise), on FD001 and FD003, the two subsets whose targets are still missed: windows of 40, 50 and 60 cycles against the
30 of every other run, 3 seeds each, then each refitted on all the training engines as nobn.py does. The 30-cycle runs
are parts.py's (FD001) and nobn.py's (FD003) and are not trained again. Training and validation windows end at every
cycle from the window's length on, so a longer window leaves out each engine's first cycles: healthy ones, at the cap and
easy to predict, which tilts the validation choice slightly against the longer windows. Test engines shorter than the
window are padded with their first row, as prepare_cmapss does. One JSON line per finished run goes to window.jsonl
beside this file; checkpoints go to scratch/ (ignored); runs already logged are skipped and two processes can share
the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/window.py > /tmp/window.out 2>&1 &

`python nbs/runs/cmapss/window.py bundles` then chooses, per subset, among these windows and age.py's runs (window 30
and the engine's age as a feature) the candidate whose split runs have the lowest mean validation RMSE, and where it is
not the 30-cycle window of nobn.py writes the bundle of its refit whose seed gave the split run with the lowest
validation RMSE. The test set never chooses.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
from final import bundles
from nobn import NOBN_CLEAN, LOGS
from age import SPLIT as AGE

WINDOWS = (30, 40, 50, 60)
FROM_CYCLE = max(WINDOWS)                          # the first end cycle of a window that every window length has
SUBSETS = ('FD001', 'FD003')
SPLIT = {(w, sub): [RULRecipe(sub, s, **NOBN_CLEAN, window=w) for s in (0, 1, 2)] for w in WINDOWS for sub in SUBSETS}
def log_of(w, sub): return LOGS[sub] if w == 30 else 'window.jsonl'   # where the split runs of (window, subset) are
R = [r for (w, sub), rs in SPLIT.items() if w != 30 for r in rs]

def refits()->list:
    "The refits of the new windows, for every (window, subset) whose split runs are all logged."
    return [x for (w, sub), rs in SPLIT.items() if w != 30 for x in refits_of(rs, 'window.jsonl')]

def candidates()->dict:
    "Per (label, subset): the split runs' recipes, their log, and the refits' recipes and log."
    c = {(f'window {w}', sub): (rs, log_of(w, sub), refits_of(rs, log_of(w, sub)), 'nobn.jsonl' if w == 30 else 'window.jsonl') for (w, sub), rs in SPLIT.items()}
    c.update({('window 30 + age', sub): (rs, 'age.jsonl', refits_of(rs, 'age.jsonl'), 'age.jsonl') for sub, rs in AGE.items()})
    return c

def choose()->dict:
    "Per subset, the label of the candidate whose split runs have the lowest mean validation RMSE."
    c = candidates()
    return {sub: min((l for l, s in c if s == sub), key=lambda l: mean_valid_rmse(c[l, sub][1], c[l, sub][0])) for sub in SUBSETS}

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']:
        chosen = choose(); print('chosen by validation RMSE:', chosen)
        for sub, label in chosen.items():
            rs, log, refits, refit_log = candidates()[label, sub]
            if label != 'window 30': bundles(refit_log, refits, rank=valid_rmse_of(log, rs), subsets=[sub])
    else:
        sweep(R, __file__)
        sweep(refits(), __file__)
