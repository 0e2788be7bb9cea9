"""A second look at window.py's choice, with the selector fixed before these runs: every candidate of window.choose()
(windows of 30 to 60 cycles, and 30 with the engine's age, on FD001 and FD003) trained again, seed 0, on two more
random validation splits of the training engines (split_seed 1 and 2; window.py's runs are split 0). Each run is scored
on the validation windows that end at cycle 60 or later, the windows every candidate has (as window_valid.py does).
The rule, written before these runs: per subset, the candidate with the lowest mean over the three splits of its mean
common-window validation RMSE (split 0: window_valid.jsonl, 3 seeds; splits 1 and 2: one seed each). The refits are
window.py's and age.py's, unchanged. One JSON line per finished run goes to window_cv.jsonl beside this file;
checkpoints and weights go to scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/window_cv.py > /tmp/window_cv.out 2>&1 &

`python nbs/runs/cmapss/window_cv.py score` then writes the common-window validation RMSE of every run to
window_cv_valid.jsonl, and `python nbs/runs/cmapss/window_cv.py bundles` writes the chosen candidate's bundle (the seed
of its refit whose split-0 run had the lowest validation RMSE) for FD001 and FD003, in place of window.py's.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
import json
from dataclasses import replace
from window import candidates, SUBSETS, FROM_CYCLE
from final import bundles

SPLITS = (1, 2)
CV = {(label, sub, k): replace(rs[0], split_seed=k) for (label, sub), (rs, *_) in candidates().items() for k in SPLITS}
R = [CV[label, sub, k] for k in SPLITS for sub in SUBSETS for label in dict.fromkeys(l for l, _ in candidates())]

def score():
    "Write the common-window validation RMSE of every run of R to window_cv_valid.jsonl."
    logged_valid = {x['key']: x['valid_rmse'] for x in logged('window_cv.jsonl', R)}
    with open(HERE/'window_cv_valid.jsonl', 'w') as f:
        for (label, sub, k), r in CV.items():
            own, common, _, _ = common_valid_rmse(r, FROM_CYCLE)
            assert abs(own - logged_valid[run_key(r)]) < 1e-3, (label, sub, k, own)      # the weights are the run's
            f.write(json.dumps(dict(key=run_key(r), label=label, subset=sub, split_seed=k, seed=r.seed, valid_rmse=own,
                                    valid_rmse_common=common, from_cycle=FROM_CYCLE)) + '\n')

def choose()->dict:
    "Per subset, the label with the lowest mean over the splits of the mean common-window validation RMSE."
    rows = [json.loads(l) for f in ('window_valid.jsonl', 'window_cv_valid.jsonl') for l in open(HERE/f)]
    for x in rows: x.setdefault('split_seed', 0)
    out = {}
    for sub in SUBSETS:
        labels = dict.fromkeys(l for l, s in candidates() if s == sub)
        per = {l: [np.mean([x['valid_rmse_common'] for x in rows if (x['label'], x['subset'], x['split_seed']) == (l, sub, k)]) for k in (0, *SPLITS)] for l in labels}
        if any(np.isnan(v).any() for v in per.values()): raise ValueError(f"choose: some split of {sub} has no scored run; run the sweep and `score` first")
        out[sub] = min(labels, key=lambda l: np.mean(per[l]))
    return out

if __name__ == '__main__':
    if sys.argv[1:] == ['score']: score()
    elif sys.argv[1:] == ['bundles']:
        chosen = choose(); print('chosen on the common windows of three splits:', chosen)
        for sub, label in chosen.items():
            rs, log, refits, refit_log = candidates()[label, sub]
            bundles(refit_log, refits, rank=valid_rmse_of(log, rs), subsets=[sub])   # window 30 too: window.py's bundle may stand in its place
    else: sweep(R, __file__)
