"""The final recipe of final.py at the chapter-3 width (DualTaskModel's defaults, about 3.5 million parameters) on FD001,
3 seeds: the other end of the width trade-off of chapter 05a, whose small-width runs are final.py's. About 4 minutes an
epoch on one CPU thread here, so a run is 1 to 3 hours. One JSON line per finished run goes to widths.jsonl beside this
file; checkpoints go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/widths.py > /tmp/widths.out 2>&1 &

or one run at a time on both cores of this machine, OMP_NUM_THREADS=2 (the log records the threads of each run).
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import FINAL

CHAPTER3 = dict(model_kwargs={})                # what changes from FINAL: DualTaskModel's default (chapter-3) width
R = [RULRecipe('FD001', s, **{**FINAL, **CHAPTER3}) for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
