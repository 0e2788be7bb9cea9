"""The chosen recipe (nobn.py's NOBN_CLEAN: the tuned recipe without front-end BatchNorm or input noise) without the
attention block as well, DualTaskModel(norm=False, attention=False), on FD002-FD004, 3 seeds each, then refitted on all
the training engines of every subset as nobn.py does. On FD001 the parts without BatchNorm (parts_clean.py) found the
model better without its attention block (13.70 against 14.67 on the test engines); these runs ask whether that holds
on the other subsets. FD001's split runs are parts_clean.py's 'no attention block' row (parts_clean.jsonl). One JSON
line per finished run goes to noattn.jsonl beside this file; checkpoints go to scratch/ (ignored); runs already logged
are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/noattn.py > /tmp/noattn.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
from final import SUBSETS
from nobn import NOBN_CLEAN

NOATTN = {**NOBN_CLEAN, 'model_kwargs': {**NOBN_CLEAN['model_kwargs'], 'attention': False}}
SPLIT = {sub: [RULRecipe(sub, s, **NOATTN) for s in (0, 1, 2)] for sub in SUBSETS}
LOGS = {sub: 'parts_clean.jsonl' if sub == 'FD001' else 'noattn.jsonl' for sub in SUBSETS}   # where each subset's split runs are
R = [r for sub in SUBSETS if sub != 'FD001' for r in SPLIT[sub]]

def refits()->list:
    "The refits of every subset whose split runs are all logged."
    return [x for sub, rs in SPLIT.items() for x in refits_of(rs, LOGS[sub])]

if __name__ == '__main__':
    sweep(R, __file__)
    sweep(refits(), __file__)
