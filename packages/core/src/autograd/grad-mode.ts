// Whether operations record the graph for backward (PyTorch's grad mode), switched for the duration of a function.

let enabled = true;

export const isGradEnabled = (): boolean => enabled;

function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = mode;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Runs fn without recording operations for autograd (like `with torch.no_grad()`), and returns its result. */
export const noGrad = <T>(fn: () => T): T => withGradMode(false, fn);

/** Runs fn with graph recording switched on (like `torch.enable_grad()`), even inside noGrad. */
export const enableGrad = <T>(fn: () => T): T => withGradMode(true, fn);
