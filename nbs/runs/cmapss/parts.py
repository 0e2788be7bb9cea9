"""Which parts of DualTaskModel earn their place: the tuned recipe (tuned.py) on FD001 with one part of the model changed
at a time, 3 seeds each. The rows with every part are tuned.py's FD001 runs. Li's CNN beats the dual-task model on the
same windows, validation engines and protocol (li_recipe.py); these runs ask which of the differences matters:
BatchNorm in the front end (under input noise), the attention block, reading the last time step, the second BiLSTM
layer, the short convolution kernel, the health loss. One JSON line per finished run goes to parts.jsonl beside this
file; checkpoints go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/parts.py > /tmp/parts.out 2>&1 &

The rows run in the order of PARTS, seeds within each, so a sweep cut short leaves whole rows.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from tuned import TUNED

M = TUNED['model_kwargs']
PARTS = {                                       # label: what changes from TUNED
    'no BatchNorm in the front end': dict(model_kwargs={**M, 'norm': False}),
    'no BatchNorm, no input noise': dict(model_kwargs={**M, 'norm': False}, input_noise=0.0),
    'no attention block': dict(model_kwargs={**M, 'attention': False}),
    'funnel reads the mean over time': dict(model_kwargs={**M, 'pool': 'mean'}),
    'one BiLSTM layer': dict(model_kwargs={**M, 'num_layers': 1}),
    "front-end kernel 10 (Li's)": dict(model_kwargs={**M, 'kernel_size': 10}),
    'no health loss (weight 0)': dict(health_weight=0.0),
}
R = [RULRecipe('FD001', s, **{**TUNED, **p}) for p in PARTS.values() for s in (0, 1, 2)]

if __name__ == '__main__': sweep(R, __file__)
