"""Li, Ding & Sun 2018's 1-D CNN (attention_nb.rul.LiCNN) on FD001, trained as the paper does: the 14 sensors min-max
scaled to [-1, 1] on the training rows, all 100 training engines, Adam 1e-3 (1e-4 from epoch DROP_AT on), batches of
512, the target scaled by the cap of 125, no validation split and no early stopping; test RMSE on the last window of
each test engine. Resumable after every epoch (checkpoints in /tmp/cmapss_runs/li_ref), one JSON line per epoch:

    OMP_NUM_THREADS=1 python nbs/runs/cmapss/li_ref.py EPOCHS SEEDS LOG [DROP_AT]
    e.g. python nbs/runs/cmapss/li_ref.py 250 0,1,2 li_ref250_epochs.jsonl 200
"""
from script_env import *                           # sys.path, threads (OMP_NUM_THREADS, 1 unless set), HERE
import random, time, numpy as np
from attention_nb.cmapss import load_cmapss, rul_targets, window_index, SENSORS, rmse, phm_score
from attention_nb.rul import LiCNN
from attention_nb.runs import RunLog, atomic_save

def data(path):
    "Train windows of all 100 engines and the last window of each test engine, min-max scaled to [-1, 1]."
    tr, te, rul = load_cmapss(path, 'FD001')
    X = tr[SENSORS].to_numpy(np.float64); lo, hi = X.min(0), X.max(0)
    f = lambda d: (2 * (d[SENSORS].to_numpy(np.float64) - lo) / (hi - lo) - 1).astype(np.float32)
    idx, _ = window_index(tr.unit.to_numpy(), 30); ytr = np.minimum(rul_targets(tr), 125)[idx[:, -1]]
    jdx, pad = window_index(te.unit.to_numpy(), 30, last_only=True); yte = np.minimum(rul_targets(te, rul), 125)[jdx[:, -1]]
    return (torch.from_numpy(f(tr)[idx]), torch.from_numpy(ytr.astype(np.float32)),
            torch.from_numpy(f(te)[jdx]), torch.from_numpy(yte.astype(np.float32)))

def run(seed, epochs, out, drop_at, log):
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    ck = out/f'li_seed{seed}_{epochs}.ckpt'
    random.seed(seed); np.random.seed(seed); torch.manual_seed(seed)
    xtr, ytr, xte, yte = data(os.environ['CMAPSS_DATA'])
    model = LiCNN(); opt = torch.optim.Adam(model.parameters(), 1e-3); g = torch.Generator().manual_seed(seed)
    start = 0
    if ck.exists():
        s = torch.load(ck, weights_only=False); model.load_state_dict(s['model']); opt.load_state_dict(s['opt'])
        g.set_state(s['gen']); torch.set_rng_state(s['torch']); start = s['epoch'] + 1
    for ep in range(start, epochs):
        for g_ in opt.param_groups: g_['lr'] = 1e-3 if ep < drop_at else 1e-4
        t0 = time.time(); model.train(); perm = torch.randperm(len(xtr), generator=g); tot = 0.
        for i in range(0, len(xtr), 512):
            b = perm[i:i + 512]
            loss = ((model(xtr[b])[0] - ytr[b]) / 125).square().mean()
            opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item() * len(b)
        model.eval()
        with torch.no_grad(): p = model(xte)[0].clamp(0, 125)
        log.append(dict(seed=seed, epoch=ep, train_rmse=125 * (tot / len(xtr)) ** .5, test_rmse=rmse(p, yte), test_score=phm_score(p, yte),
                        s=round(time.time() - t0, 2), lr=opt.param_groups[0]['lr']))
        atomic_save(dict(model=model.state_dict(), opt=opt.state_dict(), gen=g.get_state(), torch=torch.get_rng_state(), epoch=ep), ck)
    torch.save(model.state_dict(), out/f'li_seed{seed}_final.pt')

if __name__ == '__main__':
    epochs, seeds, name = int(sys.argv[1]), [int(s) for s in sys.argv[2].split(',')], sys.argv[3]
    drop_at = int(sys.argv[4]) if len(sys.argv) > 4 else epochs
    for s in seeds: run(s, epochs, '/tmp/cmapss_runs/li_ref', drop_at, RunLog(HERE/name))
