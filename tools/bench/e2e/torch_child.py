# The workloads in PyTorch (torch.nn modules, F.cross_entropy, torch.optim), run by run.mjs in a child process of its own.
import json
import math
import resource
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

config = json.loads(sys.argv[1])
spec = config['spec']
torch.set_num_threads(config['threads'])
torch.manual_seed(config['seed'])


def make_optimizer(params):
    if spec['optimizer'] == 'sgd':
        return torch.optim.SGD(params, lr=spec['lr'])
    return torch.optim.Adam(params, lr=spec['lr'])


def language_model():
    """Embedding -> flatten (batch, context * embed) -> linear + tanh -> linear to vocab logits -> cross-entropy."""
    vocab, context, embed, hidden, batch, rows = (spec[k] for k in ('vocab', 'context', 'embed', 'hidden', 'batch', 'rows'))
    xs = torch.randint(0, vocab, (rows, context))
    ys = torch.randint(0, vocab, (rows,))
    table = torch.nn.Embedding(vocab, embed)
    hidden_layer = torch.nn.Linear(context * embed, hidden)
    output = torch.nn.Linear(hidden, vocab)
    optimizer = make_optimizer([*table.parameters(), *hidden_layer.parameters(), *output.parameters()])

    def step():
        ix = torch.randint(0, rows, (batch,))
        h = torch.tanh(hidden_layer(table(xs[ix]).view(batch, context * embed)))
        loss = F.cross_entropy(output(h), ys[ix])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss
    return step, None


def spam_classifier():
    """Bag-of-words rows (dense float32) -> [linear + relu] -> linear to one logit -> BCE with logits; one batch per call."""
    raw = np.fromfile(config['features'], dtype=np.int32)
    rows, cols, nnz = (int(v) for v in raw[:3])
    off = 3
    indptr = raw[off:off + rows + 1]; off += rows + 1
    indices = raw[off:off + nnz]; off += nnz
    values = raw[off:off + nnz].view(np.float32); off += nnz
    labels = raw[off:off + rows].view(np.float32)
    dense = np.zeros((rows, cols), dtype=np.float32)
    dense[np.repeat(np.arange(rows), np.diff(indptr)), indices] = values
    x = torch.from_numpy(dense)
    y = torch.from_numpy(labels.copy()).view(rows, 1)
    hidden = spec['hidden']
    layers = [torch.nn.Linear(cols, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, 1)] if hidden > 0 else [torch.nn.Linear(cols, 1)]
    model = torch.nn.Sequential(*layers)
    optimizer = make_optimizer(model.parameters())
    state = {'order': None, 'cursor': rows}

    def step():
        if state['cursor'] >= rows:
            state['order'], state['cursor'] = torch.randperm(rows), 0
        ix = state['order'][state['cursor']:state['cursor'] + spec['batch']]
        state['cursor'] += spec['batch']
        loss = F.binary_cross_entropy_with_logits(model(x[ix]), y[ix])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        return loss
    return step, rows


def examples_between(start, stop, rows, batch):
    per_epoch = math.ceil(rows / batch)
    last_batch = rows - (per_epoch - 1) * batch
    return sum(last_batch if i % per_epoch == per_epoch - 1 else batch for i in range(start, stop))


step, rows = spam_classifier() if config['workload'].startswith('spam') else language_model()
for _ in range(config['warmup']):
    step()
budget = config.get('budgetS') or math.inf
t0 = time.perf_counter()
done, last = 0, None
while done < config['steps']:
    last = step()
    done += 1
    if done >= 3 and time.perf_counter() - t0 > budget:
        break
seconds = time.perf_counter() - t0
result = {
    'steps': done, 'seconds': seconds, 'loss': last.item(), 'threads': torch.get_num_threads(),
    'detail': f'torch {torch.__version__}', 'maxRssMiB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}
if rows is not None:
    result['examples'] = examples_between(config['warmup'], config['warmup'] + done, rows, spec['batch'])
print(json.dumps({'result': result}))
