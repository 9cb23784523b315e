// Public entry of @nn/optim: optimizers (SGD, Adam, AdamW, ...), learning-rate schedulers, gradient clipping and early stopping.
// The package is scaffolded; its API lands with its own work items.
export {};
