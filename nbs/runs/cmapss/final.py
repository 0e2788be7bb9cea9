"""The final recipe of chapter 05a on FD001-FD004, 3 seeds each: DualTaskModel at the small width, no warm-up, at most 40
epochs with early stopping after 10 without a better validation RMSE, input noise of 0.5 standard deviations, and the
health loss at weight 0.1 (the regulariser runs of overfit.py found the health loss at 0.5 costs RUL accuracy, and the
noise helps). One JSON line per finished run goes to final.jsonl beside this file; checkpoints and weights go to
scratch/ (ignored); runs already logged are skipped and two processes can share the sweep:

    OMP_NUM_THREADS=1 nohup python nbs/runs/cmapss/final.py > /tmp/final.out 2>&1 &

`python nbs/runs/cmapss/final.py bundles` then writes the bundle of each subset's run with the best validation RMSE
(never chosen by the test set) to bundles/ beside this file.
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE, sweep
from attention_nb.rul import recipe_data, build_model, save_rul_model
from attention_nb.multitask import SMALL
FINAL = dict(model_kwargs=SMALL, epochs=40, patience=10, warmup=0, input_noise=0.5, health_weight=0.1)
SUBSETS = ('FD001', 'FD003', 'FD002', 'FD004')
R = [RULRecipe(sub, s, **FINAL) for s in (0, 1, 2) for sub in SUBSETS]

def bundles(log:str='final.jsonl', recipes:list=R, rank=lambda x: x['valid_rmse'], subsets=SUBSETS):
    "For each of `subsets`, the bundle of the run of `recipes` in `log` (a file beside this one) that `rank` puts first (lowest validation RMSE)."
    recs = logged(log, recipes)
    for sub in subsets:
        runs = [x for x in recs if x['subset'] == sub]
        if not runs: continue
        best = min(runs, key=rank)
        r = next(r for r in recipes if run_key(r) == best['key'])
        data = recipe_data(r); model = build_model(r, data)
        model.load_state_dict(torch.load(HERE/'scratch'/f"{best['key']}.weights.pt"))
        p = save_rul_model(model, data, HERE/'bundles'/f'{sub}.rulb', best)
        print(sub, best['seed'], round(best['rmse'], 2), p, p.stat().st_size)

if __name__ == '__main__':
    if sys.argv[1:] == ['bundles']: bundles()
    else: sweep(R, __file__)
