// Test runner settings of this package: the workspace defaults.
export { default } from '../../vitest.shared.js';
