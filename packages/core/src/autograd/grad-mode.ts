// Whether operations record the graph for backward (PyTorch's grad mode), with noGrad to switch it off in a scope.

let enabled = true;

export const isGradEnabled = (): boolean => enabled;

/** Runs fn without recording operations for autograd (like `with torch.no_grad()`), and returns its result. */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Runs fn with graph recording switched on (like `torch.enable_grad()`), even inside noGrad. */
export function enableGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
