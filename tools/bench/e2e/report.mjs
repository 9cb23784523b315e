// Aggregates the children's results (median and min-max over repetitions), prints the summary table, the targets with
// PASS/MISS, and one JSON line per aggregate.

/** How each workload is measured: the figure taken from a child's result and whether higher is better. */
export const METRICS = {
  'names-mlp': { title: 'names MLP LM step (27 chars, ctx 3, emb 10, 200 tanh, batch 32, SGD)', unit: 'steps/s', higher: true, of: (r) => r.steps / r.seconds },
  'word-mlp': { title: 'word MLP LM step (10k words, ctx 5, emb 64, 512 tanh, batch 256, Adam)', unit: 'ms/step', higher: false, of: (r) => (1000 * r.seconds) / r.steps },
  'spam-logreg': { title: 'SpamAssassin BOW logistic regression (20k words, batch 64, Adam)', unit: 'examples/s', higher: true, of: (r) => r.examples / r.seconds },
  'spam-mlp': { title: 'SpamAssassin BOW MLP (20k words, 64 relu, batch 64, Adam)', unit: 'examples/s', higher: true, of: (r) => r.examples / r.seconds },
};

/** The targets: @nn's speed (peer time / @nn time) or memory (peer RSS / @nn RSS) must reach `atLeast`. */
export const TARGETS = [
  { workload: 'names-mlp', peer: 'torch', kind: 'speed', atLeast: 3, text: 'names MLP: at least 3x PyTorch steps/s' },
  { workload: 'names-mlp', peer: 'tfjs-cpu', kind: 'speed', atLeast: 20, text: 'names MLP: at least 20x TensorFlow.js (cpu) steps/s' },
  { workload: 'word-mlp', peer: 'torch', kind: 'speed', atLeast: 1 / 0.7, text: 'word MLP: at most 0.7x PyTorch time per step' },
  { workload: 'spam-logreg', peer: 'torch', kind: 'speed', atLeast: 1, text: 'spam logistic regression: at least PyTorch examples/s' },
  { workload: 'spam-mlp', peer: 'torch', kind: 'speed', atLeast: 1, text: 'spam MLP: at least PyTorch examples/s' },
  { workload: 'names-mlp', peer: 'torch', kind: 'memory', atLeast: 1, text: 'names MLP: peak RSS at most PyTorch' },
  { workload: 'word-mlp', peer: 'torch', kind: 'memory', atLeast: 1, text: 'word MLP: peak RSS at most PyTorch' },
];

/** Workloads whose peak RSS is reported next to PyTorch's. */
export const MEMORY_WORKLOADS = ['names-mlp', 'word-mlp'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const fmt = (v) => (v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v >= 100 ? Math.round(v).toLocaleString('en-US') : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/**
 * Per workload and implementation: the median, min and max of the speed figure and of peak RSS over repetitions, the
 * number of repetitions, and a note (why it did not run, or steps timed when a slow peer hit its time budget).
 */
export function aggregate(runs, impls) {
  const rows = [];
  for (const workload of Object.keys(METRICS)) {
    const metric = METRICS[workload];
    for (const impl of impls) {
      const mine = runs.filter((r) => r.workload === workload && r.impl === impl.id);
      if (mine.length === 0) continue;
      const ok = mine.filter((r) => r.result && !r.result.unsupported);
      const values = ok.map((r) => metric.of(r.result)), rss = ok.map((r) => r.result.maxRssMiB);
      const failed = mine.find((r) => r.error || r.result?.unsupported);
      const note = failed && ok.length === 0 ? (failed.error ?? failed.result.unsupported) : ok.length > 0 && ok[0].requestedSteps > ok[0].result.steps ? `${median(ok.map((r) => r.result.steps))} steps timed (time budget)` : '';
      rows.push({
        workload, impl: impl.id, label: impl.label, unit: metric.unit, reps: ok.length, note,
        threads: ok[0]?.result.threads ?? null,
        median: values.length ? median(values) : null, min: values.length ? Math.min(...values) : null, max: values.length ? Math.max(...values) : null,
        rssMiB: rss.length ? median(rss) : null, rssMin: rss.length ? Math.min(...rss) : null, rssMax: rss.length ? Math.max(...rss) : null,
      });
    }
  }
  return rows;
}

// A peer's rows: 'torch' stands for every PyTorch configuration measured (one per OpenMP wait policy).
const peerRows = (rows, workload, peer) => rows.filter((r) => r.workload === workload && (r.impl === peer || (peer === 'torch' && r.impl.startsWith('torch-'))));

/**
 * Peer time / @nn time for a workload (above 1: @nn is faster), from the medians, against the peer's fastest
 * configuration; null when either is missing.
 */
export function speedup(rows, workload, peer) {
  const ours = rows.find((r) => r.workload === workload && r.impl === 'nn');
  const ratios = peerRows(rows, workload, peer).filter((r) => r.median).map((other) => (METRICS[workload].higher ? ours.median / other.median : other.median / ours.median));
  return ours?.median && ratios.length > 0 ? Math.min(...ratios) : null;
}

/** Peer peak RSS / @nn peak RSS (above 1: @nn uses less), against the peer's smallest. */
export function memoryRatio(rows, workload, peer) {
  const ours = rows.find((r) => r.workload === workload && r.impl === 'nn');
  const ratios = peerRows(rows, workload, peer).filter((r) => r.rssMiB).map((other) => other.rssMiB / ours.rssMiB);
  return ours?.rssMiB && ratios.length > 0 ? Math.min(...ratios) : null;
}

// Peer time / @nn time against one row (one configuration of a peer).
function speedupOver(rows, workload, other) {
  const ours = rows.find((r) => r.workload === workload && r.impl === 'nn');
  if (!ours?.median || !other.median) return null;
  return METRICS[workload].higher ? ours.median / other.median : other.median / ours.median;
}

/** Prints the speed table, the memory table, the kernel rows and the targets; returns the target verdicts. */
export function printReport(rows, kernels) {
  const line = (cells, widths) => console.log(cells.map((c, i) => (i < 2 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  '));
  const w = [26, 22, 12, 21, 13, 5];
  for (const workload of Object.keys(METRICS)) {
    const mine = rows.filter((r) => r.workload === workload);
    if (mine.length === 0) continue;
    console.log(`\n${METRICS[workload].title}: ${METRICS[workload].unit}, median over repetitions`);
    line(['', 'implementation', 'median', 'spread (min-max)', 'peer/@nn time', 'reps'], w);
    for (const r of mine) {
      const ratio = r.impl === 'nn' ? '' : speedupOver(rows, workload, r);
      line(['', `${r.label}${r.threads ? ` (${r.threads}t)` : ''}`, fmt(r.median), r.median === null ? '' : `${fmt(r.min)}-${fmt(r.max)}`, ratio === '' ? '' : ratio === null ? 'n/a' : `${fmt(ratio)}x`, r.reps], w);
      if (r.note) console.log(`${''.padEnd(w[0])}  ${' '.repeat(2)}${r.note}`);
    }
  }
  const measured = rows.filter((r) => MEMORY_WORKLOADS.includes(r.workload) && r.rssMiB !== null);
  if (measured.length > 0) {
    console.log('\npeak RSS (MiB, maxRSS of each child process: Node process.resourceUsage(), Python resource.getrusage)');
    line(['', 'implementation', 'median', 'spread (min-max)', 'peer/@nn RSS', 'reps'], w);
  }
  for (const workload of MEMORY_WORKLOADS) {
    for (const r of rows.filter((x) => x.workload === workload && x.rssMiB !== null)) {
      const ours = rows.find((x) => x.workload === workload && x.impl === 'nn');
      const ratio = r.impl === 'nn' ? '' : ours?.rssMiB ? `${fmt(r.rssMiB / ours.rssMiB)}x` : 'n/a';
      line([workload, r.label, fmt(r.rssMiB), `${fmt(r.rssMin)}-${fmt(r.rssMax)}`, ratio, r.reps], w);
    }
  }
  if (kernels.rows.length > 0 || kernels.errors.length > 0) {
    console.log('\nkernels (from ops.mjs, optim.mjs, gemm.mjs; one run each, their own medians)');
    line(['', 'peer', '@nn', 'peer', 'peer/@nn time', 'unit'], [48, 26, 9, 9, 13, 7]);
    for (const k of kernels.rows) {
      const ratio = k.peer === null ? null : k.unit === 'GFLOP/s' ? k.ours / k.peer : k.peer / k.ours;
      line([k.name, k.peerName, fmt(k.ours), fmt(k.peer), ratio === null ? 'n/a' : `${fmt(ratio)}x`, k.unit], [48, 26, 9, 9, 13, 7]);
    }
    for (const e of kernels.errors) console.log(`  ${e}`);
  }
  console.log('\ntargets');
  // Only the targets of the workloads that ran.
  return TARGETS.filter((t) => rows.some((r) => r.workload === t.workload)).map((t) => {
    const value = t.kind === 'speed' ? speedup(rows, t.workload, t.peer) : memoryRatio(rows, t.workload, t.peer);
    const verdict = value === null ? 'N/A' : value >= t.atLeast ? 'PASS' : 'MISS';
    const shown = value === null ? 'peer or @nn missing' : t.kind === 'speed' && t.workload === 'word-mlp' ? `@nn at ${fmt(1 / value)}x PyTorch's time` : `${fmt(value)}x`;
    console.log(`  ${verdict.padEnd(5)} ${t.text.padEnd(58)} ${shown}`);
    return { ...t, value, verdict };
  });
}
