"""The multi-task comparison of nbs/07_multitask.ipynb: every method on FD001 and FD002, 3 seeds, the small recipe.

One JSON line per finished run goes to runs.jsonl next to this file; checkpoints (one per run, saved after every epoch)
go to scratch/ next to it (ignored by git). Runs already in the log are skipped and an interrupted run resumes from
its last epoch, so the sweep continues where it was stopped:

    nohup python nbs/runs/multitask/sweep.py > nbs/runs/multitask/scratch/sweep.out 2>&1 &

Arguments SUBSET:SEED (e.g. FD002:1 FD002:2) restrict a process to those runs, so that two processes can share the
sweep without training the same run.
"""
import os, sys, json, time, hashlib
from pathlib import Path
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))                      # the checkout this file is in
os.environ.setdefault('OMP_NUM_THREADS', '1')                 # 1 thread unless set; each run's record says how many it had
import torch; torch.set_num_threads(int(os.environ['OMP_NUM_THREADS']))
from attention_nb.rul import RULRecipe, train_rul
from attention_nb.multitask import METHODS, SMALL, multitask_setup, EpochTimer
from attention_nb.runs import RunLog

BUDGET = dict(model_kwargs=SMALL, epochs=40, patience=10, warmup=5)
ORDER = [('FD001', 0)] + [('FD001', s) for s in (1, 2)] + [('FD002', s) for s in (0, 1, 2)]
LOG, SCRATCH = HERE/'runs.jsonl', HERE/'scratch'

def key(r, method): return hashlib.sha1(json.dumps(dict(r.key(), method=method), sort_keys=True).encode()).hexdigest()[:10]

def done(): return {x['key'] for x in RunLog(LOG).records()}

def main(only=()):
    SCRATCH.mkdir(exist_ok=True)
    for sub, seed in ORDER:
        if only and f'{sub}:{seed}' not in only: continue
        for m in METHODS:
            r = RULRecipe(sub, seed, **BUDGET); k = key(r, m)
            if k in done(): continue
            print(time.strftime('%H:%M:%S'), 'start', sub, seed, m, k, flush=True)
            timer = EpochTimer()
            learn, res = train_rul(r, ckpt=SCRATCH/f'{k}.ckpt', log=SCRATCH/f'{k}.epochs.jsonl', setup=multitask_setup(m), cbs=[timer])
            w = learn.model.task_weighting.weights().tolist()
            res.update(method=m, key=k, weights=w, s_per_epoch=(sorted(timer.times)[len(timer.times) // 2] if timer.times else None),
                       epochs_this_process=len(timer.times))
            res = RunLog(LOG).append(res)                     # one line, with the time and the commit
            print(time.strftime('%H:%M:%S'), 'done', m, f"rmse {res['rmse']:.2f} score {res['score']:.0f} acc {res['accuracy']:.3f}",
                  f"best {res['best_epoch']} of {res['epochs_run']}, {res['s_per_epoch'] or float('nan'):.1f} s/epoch", flush=True)

if __name__ == '__main__': main(sys.argv[1:])
