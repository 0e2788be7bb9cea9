"""Li, Ding & Sun's CNN (attention_nb.rul.LiCNN) on FD001 through this chapter's pipeline instead of the paper's, 3 seeds:
the per-condition z-scored sensors, 80 of the 100 training engines (20 held out), and the epoch with the lowest
validation RMSE, stopping 30 epochs after it (at most 250); the optimiser stays the paper's (Adam 1e-3, no weight
decay, batches of 512, no warm-up, no plateau decay, no weight average, no input noise). Beside li_ref.py (the paper's
protocol) it separates what the protocol costs from what the model costs. One JSON line per finished run goes to
li_recipe.jsonl beside this file; checkpoints go to scratch/ (ignored); two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/li_recipe.py > /tmp/li_recipe.out 2>&1 &
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep

LI_RECIPE = dict(model='li', epochs=250, bs=512, lr=1e-3, wd=0., warmup=0, plateau=False, ema=None, patience=30, health_weight=0.)
R = [RULRecipe('FD001', s, **LI_RECIPE) for s in (0, 1, 2)]

def refits():
    "The refits on all engines, once the runs of R are logged, for the median of their epochs up to the best validation epoch."
    return refits_of(R, 'li_recipe.jsonl')

if __name__ == '__main__':
    sweep(R, __file__)
    sweep(refits(), __file__)
