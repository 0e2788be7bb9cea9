"""A third selector, and an ensemble: 5-fold cross-validation over all the training engines of FD001 and FD003. The
engines are shuffled once (split_seed 0) and cut into 5 folds of 20 (split_units with `fold`); for each window of
window.py (30, 40, 50, 60 cycles) and each fold k, the chosen recipe (nobn.py's NOBN_CLEAN) trains on the other 80
engines, seed k, early-stopped on fold k. Every training engine is then held out exactly once, so a candidate's
out-of-fold RMSE rates it on all 100 engines, where window.py and window_cv.py rated it on 20 per split. The age as a
feature (age.py) is left out of this sweep for time; that omission was made after its test results were known.

The rule, written before these runs:
- choice: per subset, the window with the lowest out-of-fold RMSE over the windows that end at cycle 60 or later (the
  windows every candidate has, as window_valid.py), each predicted by the fold model that did not train on its engine;
- model: the chosen window's five fold models averaged (RULEnsemble): the mean RUL, the mean health probabilities.
  Together they have seen every training engine, and no refit epoch count is needed. Its bundle replaces the subset's.
The test set chooses nothing; the test RMSE of every candidate's ensemble and of each fold model is reported beside.

Runs go fold by fold, so a sweep stopped early still compares every window on the same folds. One JSON line per
finished run goes to kfold.jsonl beside this file; checkpoints and weights go to scratch/ (ignored); runs already
logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/kfold.py > /tmp/kfold.out 2>&1 &

`python nbs/runs/cmapss/kfold.py score` then writes, per candidate, the out-of-fold RMSE (all windows and the common
ones) and the ensemble's test RMSE and PHM08 score to kfold_score.jsonl; `python nbs/runs/cmapss/kfold.py bundles`
writes the chosen ensembles' bundles. Both read the fold models' weights from scratch/, which is not committed. The
weights of the first sweep were lost with its session's machine, so `python nbs/runs/cmapss/kfold.py rerun` (two
processes can share it) trained the same 40 recipes again on a later session's machine, logging to kfold_rerun.jsonl;
CPU kernels differ between machines, so a rerun is close to the first run but not equal to it, and the chapter shows
by how much. `score` rates the weights in scratch/ against the log that trained them (`python kfold.py score
kfold_rerun.jsonl`; by default kfold.jsonl): each model must give its logged validation RMSE to 1e-3, or it stops.
`python kfold.py truncated kfold_rerun.jsonl`, written after the results, scores the fold models on test-like cuts of
the held-out engines and bootstraps the test engines' ranking (kfold_truncated.jsonl); it informs and chooses nothing.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, np, sweep
import json
from nobn import NOBN_CLEAN
from window import WINDOWS, SUBSETS, FROM_CYCLE

FOLDS = 5
CV = {(w, sub, k): RULRecipe(sub, k, **NOBN_CLEAN, window=w, valid_pct=1 / FOLDS, fold=k)
      for k in range(FOLDS) for sub in SUBSETS for w in WINDOWS}
R = list(CV.values())                              # fold-major order

def members(w, sub)->list: return [CV[w, sub, k] for k in range(FOLDS)]

def ensemble(w, sub)->tuple:
    "The five fold models of (window, subset) from their weights in scratch/, as a RULEnsemble, with each member's data."
    from attention_nb.rul import recipe_data, build_model, RULEnsemble
    data, models = [], []
    for r in members(w, sub):
        d = recipe_data(r); m = build_model(r, d)
        m.load_state_dict(torch.load(HERE/'scratch'/f'{run_key(r)}.weights.pt')); data.append(d); models.append(m.eval())
    return RULEnsemble(models).eval(), data

def test_pred(ens, data)->torch.Tensor:
    "The ensemble's RUL for the test engines, each member on its own scaling of them, clamped to [0, cap]."
    from attention_nb.cmapss import predict_cmapss
    return predict_cmapss(ens, torch.stack([d.test.x for d in data], 1))[0].clamp(0, data[0].cap)

RERUN_LOG = 'kfold_rerun.jsonl'

def out_of_fold(w, sub, recs:dict, log:str)->tuple:
    "The ensemble of (window, subset), its members' data, and every validation window predicted by the fold model that held it out: (ens, data, pred, true, cycle, unit)."
    from attention_nb.cmapss import predict_cmapss, rmse
    ens, data = ensemble(w, sub)
    pred, true, cyc, unit = [], [], [], []
    for m, d, r in zip(ens.members, data, members(w, sub)):
        p = predict_cmapss(m, d.valid)[0].clamp(0, d.cap)
        got, want = rmse(p, d.valid.rul), recs[run_key(r)]['valid_rmse']   # the weights must be the logged run's
        if abs(got - want) > 1e-3: raise ValueError(f"kfold: the weights of {run_key(r)} ({sub}, window {w}, fold {r.fold}) give validation RMSE {got:.4f}; {log} logged {want:.4f}")
        pred.append(p); true.append(d.valid.rul); cyc.append(d.valid.cycle); unit.append(d.valid.unit)
    return ens, data, torch.cat(pred), torch.cat(true), torch.cat(cyc), torch.cat(unit)

def score(log:str='kfold.jsonl'):
    "Per candidate: the out-of-fold RMSE (all validation windows, and those ending at FROM_CYCLE or later), the fold models' and the ensemble's test RMSE and PHM08 score, to kfold_score.jsonl; the weights in scratch/ are those of the runs in `log`."
    from attention_nb.cmapss import rmse, phm_score
    recs = {x['key']: x for x in logged(log, R)}
    rows = []                                       # written at the end, so a failed score leaves the last file alone
    for sub in SUBSETS:
        for w in WINDOWS:
            if any(run_key(r) not in recs for r in members(w, sub)): print('skip', sub, w, f'(not every fold is in {log})'); continue
            ens, data, pred, true, cyc, unit = out_of_fold(w, sub, recs, log); common = cyc >= FROM_CYCLE
            tp = test_pred(ens, data)
            fold_rmse = [recs[run_key(r)]['rmse'] for r in members(w, sub)]
            rows.append(dict(subset=sub, window=w, folds=FOLDS, keys=[run_key(r) for r in members(w, sub)],
                oof_rmse=rmse(pred, true), oof_rmse_common=rmse(pred[common], true[common]), oof_windows=len(pred), oof_common_windows=int(common.sum()),
                oof_units=len(torch.unique(unit)),
                fold_rmse=fold_rmse, fold_rmse_mean=float(np.mean(fold_rmse)), fold_rmse_std=float(np.std(fold_rmse, ddof=1)),
                fold_best_epochs=[recs[run_key(r)]['best_epoch'] for r in members(w, sub)],
                ensemble_rmse=rmse(tp, data[0].test.rul), ensemble_score=phm_score(tp, data[0].test.rul), from_cycle=FROM_CYCLE, weights_log=log))
    (HERE/'kfold_score.jsonl').write_text(''.join(json.dumps(x) + '\n' for x in rows))

def test_like_cuts(pred, cyc, unit, test_rul, cap:int, from_cycle:int)->tuple:
    "Held-out windows cut like the test engines: per engine and per test engine's true RUL r, the window ending r cycles before the engine's last, if it ends at `from_cycle` or later; (pred, capped true RUL)."
    p, t = [], []
    for u in torch.unique(unit):
        m = unit == u; last = int(cyc[m].max())                     # a training engine's windows run to its last cycle
        by_cycle = {int(c): i for c, i in zip(cyc[m], torch.nonzero(m).ravel())}
        for r in test_rul:
            c = last - int(r)
            if c >= from_cycle and c in by_cycle: p.append(pred[by_cycle[c]]); t.append(min(float(r), cap))
    return torch.stack(p), torch.tensor(t, dtype=torch.float32)

def truncated(log:str='kfold.jsonl'):
    """Per candidate, the out-of-fold RMSE on test-like cuts, to kfold_truncated.jsonl: every held-out engine is cut at
    each true RUL of the subset's test engines (its window ending that many cycles before its last, if that window ends
    at FROM_CYCLE or later), one window per (engine, test RUL), as the test set scores one window per engine. Written
    after the test results were known, so it informs and does not choose; it reads the test engines' true RUL, not
    their predictions. Beside it, how sure the test engines are of their own ranking: a paired bootstrap over the
    test engines (2000 resamples, seed 0) of each ensemble's test RMSE minus the chosen window's."""
    from attention_nb.cmapss import load_cmapss, rmse
    recs = {x['key']: x for x in logged(log, R)}; rows = []; chosen = choose(); g = torch.Generator().manual_seed(0)
    for sub in SUBSETS:
        test_rul = torch.as_tensor(np.asarray(load_cmapss(None, sub)[2], dtype=np.float64).ravel())
        test_err = {}
        for w in WINDOWS:
            ens, data, pred, true, cyc, unit = out_of_fold(w, sub, recs, log)
            test_err[w] = (test_pred(ens, data) - data[0].test.rul) ** 2
            p, t = test_like_cuts(pred, cyc, unit, test_rul, data[0].cap, FROM_CYCLE)
            rows.append(dict(subset=sub, window=w, truncated_rmse=rmse(p, t), cuts=len(t), units=len(torch.unique(unit)),
                             test_engines=len(test_rul), from_cycle=FROM_CYCLE, weights_log=log))
        idx = torch.randint(0, len(test_rul), (2000, len(test_rul)), generator=g)   # the same resamples for every window
        boot = {w: e[idx].mean(1).sqrt() for w, e in test_err.items()}
        for x in rows[-len(WINDOWS):]:
            d = boot[x['window']] - boot[chosen[sub]]
            x.update(test_rmse=float(test_err[x['window']].mean().sqrt()), chosen_window=chosen[sub], test_diff_vs_chosen=float(d.mean()),
                     test_diff_lo=float(d.quantile(0.025)), test_diff_hi=float(d.quantile(0.975)), share_better_than_chosen=float((d < 0).float().mean()))
            print(sub, x['window'], round(x['truncated_rmse'], 2), x['cuts'], round(x['test_rmse'], 2), round(x['test_diff_lo'], 2), round(x['test_diff_hi'], 2), x['share_better_than_chosen'])
    (HERE/'kfold_truncated.jsonl').write_text(''.join(json.dumps(x) + '\n' for x in rows))

def scores()->list: return [json.loads(l) for l in open(HERE/'kfold_score.jsonl')]

def choose()->dict:
    "Per subset, the window with the lowest out-of-fold RMSE on the common windows; a clear error until every candidate is scored."
    rows = scores(); out = {}
    for sub in SUBSETS:
        got = {x['window']: x['oof_rmse_common'] for x in rows if x['subset'] == sub}
        if set(got) != set(WINDOWS): raise ValueError(f"choose: {sub} has scores for windows {sorted(got)} of {list(WINDOWS)}; finish the sweep and run `score`")
        out[sub] = min(WINDOWS, key=got.get)
    return out

def bundles():
    "The bundle of each subset's chosen ensemble, in place of the subset's bundle."
    from attention_nb.rul import save_rul_model
    rows = {(x['subset'], x['window']): x for x in scores()}
    for sub, w in choose().items():
        ens, data = ensemble(w, sub); x = rows[sub, w]
        res = dict(kind=f'{FOLDS}-fold ensemble', subset=sub, window=w, members=x['keys'], seeds=[r.seed for r in members(w, sub)],
                   folds=FOLDS, split_seed=0, rmse=x['ensemble_rmse'], score=x['ensemble_score'], fold_rmse=x['fold_rmse'],
                   oof_rmse_common=x['oof_rmse_common'], weights_log=x['weights_log'], recipe=members(w, sub)[0].key())
        p = save_rul_model(ens, data, HERE/'bundles'/f'{sub}.rulb', res)
        print(sub, 'window', w, round(x['ensemble_rmse'], 2), p, p.stat().st_size)

if __name__ == '__main__':
    if sys.argv[1:2] == ['score']: score(*sys.argv[2:3])
    elif sys.argv[1:2] == ['truncated']: truncated(*sys.argv[2:3])
    elif sys.argv[1:] == ['bundles']: bundles()
    elif sys.argv[1:] == ['rerun']: run_sweep(R, HERE/RERUN_LOG, HERE/'scratch')   # the weights again, for score and bundles
    else: sweep(R, __file__)
