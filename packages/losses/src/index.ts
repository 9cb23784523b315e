// Public entry of @nn/losses: loss functions and regularizers built from @nn/core ops (mseLoss, crossEntropy, hinge, ranking losses, L1/L2 penalties).
// The package is scaffolded; its API lands with its own work items.
export {};
