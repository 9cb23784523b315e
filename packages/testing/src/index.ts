// Public entry of @nn/testing, the shared test harness of the @nn packages.
export { assertAllClose, maxAbsDiff, type CloseOptions } from './close.js';
export { seededRandom, randomFloat32 } from './random.js';
export { loadJsonFixture } from './fixtures.js';
export { checkDeclaredDependencies, packageShapeProblems, type DependencyReport } from './package-deps.js';
export { describePackage } from './describe-package.js';
export { describeOnBackends, type BackendSuite } from './backend-suite.js';
