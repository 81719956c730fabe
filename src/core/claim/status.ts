import type { Status } from './types.js';

const STATUS_RANK: Record<Status, number> = { verified: 0, inconclusive: 1, violated: 2 };

/** The worse of two statuses: violated > inconclusive > verified (a claim is as bad as its worst configuration). */
export const worst = (a: Status, b: Status): Status => (STATUS_RANK[a] >= STATUS_RANK[b] ? a : b);
