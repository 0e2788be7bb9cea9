# %% export
import os, json, time, random, copy, math
from pathlib import Path
import numpy as np, torch, torch.nn as nn
from attention_nb.extras import import_optional
from attention_nb.backbone import DualTaskModel, DualTaskLoss, HEALTH_CLASSES, rul_rmse_metric, health_accuracy
from attention_nb.cmapss import prepare_cmapss, cmapss_dls, evaluate_cmapss, predict_cmapss, rmse, phm_score, CMAPSSData
fb = import_optional('fastai.basics', 'experiments')

# %% export
class LiCNN(nn.Module):
    "The 1-D CNN of Li, Ding & Sun 2018: convolutions along time shared by all sensors, tanh, dropout, dense 100: `(B, T, F) -> (rul (B,), logits (B, 3))`."
    def __init__(self,
        n_features:int=14, # sensors per cycle
        window:int=30, # cycles per window
        filters:int=10, # filters of each hidden convolution
        kernel:int=10, # their length along time
        conv_layers:int=4, # hidden convolutions
        dense:int=100, # units of the dense layer
        dropout:float=0.5, # dropout before the dense layer
        rul_scale:float=125., # the network predicts RUL / rul_scale (the target scaled to [0, 1] by the cap)
        n_classes:int=3, # width of the (constant zero) health logits, so the model fits the dual-task pipeline
    ):
        super().__init__()
        layers, c = [], 1
        for _ in range(conv_layers): layers += [nn.Conv2d(c, filters, (kernel, 1), padding='same'), nn.Tanh()]; c = filters
        self.conv = nn.Sequential(*layers, nn.Conv2d(c, 1, (3, 1), padding='same'), nn.Tanh())
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(window * n_features, dense), nn.Tanh(), nn.Linear(dense, 1))
        self.rul_scale, self.n_classes = rul_scale, n_classes
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)): nn.init.xavier_normal_(m.weight); nn.init.zeros_(m.bias)

    def forward(self, x):
        rul = self.head(self.conv(x.unsqueeze(1))).squeeze(-1) * self.rul_scale   # x: (B, T, F) -> (B, 1, T, F) -> (B,)
        return rul, rul.new_zeros(len(rul), self.n_classes)

# %% export
class WeightEMA(fb.Callback):
    "Exponential moving average of the weights, updated after every step; validation, the end of training and checkpoints use the averaged weights."
    order = 55   # after the recorder has counted the batch, before trackers look at the epoch
    def __init__(self, decay:float=0.999): # weight of the old average per step
        if not 0 < decay < 1: raise ValueError(f"WeightEMA: decay must be in (0, 1), got {decay!r}")
        self.decay, self.shadow, self.raw, self.steps = decay, None, None, 0

    def _params(self): return {k: v for k, v in self.learn.model.state_dict().items()}
    def before_fit(self):
        if self.shadow is None: self.shadow = {k: v.detach().clone() for k, v in self._params().items()}
    def after_step(self):
        self.steps += 1
        d = min(self.decay, (1 + self.steps) / (10 + self.steps))   # warm-up of the decay: early averages do not remember the initial weights
        with torch.no_grad():
            for k, v in self._params().items():
                if v.dtype.is_floating_point: self.shadow[k].mul_(d).add_(v.detach(), alpha=1 - d)
                else: self.shadow[k].copy_(v)
    def _swap_in(self):
        if self.raw is None: self.raw = {k: v.detach().clone() for k, v in self._params().items()}; self.learn.model.load_state_dict(self.shadow)
    def _swap_out(self):
        if self.raw is not None: self.learn.model.load_state_dict(self.raw); self.raw = None
    def before_validate(self): self._swap_in()
    def before_train(self): self._swap_out()
    def after_fit(self): self._swap_in(); self.raw = None   # training ends with the averaged weights in the model
    def state_dict(self): return dict(decay=self.decay, shadow=self.shadow, raw=self.raw, steps=self.steps)
    def load_state_dict(self, d): self.decay, self.shadow, self.raw, self.steps = d['decay'], d['shadow'], d['raw'], d['steps']

# %% export
class WarmupPlateau(fb.Callback):
    "Linear learning-rate warm-up over the first `warmup` epochs, then ReduceLROnPlateau on a validation metric."
    order = 61
    def __init__(self, lr:float=1e-3, warmup:int=10, monitor:str='rul_rmse_exact', factor:float=0.5, patience:int=5, min_lr:float=1e-6):
        self.lr, self.warmup, self.monitor, self.factor, self.patience, self.min_lr = lr, warmup, monitor, factor, patience, min_lr
        self.epoch, self.cur, self.best, self.bad = 0, lr, math.inf, 0
    def before_batch(self):
        if not self.training: return
        if self.epoch < self.warmup: self.cur = self.lr * (self.epoch + (self.iter + 1) / self.n_iter) / self.warmup
        self.opt.set_hypers(lr=self.cur)
    def after_epoch(self):
        names = list(self.recorder.metric_names[1:-1]); val = self.recorder.values[-1][names.index(self.monitor)]
        if self.epoch + 1 >= self.warmup:
            self.cur = self.cur if self.epoch + 1 > self.warmup else self.lr
            if val < self.best: self.best, self.bad = val, 0
            else:
                self.bad += 1
                if self.bad > self.patience: self.cur, self.bad = max(self.cur * self.factor, self.min_lr), 0
        self.epoch += 1
    def state_dict(self): return {k: getattr(self, k) for k in ('lr', 'warmup', 'factor', 'patience', 'min_lr', 'epoch', 'cur', 'best', 'bad')}
    def load_state_dict(self, d): self.__dict__.update(d)

# %% export
class BestAndStop(fb.Callback):
    "Keep the weights of the epoch with the lowest validation metric; stop after `patience` epochs without improvement (`None`: never)."
    order = 62
    def __init__(self, monitor:str='rul_rmse_exact', patience:int|None=30):
        self.monitor, self.patience, self.best, self.best_epoch, self.state, self.epoch, self.stop = monitor, patience, math.inf, None, None, 0, False
    def after_epoch(self):
        names = list(self.recorder.metric_names[1:-1]); val = self.recorder.values[-1][names.index(self.monitor)]
        if val < self.best: self.best, self.best_epoch, self.state = val, self.epoch, {k: v.detach().clone() for k, v in self.learn.model.state_dict().items()}
        self.epoch += 1
        if self.patience is not None and self.epoch - 1 - self.best_epoch >= self.patience: self.stop = True
    def after_fit(self):
        if self.state is not None: self.learn.model.load_state_dict(self.state)
    def state_dict(self): return dict(best=self.best, best_epoch=self.best_epoch, state=self.state, epoch=self.epoch, stop=getattr(self, 'stop', False))
    def load_state_dict(self, d):
        self.best, self.best_epoch, self.state, self.epoch = d['best'], d['best_epoch'], d['state'], d['epoch']; self.stop = d['stop']

# %% export
class EpochCheckpoint(fb.Callback):
    "Save model, optimiser, stateful callbacks, RNG states and the epoch after every epoch (atomically); `load` restores them. (Stand-in for attention_nb.runs.Checkpoint.)"
    order = 99
    def __init__(self, path, log=None): self.path, self.log, self.done = Path(path), log, 0
    def _cbs(self): return {type(c).__name__: c for c in self.learn.cbs if hasattr(type(c), 'state_dict') and c is not self}
    def after_epoch(self):
        self.done += 1
        s = dict(model=self.learn.model.state_dict(), opt=self.learn.opt.state_dict(), cbs={k: c.state_dict() for k, c in self._cbs().items()},
                 rng=(random.getstate(), np.random.get_state(), torch.get_rng_state(), self.learn.dls.train.rng.getstate()), epoch=self.done, values=[list(map(float, v)) for v in self.recorder.values])
        tmp = self.path.with_suffix('.tmp'); torch.save(s, tmp); os.replace(tmp, self.path)
        if self.log:
            names = list(self.recorder.metric_names[1:-1])
            with open(self.log, 'a') as f: f.write(json.dumps(dict(epoch=self.done - 1, **dict(zip(names, map(float, self.recorder.values[-1]))), lr=self.learn.opt.hypers[0]['lr'])) + '\n')
    def load(self, learn):
        if not self.path.exists(): return 0
        s = torch.load(self.path, weights_only=False)
        learn.model.load_state_dict(s['model']); learn.create_opt(); learn.opt.load_state_dict(s['opt'])
        for k, c in {type(c).__name__: c for c in learn.cbs if hasattr(type(c), 'state_dict') and c is not self}.items(): c.load_state_dict(s['cbs'][k])
        random.setstate(s['rng'][0]); np.random.set_state(s['rng'][1]); torch.set_rng_state(s['rng'][2]); learn.dls.train.rng.setstate(s['rng'][3])
        self.done = s['epoch']; return s['epoch']

class _Stop(fb.Callback):
    order = 100
    def after_epoch(self):
        if any(getattr(c, 'stop', False) for c in self.learn.cbs): raise fb.CancelFitException()

# %% export
from dataclasses import dataclass, field, asdict
@dataclass
class RULRecipe:
    "The settings of one training run (model, data, optimiser, schedule, EMA, early stopping)."
    subset:str='FD001'; seed:int=0
    model:str='dual'                 # 'dual' (DualTaskModel) or 'li' (LiCNN)
    model_kwargs:dict=field(default_factory=dict)
    dropout:float|None=None          # None: 0.3 on FD001/FD003, 0.2 on FD002/FD004 (DualTaskModel)
    drop_settings:bool=True          # leave out the three operating settings (noise on FD001/FD003; the conditions are in the scaler)
    valid_pct:float=0.2; split_seed:int=0
    epochs:int=100; bs:int=256; lr:float=1e-3; wd:float=1e-2
    warmup:int=10; plateau:bool=True; ema:float|None=0.999; patience:int|None=30
    health_weight:float=0.5; max_units:int|None=None
    def key(self): return {k: v for k, v in asdict(self).items()}

def _dropout(r): return r.dropout if r.dropout is not None else (0.3 if r.subset in ('FD001', 'FD003') else 0.2)

def recipe_data(r:RULRecipe, path=None)->CMAPSSData:
    "The windows of a run; without the operating settings when `r.drop_settings`."
    data = prepare_cmapss(path, r.subset, valid_pct=r.valid_pct, seed=r.split_seed, max_units=r.max_units)
    if r.drop_settings:
        keep = [i for i, f in enumerate(data.scaler.features) if not f.startswith('os')]
        for ds in (data.train, data.valid, data.test): ds.x = ds.x[..., keep].contiguous()
        data.features = [data.scaler.features[i] for i in keep]
    else: data.features = list(data.scaler.features)
    return data

def build_model(r:RULRecipe, data):
    "The model of a recipe, with its arguments in `model.init_args` (what a bundle stores)."
    nf = data.train.x.shape[-1]
    if r.model == 'li': kw = dict(n_features=nf, window=data.window, rul_scale=float(data.cap), **r.model_kwargs)
    else: kw = dict(n_features=nf, n_classes=len(HEALTH_CLASSES), rul_scale=float(data.cap), **{'dropout': _dropout(r), **r.model_kwargs})
    model = (LiCNN if r.model == 'li' else DualTaskModel)(**kw)
    model.init_args = dict(kind=r.model, kwargs=kw)
    return model

def train_rul(r:RULRecipe, data=None, ckpt=None, log=None, quiet=True):
    "Train one run with the recipe; resumable from `ckpt` (a file) after every epoch; returns `(learn, result)`."
    t0 = time.time()
    fb.set_seed(r.seed, reproducible=True)
    data = data or recipe_data(r)
    model = build_model(r, data)
    hw = r.health_weight if r.model == 'dual' else 0.
    cbs = [WarmupPlateau(r.lr, r.warmup if r.warmup else 0, patience=5 if r.plateau else 10**9)]
    if r.ema: cbs.append(WeightEMA(r.ema))
    best = BestAndStop(patience=r.patience); cbs += [best, _Stop()]
    ck = EpochCheckpoint(ckpt, log) if ckpt else None
    if ck: cbs.append(ck)
    learn = fb.Learner(cmapss_dls(data, r.bs, 'cpu'), model, loss_func=DualTaskLoss(hw, data.cap), opt_func=fb.partial(fb.Adam, wd=r.wd, decouple_wd=True) if r.model == 'dual' else fb.partial(fb.Adam, wd=0.),
                       metrics=[rul_rmse_metric()], cbs=cbs, path=Path('/tmp/attention_nb'))
    learn.create_opt()
    start = ck.load(learn) if ck else 0
    if start and best.stop: start = r.epochs
    if start < r.epochs and not best.stop:
        with learn.no_bar(), learn.no_logging(): learn.fit(r.epochs - start, r.lr, reset_opt=False)
    else: best.after_fit() if best.state is not None else None
    res = evaluate_cmapss(learn.model, data)
    vr = predict_cmapss(learn.model, data.valid)[0].clamp(0, data.cap) if len(data.valid) else None
    res = dict(**r.key(), rmse=res['rmse'], score=res['score'], accuracy=res['accuracy'], best_epoch=best.best_epoch, epochs_run=best.epoch,
               valid_rmse=rmse(vr, data.valid.rul) if vr is not None else None, params=sum(p.numel() for p in model.parameters()),
               wall_s=round(time.time() - t0, 1), device=f'cpu ({torch.get_num_threads()} threads)')
    return learn, res

# %% export
import hashlib
def run_key(r:RULRecipe)->str: return hashlib.sha1(json.dumps(r.key(), sort_keys=True).encode()).hexdigest()[:10]

def _alive(pid):
    try: os.kill(pid, 0); return True
    except OSError: return False

def run_sweep(recipes:list, log, scratch):
    "Train every recipe not yet in the JSON-lines `log`, resumably (checkpoints under `scratch`); several processes may share a sweep."
    log, scratch = Path(log), Path(scratch); scratch.mkdir(parents=True, exist_ok=True); log.parent.mkdir(parents=True, exist_ok=True)
    for r in recipes:
        k = run_key(r)
        done = [json.loads(l) for l in log.read_text().splitlines() if l.strip()] if log.exists() else []
        if any(d.get('key') == k for d in done): continue
        claim = scratch/f'{k}.claim'
        if claim.exists() and _alive(int(claim.read_text() or 0)): continue
        claim.write_text(str(os.getpid()))
        print(time.strftime('%H:%M:%S'), 'start', k, r, flush=True)
        learn, res = train_rul(r, ckpt=scratch/f'{k}.ckpt', log=scratch/f'{k}.epochs.jsonl')
        torch.save(learn.model.state_dict(), scratch/f'{k}.weights.pt')
        res.update(key=k, time=time.strftime('%Y-%m-%dT%H:%M:%S'))
        with open(log, 'a') as f: f.write(json.dumps(res) + '\n')
        print(time.strftime('%H:%M:%S'), 'done', k, res['rmse'], res['score'], res['best_epoch'], res['wall_s'], flush=True)
        claim.unlink(missing_ok=True)

# %% export
import pandas as pd
from attention_nb.cmapss import COLUMNS, SETTINGS, CMAPSSScaler, window_index
_SCALER_KEYS = ('n_conditions', 'features', 's_mean', 's_std', 'centers', 'mean', 'std')

def save_rul_model(model, data, path, result:dict|None=None):
    "Save weights, model arguments, the fitted scaler, window, cap, thresholds, features, subset and score in one file."
    if not hasattr(model, 'init_args'): raise ValueError("save_rul_model: the model has no init_args; build it with build_model (or set model.init_args = dict(kind=..., kwargs=...))")
    b = dict(format='attention_nb.rul/1', init_args=model.init_args, state_dict={k: v.detach().cpu() for k, v in model.state_dict().items()},
             scaler={k: getattr(data.scaler, k) for k in _SCALER_KEYS}, features=list(getattr(data, 'features', data.scaler.features)),
             window=data.window, cap=data.cap, thresholds=tuple(data.thresholds), subset=data.subset,
             result={k: v for k, v in (result or {}).items() if isinstance(v, (int, float, str, bool, type(None), dict, list, tuple))})
    path = Path(path); path.parent.mkdir(parents=True, exist_ok=True); tmp = path.with_name(path.name + '.tmp')
    torch.save(b, tmp); os.replace(tmp, path)
    return path

def _make(kind, kwargs): return (LiCNN if kind == 'li' else DualTaskModel)(**kwargs)

def load_rul_model(path)->dict:
    "Load a bundle: a dict with the rebuilt model (eval mode), its scaler and the settings it was trained with."
    b = torch.load(Path(path), weights_only=False, map_location='cpu')
    if not isinstance(b, dict) or b.get('format') != 'attention_nb.rul/1': raise ValueError(f"{path} is not an attention_nb.rul bundle")
    model = _make(b['init_args']['kind'], b['init_args']['kwargs']); model.load_state_dict(b['state_dict']); model.init_args = b['init_args']
    sc = CMAPSSScaler(b['scaler']['n_conditions'], b['scaler']['features'])
    for k in _SCALER_KEYS: setattr(sc, k, b['scaler'][k])
    return {**b, 'model': model.eval(), 'scaler': sc}

# %% export
def _check_rows(df, scaler, tol):
    if not isinstance(df, pd.DataFrame): raise TypeError(f"predict_rul: expected a pandas DataFrame of raw C-MAPSS rows, got {type(df).__name__}")
    missing, extra = [c for c in COLUMNS if c not in df.columns], [c for c in df.columns if c not in COLUMNS]
    if missing: raise ValueError(f"predict_rul: missing columns {missing}; expected the 26 C-MAPSS columns {COLUMNS}")
    if extra: raise ValueError(f"predict_rul: unexpected columns {extra}; expected only the 26 C-MAPSS columns")
    bad = [c for c in COLUMNS if not pd.api.types.is_numeric_dtype(df[c])]
    if bad: raise TypeError(f"predict_rul: columns {bad} are not numeric (dtypes {[str(df[c].dtype) for c in bad]})")
    if len(df) == 0: raise ValueError("predict_rul: no rows")
    if df[COLUMNS].isna().any().any(): raise ValueError(f"predict_rul: missing values (NaN) in columns {[c for c in COLUMNS if df[c].isna().any()]}")
    z = (df[SETTINGS].to_numpy(np.float64) - scaler.s_mean) / scaler.s_std
    d = np.sqrt(((z[:, None] - scaler.centers[None]) ** 2).sum(-1).min(1))      # distance to the nearest known condition
    if (d > tol).any():
        i = int(d.argmax())
        raise ValueError(f"predict_rul: unknown operating condition in {int((d > tol).sum())} rows (e.g. unit {df.unit.iloc[i]}, cycle {df.cycle.iloc[i]}: "
                         f"settings {df[SETTINGS].iloc[i].tolist()}); the model knows {scaler.n_conditions} condition(s) of its training data")

def predict_rul(
    bundle:dict, # from load_rul_model
    df, # raw C-MAPSS rows (the 26 columns) of one or more engines, any order
    attention:bool=False, # also return the attention of the last cycle over the last window, per engine (DualTaskModel)
    tol:float=6., # largest distance of the settings to a known operating condition, in training standard deviations
):
    "Per engine: the RUL at its last cycle, the health class with probabilities, and whether its window was padded."
    sc, model = bundle['scaler'], bundle['model']
    _check_rows(df, sc, tol)
    df = df.sort_values(['unit', 'cycle'], kind='stable')
    X = sc.transform(df)[:, [sc.features.index(f) for f in bundle['features']]]
    idx, padded = window_index(df.unit.to_numpy(), bundle['window'], last_only=True)
    x = torch.from_numpy(np.ascontiguousarray(X[idx]))                                        # (engines, window, features)
    rul, logits = predict_cmapss(model, x)
    p = torch.softmax(logits, -1).numpy()
    out = pd.DataFrame(dict(unit=df.unit.to_numpy()[idx[:, -1]], cycles=df.groupby('unit').size().to_numpy(),
                            rul=rul.clamp(0, bundle['cap']).numpy(), health=[HEALTH_CLASSES[i] for i in p.argmax(1)],
                            **{f'p_{c}': p[:, i] for i, c in enumerate(HEALTH_CLASSES)}, padded=padded)).set_index('unit')
    if not attention: return out
    if not hasattr(model, 'attention_weights'): raise ValueError(f"predict_rul: a {type(model).__name__} has no attention weights")
    with torch.no_grad(): w = model.attention_weights(x, average=True)[:, -1]                 # (engines, window)
    return out, w
