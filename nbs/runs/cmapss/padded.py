"""Padded training windows, and windows past the old grid's edge: 5-fold cross-validation of the chosen recipe (nobn.py's
NOBN_CLEAN) on FD001 and FD003, the folds, seeds and split of kfold.py, with training and validation windows that end at
every cycle from the 30th on (RULRecipe(from_cycle=30)), front-padded with the engine's first row where the history is
shorter than the window, as prepare_cmapss pads a test engine shorter than the window. Until now a window of w cycles
was trained only on windows ending at cycle w or later, so it never saw a padded window, while 12 test engines of FD001
and 6 of FD003 are shorter than 60 cycles and reach the model padded. Candidates: 60 cycles (kfold.py's choice, now with
padded windows), 80 and 100 cycles (kfold.py's grid ended at 60, the window both subsets chose).

Why this, said plainly: it was written after the test results of kfold.py, prompted by them. kfold.py's 60-cycle
ensembles err more on the padded test engines than on the others (FD003: RMSE 19.6 on the 6 padded, 12.4 on the other
94; FD001: 11.4 on 12 padded, 13.4 on 88), and its rule chose the largest window it had.

The rule, written before these runs:
- score: every candidate of kfold.py (windows 30 to 60, trained without padded windows; weights of kfold_rerun.jsonl) and
  of this sweep, out of fold, on the held-out engines' windows that end at every cycle from FROM_PAD = 30 on, front-padded
  where shorter than the candidate's window (for kfold.py's models these are inputs they never trained on, as the short
  test engines are), each window predicted by the fold model that did not train on its engine;
- choice: per subset, the candidate with the lowest such RMSE;
- model: the chosen candidate's five fold models averaged (RULEnsemble); its bundle replaces the subset's;
- a candidate takes part only with all five folds logged: the 100-cycle runs go last (about 90 of the sweep's 220
  thread-minutes), and if they are not all in when the session must score, they are reported unfinished and choose nothing.
The test set chooses nothing; every candidate's ensemble test RMSE and its RMSE on the padded and the other test engines
are reported beside it, with test-like cuts of the held-out engines (as kfold.py truncated, but from cycle 30, padded
cuts included) and a paired bootstrap of the test RMSE against the chosen candidate, which inform and choose nothing.

Runs go fold by fold, 60 and 80 cycles first and then 100, so a sweep stopped early still compares windows on the same folds. One JSON line per finished
run goes to padded.jsonl beside this file; checkpoints and weights go to scratch/ (ignored); runs already logged are
skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/padded.py > /tmp/padded.out 2>&1 &

then `python nbs/runs/cmapss/padded.py score` (padded_score.jsonl) and `python nbs/runs/cmapss/padded.py bundles`.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
import json
from dataclasses import replace
from nobn import NOBN_CLEAN
from window import SUBSETS
import kfold

FROM_PAD = 30                                      # the first cycle a scored window ends at: the 30-cycle window's first
WINDOWS = (60, 80, 100)
FOLDS = kfold.FOLDS
PAD = {(w, sub, k): RULRecipe(sub, k, **NOBN_CLEAN, window=w, valid_pct=1 / FOLDS, fold=k, from_cycle=FROM_PAD)
       for ws in ((60, 80), (100,)) for k in range(FOLDS) for sub in SUBSETS for w in ws}
R = list(PAD.values())                             # fold-major order, 60 and 80 cycles first, then 100
LOG, KFOLD_LOG = 'padded.jsonl', kfold.RERUN_LOG
# every candidate: (name, window, its fold recipes, the log of their weights)
CANDIDATES = [(f'{w}', w, kfold.members, KFOLD_LOG) for w in kfold.WINDOWS] + [(f'{w} padded', w, None, LOG) for w in WINDOWS]

def members(name:str, sub:str)->list:
    w, fn, _ = next((w, fn, log) for n, w, fn, log in CANDIDATES if n == name)
    return fn(w, sub) if fn else [PAD[w, sub, k] for k in range(FOLDS)]

def log_of(name:str)->str: return next(log for n, w, fn, log in CANDIDATES if n == name)

def out_of_fold(name:str, sub:str, recs:dict)->tuple:
    """The ensemble of a candidate, its members' data, and the held-out windows ending at every cycle from FROM_PAD on,
    each predicted by the fold model that held it out: (ens, data, pred, true, cycle, unit, padded). Each member must
    first give the validation RMSE its log recorded, on its own validation windows, to 1e-3."""
    from attention_nb.rul import recipe_data, build_model, RULEnsemble
    from attention_nb.cmapss import predict_cmapss, rmse
    models, data, out = [], [], []
    for r in members(name, sub):
        d = recipe_data(r); m = build_model(r, d)
        m.load_state_dict(torch.load(HERE/'scratch'/f'{run_key(r)}.weights.pt')); m.eval()
        got, want = rmse(predict_cmapss(m, d.valid)[0].clamp(0, d.cap), d.valid.rul), recs[run_key(r)]['valid_rmse']
        if abs(got - want) > 1e-3: raise ValueError(f"padded: the weights of {run_key(r)} ({sub}, {name}, fold {r.fold}) give validation RMSE {got:.4f}; {log_of(name)} logged {want:.4f}")
        v = d.valid if r.from_cycle == FROM_PAD else recipe_data(replace(r, from_cycle=FROM_PAD)).valid   # same scaler: fitted on the same training engines
        out.append((predict_cmapss(m, v)[0].clamp(0, d.cap), v.rul, v.cycle, v.unit, v.padded)); models.append(m); data.append(d)
    return (RULEnsemble(models).eval(), data) + tuple(torch.cat(t) for t in zip(*out))

def score():
    """Per candidate and subset, to padded_score.jsonl: the out-of-fold RMSE from cycle FROM_PAD on (all, padded, not
    padded), the ensemble's test RMSE and PHM08 score (all, padded and other test engines) and its RUL for each test
    engine (in the order of the test file), the fold models' test RMSE,
    and the RMSE on test-like cuts (each held-out engine cut at each true RUL of the test engines, where the cut ends
    at cycle FROM_PAD or later); then the paired bootstrap (2000 resamples of the test engines, seed 0) of each
    candidate's ensemble test RMSE minus the chosen one's."""
    from attention_nb.cmapss import load_cmapss, rmse, phm_score
    rows, unfinished = [], []                      # written at the end, so a failed score leaves the last file alone
    for sub in SUBSETS:
        test_rul = np.asarray(load_cmapss(None, sub)[2], dtype=np.float64).ravel()
        test_err = {}
        for name, w, _, log in CANDIDATES:
            recs = {x['key']: x for x in logged(log, members(name, sub))}
            if any(run_key(r) not in recs for r in members(name, sub)):
                print('skip', sub, name, f'(unfinished: {len(recs)} of {FOLDS} folds in {log})'); unfinished.append(dict(subset=sub, candidate=name, folds_logged=len(recs))); continue
            ens, data, pred, true, cyc, unit, pad = out_of_fold(name, sub, recs)
            tp, tt, tpad = kfold.test_pred(ens, data), data[0].test.rul, data[0].test.padded
            test_err[name] = (tp - tt) ** 2
            p, t = kfold.test_like_cuts(pred, cyc, unit, test_rul, data[0].cap, FROM_PAD)
            fold_rmse = [recs[run_key(r)]['rmse'] for r in members(name, sub)]
            rows.append(dict(subset=sub, candidate=name, window=w, from_cycle=members(name, sub)[0].from_cycle, folds=FOLDS,
                keys=[run_key(r) for r in members(name, sub)], weights_log=log, score_from_cycle=FROM_PAD,
                oof_rmse=rmse(pred, true), oof_windows=len(pred), oof_padded_windows=int(pad.sum()),
                oof_rmse_padded=rmse(pred[pad], true[pad]) if pad.any() else None, oof_rmse_unpadded=rmse(pred[~pad], true[~pad]),
                fold_rmse=fold_rmse, fold_rmse_mean=float(np.mean(fold_rmse)), fold_rmse_std=float(np.std(fold_rmse, ddof=1)),
                fold_best_epochs=[recs[run_key(r)]['best_epoch'] for r in members(name, sub)],
                ensemble_rmse=rmse(tp, tt), ensemble_score=phm_score(tp, tt), test_padded=int(tpad.sum()), test_pred=tp.tolist(),
                ensemble_rmse_padded=rmse(tp[tpad], tt[tpad]) if tpad.any() else None, ensemble_rmse_unpadded=rmse(tp[~tpad], tt[~tpad]),
                truncated_rmse=rmse(p, t), cuts=len(t)))
            print(sub, name, {k: round(v, 2) for k, v in rows[-1].items() if k in ('oof_rmse', 'ensemble_rmse', 'truncated_rmse')}, flush=True)
        got = [x for x in rows if x['subset'] == sub]
        best = min(got, key=lambda x: x['oof_rmse'])['candidate']
        g = torch.Generator().manual_seed(0)
        idx = torch.randint(0, len(test_rul), (2000, len(test_rul)), generator=g)   # the same resamples for every candidate
        boot = {n: e[idx].mean(1).sqrt() for n, e in test_err.items()}
        for x in got:
            d = boot[x['candidate']] - boot[best]
            x.update(chosen=x['candidate'] == best, chosen_candidate=best, test_diff_vs_chosen=float(d.mean()), test_diff_lo=float(d.quantile(0.025)),
                     test_diff_hi=float(d.quantile(0.975)), share_better_than_chosen=float((d < 0).float().mean()))
    (HERE/'padded_score.jsonl').write_text(''.join(json.dumps(x) + '\n' for x in rows + unfinished))

def scores()->list: return [json.loads(l) for l in open(HERE/'padded_score.jsonl')]

def choose()->dict:
    "Per subset, the finished candidate with the lowest out-of-fold RMSE from cycle FROM_PAD on; a clear error until kfold.py's and the 60- and 80-cycle ones are scored."
    rows = [x for x in scores() if 'oof_rmse' in x]; out = {}
    need = {n for n, *_ in CANDIDATES} - {'100 padded'}
    for sub in SUBSETS:
        got = {x['candidate']: x['oof_rmse'] for x in rows if x['subset'] == sub}
        if not need <= set(got): raise ValueError(f"choose: {sub} has scores for {sorted(got)}, needs {sorted(need)}; finish the sweep and run `score`")
        out[sub] = min(got, key=got.get)
    return out

def bundles():
    "The bundle of each subset's chosen ensemble, in place of the subset's bundle."
    from attention_nb.rul import save_rul_model
    rows = {(x['subset'], x['candidate']): x for x in scores()}
    for sub, name in choose().items():
        x = rows[sub, name]; ms = members(name, sub)
        ens, data = out_of_fold(name, sub, {k['key']: k for k in logged(x['weights_log'], ms)})[:2]
        res = dict(kind=f'{FOLDS}-fold ensemble', subset=sub, window=x['window'], from_cycle=x['from_cycle'], members=x['keys'],
                   seeds=[r.seed for r in ms], folds=FOLDS, split_seed=0, rmse=x['ensemble_rmse'], score=x['ensemble_score'],
                   fold_rmse=x['fold_rmse'], oof_rmse_from_30=x['oof_rmse'], weights_log=x['weights_log'], recipe=ms[0].key())
        p = save_rul_model(ens, data, HERE/'bundles'/f'{sub}.rulb', res)
        print(sub, name, round(x['ensemble_rmse'], 2), p, p.stat().st_size)

if __name__ == '__main__':
    if sys.argv[1:] == ['score']: score()
    elif sys.argv[1:] == ['bundles']: bundles()
    else: sweep(R, __file__)
