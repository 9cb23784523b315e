// Public entry of @nn/lm: language models: count-based n-grams with smoothing, the Bengio-style neural LM, perplexity and generation.
// The package is scaffolded; its API lands with its own work items.
export {};
