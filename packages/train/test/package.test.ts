// The package's publishable shape and dependency wiring (see describePackage in @nn/testing).
import { describePackage } from '@nn/testing';

describePackage(new URL('..', import.meta.url), (specifier) => import(specifier));
