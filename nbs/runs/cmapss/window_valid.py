"""The validation RMSE of window.py's candidates on the same windows: every split run that window.choose() compares
(windows of 30 to 60 cycles, and 30 with the engine's age, on FD001 and FD003) scored on the validation windows that
end at cycle 60 or later, the windows every candidate has. window.choose() compares each candidate on all of its own
validation windows, so a longer window is scored without each engine's first, healthy cycles; this measures what that
does to the order. It does not choose the bundles: it was written after the test results were known. It reads the
split runs' weights from scratch/ (written by the sweeps) and writes one JSON line per run to window_valid.jsonl:

    OMP_NUM_THREADS=1 python nbs/runs/cmapss/window_valid.py
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np
import json
from window import candidates, FROM_CYCLE as FROM

if __name__ == '__main__':
    with open(HERE/'window_valid.jsonl', 'w') as f:
        for (label, sub), (rs, log, _, _) in candidates().items():
            logged_valid = {x['key']: x['valid_rmse'] for x in logged(log, rs)}
            for r in rs:
                own, common, n, n_common = common_valid_rmse(r, FROM)
                assert abs(own - logged_valid[run_key(r)]) < 1e-3, (label, sub, r.seed, own, logged_valid[run_key(r)])   # the weights are the run's
                rec = dict(key=run_key(r), label=label, subset=sub, seed=r.seed, valid_rmse=own, valid_rmse_common=common,
                           from_cycle=FROM, windows=n, windows_common=n_common)
                f.write(json.dumps(rec) + '\n'); print(rec)
