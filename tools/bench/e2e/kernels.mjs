// Kernel rows for the summary: runs the existing ops.mjs and optim.mjs (and gemm.mjs on request) as they are and picks
// their key JSON lines: fused softmax-cross-entropy and the fused Adam step, the Adam step against torch.optim.Adam,
// and SGEMM against OpenBLAS.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = join(dirname(fileURLToPath(import.meta.url)), '..');

function jsonLines(script, env) {
  const r = spawnSync(process.execPath, [join(here, script)], { cwd: here, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  const lines = (r.stdout ?? '').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const error = r.status === 0 ? null : `${script} exited with ${r.status}: ${(r.stderr ?? '').trim().split('\n').slice(-2).join(' ')}`;
  return { lines, error };
}

/**
 * Kernel rows: { name, unit, ours, peer, peerName } with times in µs or ms (lower is better) or GFLOP/s (higher), and
 * the errors of scripts that failed. `env` carries the thread settings shared with the peers.
 */
export function kernelRows({ env, gemm }) {
  const rows = [], errors = [];
  const ops = jsonLines('ops.mjs', env);
  if (ops.error) errors.push(ops.error);
  const fused = ops.lines.filter((l) => l.group === 'fused');
  for (const f of fused.filter((l) => l.name.endsWith(' fused'))) {
    const unfused = fused.find((l) => l.name === f.name.replace(/ fused$/, ' unfused ops'));
    rows.push({ name: f.name.replace(/ fused$/, ''), unit: 'µs', ours: f.us, peer: unfused?.us ?? null, peerName: '@nn unfused ops' });
  }
  const optim = jsonLines('optim.mjs', env);
  if (optim.error) errors.push(optim.error);
  for (const o of optim.lines.filter((l) => l.bench === 'optim-adam')) {
    const name = `Adam step, ${(o.params / 1e6).toFixed(2)} M params`;
    rows.push({ name, unit: 'ms', ours: o.oursMs, peer: o.torchSingleMs, peerName: `torch.optim.Adam (${o.torchThreads} threads)` });
    if (o.torchForeachMs !== null) rows.push({ name: `${name} (torch foreach=True)`, unit: 'ms', ours: o.oursMs, peer: o.torchForeachMs, peerName: 'torch.optim.Adam foreach' });
  }
  if (gemm) {
    const g = jsonLines('gemm.mjs', env);
    if (g.error) errors.push(g.error);
    const top = Math.max(0, ...g.lines.filter((l) => l.kind === 'gemm').map((l) => l.threads));
    for (const l of g.lines.filter((r) => r.kind === 'gemm' && r.threads === top)) {
      const shape = `${l.m}x${l.n}x${l.k}${l.transA ? ' Aᵀ' : ''}${l.transB ? ' Bᵀ' : ''}`;
      rows.push({ name: `${l.dtype === 'float64' ? 'DGEMM' : 'SGEMM'} ${shape}, ${l.threads} threads`, unit: 'GFLOP/s', ours: l.nn, peer: l.openblas, peerName: 'OpenBLAS' });
    }
  }
  return { rows, errors };
}
