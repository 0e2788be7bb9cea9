"""The tuned recipe (tuned.py) refitted on all the training engines of each subset, 3 seeds: no engines held out
(valid_pct=0), so nothing to stop on or decay on (no early stopping, no plateau decay), and a fixed number of epochs,
per subset the median over the tuned runs' seeds of the epochs up to their best validation epoch (what the validation
engines chose). The tuned runs trained on 80% of the engines and kept their best validation epoch; these train on all
of them for that many epochs and keep the last one (its weight average, as before). One JSON line per finished run goes
to refit.jsonl beside this file; checkpoints and weights go to scratch/ (ignored); runs already logged are skipped and
two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/refit.py > /tmp/refit.out 2>&1 &

`python nbs/runs/cmapss/refit.py bundles` then writes, for each subset, the bundle of the refit whose seed gave the tuned
run with the lowest validation RMSE (a refit has no validation engines of its own; the test set never chooses).
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from final import bundles
from tuned import R as TUNED_R

EPOCHS = refit_epochs('tuned.jsonl', TUNED_R)
R = refits_of(TUNED_R, 'tuned.jsonl')

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']: bundles('refit.jsonl', R, rank=valid_rmse_of('tuned.jsonl', TUNED_R))
    else:
        print('epochs per subset:', EPOCHS, flush=True)
        sweep(R, __file__)
