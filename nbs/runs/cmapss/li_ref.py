"Li, Ding & Sun 2018 1-D CNN on FD001, trained as the paper does; resumable per epoch, JSON-lines log. (draft runner; code moves to attention_nb.rul)"
import os, sys, json, time, random
os.environ.setdefault('OMP_NUM_THREADS', '1')
import numpy as np, torch, torch.nn as nn
torch.set_num_threads(1)
from pathlib import Path
from attention_nb.cmapss import load_cmapss, rul_targets, window_index, SENSORS, rmse, phm_score

class LiCNN(nn.Module):
    def __init__(self, n_features=14, window=30, filters=10, kernel=10, conv_layers=4, dense=100, dropout=0.5, cap=125):
        super().__init__()
        layers, c = [], 1
        for _ in range(conv_layers): layers += [nn.Conv2d(c, filters, (kernel, 1), padding='same'), nn.Tanh()]; c = filters
        layers += [nn.Conv2d(c, 1, (3, 1), padding='same'), nn.Tanh()]
        self.conv = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(window * n_features, dense), nn.Tanh(), nn.Linear(dense, 1))
        self.cap = cap
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)): nn.init.xavier_normal_(m.weight); nn.init.zeros_(m.bias)
    def forward(self, x):  # x: (B, T, F)
        return self.head(self.conv(x.unsqueeze(1))).squeeze(-1) * self.cap   # RUL in cycles

def data(path):
    tr, te, rul = load_cmapss(path, 'FD001')
    X = tr[SENSORS].to_numpy(np.float64); lo, hi = X.min(0), X.max(0)
    f = lambda d: (2 * (d[SENSORS].to_numpy(np.float64) - lo) / (hi - lo) - 1).astype(np.float32)
    idx, _ = window_index(tr.unit.to_numpy(), 30); ytr = np.minimum(rul_targets(tr), 125)[idx[:, -1]]
    jdx, pad = window_index(te.unit.to_numpy(), 30, last_only=True); yte = np.minimum(rul_targets(te, rul), 125)[jdx[:, -1]]
    return (torch.from_numpy(f(tr)[idx]), torch.from_numpy(ytr.astype(np.float32)),
            torch.from_numpy(f(te)[jdx]), torch.from_numpy(yte.astype(np.float32)))

def run(seed, epochs, out, drop_at=200, log_name='li_ref_epochs.jsonl'):
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    ck, log = out/f'li_seed{seed}_{epochs}.ckpt', Path(__file__).parent/log_name
    random.seed(seed); np.random.seed(seed); torch.manual_seed(seed)
    xtr, ytr, xte, yte = data(os.environ['CMAPSS_DATA'])
    model = LiCNN(); opt = torch.optim.Adam(model.parameters(), 1e-3); g = torch.Generator().manual_seed(seed)
    start = 0
    if ck.exists():
        s = torch.load(ck, weights_only=False); model.load_state_dict(s['model']); opt.load_state_dict(s['opt'])
        g.set_state(s['gen']); torch.set_rng_state(s['torch']); start = s['epoch'] + 1
    for ep in range(start, epochs):
        for g_ in opt.param_groups: g_['lr'] = 1e-3 if ep < drop_at else 1e-4   # the paper: 1e-3, then 1e-4 for the last 50 epochs
        t0 = time.time(); model.train(); perm = torch.randperm(len(xtr), generator=g); tot = 0.
        for i in range(0, len(xtr), 512):
            b = perm[i:i + 512]
            loss = ((model(xtr[b]) - ytr[b]) / 125).square().mean()
            opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item() * len(b)
        model.eval()
        with torch.no_grad(): p = model(xte).clamp(0, 125)
        rec = dict(seed=seed, epoch=ep, train_rmse=125 * (tot / len(xtr)) ** .5, test_rmse=rmse(p, yte), test_score=phm_score(p, yte), s=round(time.time() - t0, 2))
        with open(log, 'a') as f: f.write(json.dumps(rec) + '\n')
        torch.save(dict(model=model.state_dict(), opt=opt.state_dict(), gen=g.get_state(), torch=torch.get_rng_state(), epoch=ep), str(ck) + '.tmp')
        os.replace(str(ck) + '.tmp', ck)
    torch.save(model.state_dict(), out/f'li_seed{seed}_final.pt')

if __name__ == '__main__':
    epochs = int(sys.argv[1]); seeds = [int(s) for s in sys.argv[2].split(',')]
    for s in seeds: run(s, epochs, '/tmp/cmapss_runs/li_ref', drop_at=200 if epochs == 250 else epochs, log_name=sys.argv[3] if len(sys.argv) > 3 else 'li_ref_epochs.jsonl')
