"""FD003 with the final recipe's epoch cap raised from 40 to 80, 3 seeds: two of final.py's three FD003 runs trained all
40 epochs with their best validation epoch at 37-38, so the cap, not early stopping, ended them. Everything else is
final.py's recipe. Then the same with dropout 0.2 instead of 0.3, the one change of the FD001 ablation (ablate.py)
that lowered both the validation and the test RMSE. One JSON line per finished run goes to longer.jsonl beside this file; checkpoints go to scratch/
(ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/longer.py > /tmp/longer.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import FINAL

LONGER = {'cap 80': dict(epochs=80), 'cap 80, dropout 0.2': dict(epochs=80, dropout=0.2)}   # label: what changes from FINAL
R = [RULRecipe('FD003', s, **{**FINAL, **v}) for v in LONGER.values() for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
