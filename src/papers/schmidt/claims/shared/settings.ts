/**
 * Settings shared by the claims of Schmidt, Santurkar, Tsipras, Talwar, Mądry (NeurIPS 2018):
 * "w.h.p." is read as with probability ≥ 1 − γ over the training sample, γ = 0.1.
 */
export const GAMMA = 0.1;
/**
 * The upper level: calibrations use stricter levels so that a configuration at the edge of a calibrated regime is not inside the verification test's
 * indifference region.
 */
export const CAL_UPPER_LEVEL = 1 - GAMMA / 2;
/** The lower level, for the lower end c_lo of the sample-complexity bracket. */
export const CAL_LOWER_LEVEL = 1 - 2 * GAMMA;
/** The paper's range of dimensions, d ∈ [10², 10⁶], by decades (calibrations and scaling checks). */
export const D_GRID = [1e2, 1e3, 1e4, 1e5, 1e6];
