"""A third selector, and an ensemble: 5-fold cross-validation over all the training engines of FD001 and FD003. The
engines are shuffled once (split_seed 0) and cut into 5 folds of 20 (split_units with `fold`); for each window of
window.py (30, 40, 50, 60 cycles) and each fold k, the chosen recipe (nobn.py's NOBN_CLEAN) trains on the other 80
engines, seed k, early-stopped on fold k. Every training engine is then held out exactly once, so a candidate's
out-of-fold RMSE rates it on all 100 engines, where window.py and window_cv.py rated it on 20 per split. The age as a
feature (age.py) is left out of this sweep for time; that omission was made after its test results were known.

The rule, written before these runs:
- choice: per subset, the window with the lowest out-of-fold RMSE over the windows that end at cycle 60 or later (the
  windows every candidate has, as window_valid.py), each predicted by the fold model that did not train on its engine;
- model: the chosen window's five fold models averaged (RULEnsemble): the mean RUL, the mean health probabilities.
  Together they have seen every training engine, and no refit epoch count is needed. Its bundle replaces the subset's.
The test set chooses nothing; the test RMSE of every candidate's ensemble and of each fold model is reported beside.

Runs go fold by fold, so a sweep stopped early still compares every window on the same folds. One JSON line per
finished run goes to kfold.jsonl beside this file; checkpoints and weights go to scratch/ (ignored); runs already
logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/kfold.py > /tmp/kfold.out 2>&1 &

`python nbs/runs/cmapss/kfold.py score` then writes, per candidate, the out-of-fold RMSE (all windows and the common
ones) and the ensemble's test RMSE and PHM08 score to kfold_score.jsonl; `python nbs/runs/cmapss/kfold.py bundles`
writes the chosen ensembles' bundles.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
import json
from nobn import NOBN_CLEAN
from window import WINDOWS, SUBSETS, FROM_CYCLE

FOLDS = 5
CV = {(w, sub, k): RULRecipe(sub, k, **NOBN_CLEAN, window=w, valid_pct=1 / FOLDS, fold=k)
      for k in range(FOLDS) for sub in SUBSETS for w in WINDOWS}
R = list(CV.values())                              # fold-major order

def members(w, sub)->list: return [CV[w, sub, k] for k in range(FOLDS)]

if __name__ == '__main__':
    sweep(R, __file__)
