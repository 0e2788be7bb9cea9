"""The parts of DualTaskModel again, on the recipe the validation engines chose (nobn.py's NOBN_CLEAN: the tuned recipe
without front-end BatchNorm or input noise), FD001, 3 seeds each: with BatchNorm gone, do the attention block, the
second BiLSTM layer, the short kernel and the health loss still earn their place? The rows with every part are
parts.py's 'no BatchNorm, no input noise' runs. One JSON line per finished run goes to parts_clean.jsonl beside this
file; checkpoints go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/parts_clean.py > /tmp/parts_clean.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from nobn import NOBN_CLEAN

M = NOBN_CLEAN['model_kwargs']
PARTS = {                                       # label: what changes from NOBN_CLEAN
    'no attention block': dict(model_kwargs={**M, 'attention': False}),
    'one BiLSTM layer': dict(model_kwargs={**M, 'num_layers': 1}),
    "front-end kernel 10 (Li's)": dict(model_kwargs={**M, 'kernel_size': 10}),
    'no health loss (weight 0)': dict(health_weight=0.0),
}
R = [RULRecipe('FD001', s, **{**NOBN_CLEAN, **p}) for p in PARTS.values() for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
