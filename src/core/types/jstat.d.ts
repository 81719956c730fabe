declare module 'jstat' {
  interface Dist1 {
    cdf(x: number, ...p: number[]): number;
    inv(p: number, ...q: number[]): number;
    pdf(x: number, ...p: number[]): number;
  }
  export const jStat: {
    beta: Dist1;
    normal: Dist1;
    studentt: Dist1;
    chisquare: Dist1;
    gamma: Dist1;
    binomial: { cdf(k: number, n: number, p: number): number; pdf(k: number, n: number, p: number): number };
    ibeta(x: number, a: number, b: number): number;
    ibetainv(p: number, a: number, b: number): number;
    gammaln(x: number): number;
    erf(x: number): number;
    erfc(x: number): number;
  };
  export default jStat;
}
