// Test runner settings of the examples: the workspace defaults.
export { default } from '../vitest.shared.js';
