"""Why DualTaskModel falls short on FD001: one regulariser at a time against the recipe without warm-up (chapter 05a).

Each run logs its test, validation and (eval-mode) training-window RMSE to overfit.jsonl beside this file, with the time
and the commit; checkpoints go to scratch/ (ignored). Runs already logged are skipped, an interrupted one resumes:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/overfit.py [seeds] [variant ...] > /tmp/overfit.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from attention_nb.multitask import SMALL   # the small width, shared with the multi-task sweep
BASE = dict(model_kwargs=SMALL, epochs=40, patience=10, warmup=0)
HALF = dict(hidden=16, channels=(16, 32, 16), fc_sizes=(32, 16, 8), heads=4)
VARIANTS = {'recipe, no warm-up': {}, 'input noise 0.5': dict(input_noise=0.5), 'weight decay 0.5': dict(wd=0.5),
            'dropout 0.5': dict(dropout=0.5), 'half width': dict(model_kwargs=HALF),
            'no health loss': dict(health_weight=0.),
            'input noise 1.0': dict(input_noise=1.), 'input noise 0.5, half width': dict(input_noise=0.5, model_kwargs=HALF),
            'input noise 0.5, dropout 0.5': dict(input_noise=0.5, dropout=0.5),
            'input noise 0.5, no health loss': dict(input_noise=0.5, health_weight=0.)}

def recipes(seeds=(0,), only=()):
    return [RULRecipe('FD001', s, **{**BASE, **v}) for name, v in VARIANTS.items() if not only or name in only for s in seeds]

if __name__ == '__main__':
    seeds = tuple(int(s) for s in sys.argv[1].split(',')) if len(sys.argv) > 1 else (0,)
    sweep(recipes(seeds, sys.argv[2:]), __file__)   # more arguments: only these variants
