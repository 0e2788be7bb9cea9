"""The engine's age as a feature, on the chosen recipe (nobn.py's NOBN_CLEAN) at window 30, on FD001 and FD003, the two
subsets whose targets are still missed: RULRecipe(cycle_feature=True) adds each row's cycle, standardised on the
training engines, to the 14 sensors. At prediction time the age of an engine is known, and test engines are cut off at
random, so the RUL at a given age follows the same law in training and test. 3 seeds each, then each refitted on all
the training engines as nobn.py does; the runs without the age are parts.py's (FD001) and nobn.py's (FD003). One JSON
line per finished run goes to age.jsonl beside this file; checkpoints go to scratch/ (ignored); runs already logged are
skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/age.py > /tmp/age.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
from nobn import NOBN_CLEAN

SUBSETS = ('FD001', 'FD003')
SPLIT = {sub: [RULRecipe(sub, s, **NOBN_CLEAN, cycle_feature=True) for s in (0, 1, 2)] for sub in SUBSETS}
R = [r for rs in SPLIT.values() for r in rs]

def refits()->list:
    "The refits, for every subset whose split runs are all logged."
    return [x for rs in SPLIT.values() for x in refits_of(rs, 'age.jsonl')]

if __name__ == '__main__':
    sweep(R, __file__)
    sweep(refits(), __file__)
