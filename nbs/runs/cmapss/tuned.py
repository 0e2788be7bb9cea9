"""The final recipe with the two changes the validation engines chose, on FD001-FD004, 3 seeds each: dropout 0.2 on every
subset (the one change of the FD001 ablation, ablate.py, that lowered the validation RMSE; FD002 and FD004 already had
it) and a cap of 80 epochs instead of 40 (FD003 ran into the old cap with its best validation epoch at 37-38; longer.py).
Every run has a twin of the same settings logged earlier by final.py, ablate.py or longer.py; chapter 05a prints
each beside its twin (on another machine they differ in the last digits, and more where early stopping branches). One JSON line per finished run goes to tuned.jsonl beside this file; checkpoints
and weights go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/tuned.py > /tmp/tuned.out 2>&1 &

`python nbs/runs/cmapss/tuned.py bundles` then writes the bundle of each subset's run of this log with the best validation
RMSE (never chosen by the test set) to bundles/ beside this file.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import FINAL, SUBSETS, bundles

TUNED = {**FINAL, 'dropout': 0.2, 'epochs': 80}
R = [RULRecipe(sub, s, **TUNED) for sub in SUBSETS for s in (0, 1, 2)]   # FD001 and FD003 first: the bundles' candidates

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']:
        bundles('tuned.jsonl', R)
    else: sweep(R, __file__)
